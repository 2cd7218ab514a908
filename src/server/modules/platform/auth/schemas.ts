import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { area } from '../areas/index.js';
import { role } from '../users/index.js';

export const login = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(128),
});

export const changePassword = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const me = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role,
    mustChangePassword: z.boolean(),
  }),
  scope: area.pick({ id: true, name: true, level: true, code: true, path: true }),
  permissions: z.array(z.string()),
  /** Send back in the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
  resources: z.record(z.string(), z.array(z.string())).describe('every resource and action the platform knows'),
});
export type MeDto = z.infer<typeof me>;

const tags = ['auth'];

export const authRoutes = defineRoutes({
  'POST /api/auth/login': {
    tags,
    summary: 'Sign in; sets the HttpOnly session cookie',
    body: login,
    response: me,
    public: true,
    csrf: false,
  },
  'POST /api/auth/logout': { tags, summary: 'Sign out (ends this session)', status: 204 },
  'GET /api/me': {
    tags,
    summary: 'The signed-in user, scope, computed permissions and CSRF token',
    response: me,
  },
  'POST /api/me/password': {
    tags,
    summary: 'Change own password; ends other sessions',
    body: changePassword,
    status: 204,
  },
});
