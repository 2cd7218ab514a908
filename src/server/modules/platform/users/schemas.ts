import { z } from 'zod';
import { ROLES } from '../../../../domain/permissions.js';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, areaLevel, idParams, page, personName } from '../../../kernel/schemas.js';

export const role = z.enum(ROLES);
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'username');
export const mobile = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .pipe(z.string().regex(/^1[3-9][0-9]{9}$/, 'mobile'));

export const user = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role,
  area: z.object({ id: areaId, name: z.string(), level: areaLevel, code: z.string() }),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof user>;

export const userListQuery = z.object({
  areaId: areaId.optional().describe('only users scoped to this area or below'),
  role: role.optional(),
  q: z.string().trim().min(1).max(50).optional().describe('username or display-name fragment'),
  includeDisabled: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const userList = page(user);
export type UserListDto = z.infer<typeof userList>;

export const createUser = z.object({
  username,
  displayName: personName(),
  phone: mobile.nullable().optional(),
  role,
  areaId,
  initialPassword: z.string().min(1).max(128),
});

export const updateUser = z.object({
  displayName: personName().optional(),
  phone: mobile.nullable().optional(),
  role: role.optional(),
  areaId: areaId.optional(),
  disabled: z.boolean().optional(),
  /** Sets a new initial password the user must change at next sign-in. */
  resetPassword: z.string().min(1).max(128).optional(),
  unlock: z.literal(true).optional(),
});

const tags = ['users'];

export const userRoutes = defineRoutes({
  'GET /api/users': {
    tags,
    summary: "Accounts inside the actor's area subtree",
    query: userListQuery,
    response: userList,
  },
  'GET /api/users/:id': { tags, summary: 'One account', params: idParams, response: user },
  'POST /api/users': {
    tags,
    summary: 'Create an account (must change its password at first sign-in)',
    body: createUser,
    status: 201,
    response: user,
  },
  'PATCH /api/users/:id': {
    tags,
    summary: 'Edit, reassign, disable/enable, unlock or reset the password of an account',
    params: idParams,
    body: updateUser,
    response: user,
  },
});
