import { z } from 'zod';
import { RESOURCE_ACTIONS } from '../../../../domain/permissions.js';
import { area } from '../areas/schemas.js';
import { role } from '../users/schemas.js';

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

export const RESOURCES = RESOURCE_ACTIONS;
