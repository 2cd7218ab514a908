/**
 * Accounts (账号): created, edited, reassigned, disabled, unlocked and reset by admins
 * inside their own area subtree. What other modules and the console may use of it is
 * exported here and nowhere else.
 */
export { usersPlugin } from './routes.js';
export { userRoutes, role, type UserDto } from './schemas.js';
