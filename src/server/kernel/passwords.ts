import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '../../domain/password.js';
import { fieldProblem, validationError } from './errors.js';

/** argon2id with the library's recommended defaults (19 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hash('no-such-user-password-1');
  await verifyPassword(await dummy, password);
}

/** Throws a field-level validation error when the password breaks the policy. */
export function assertPasswordPolicy(field: string, password: string, username?: string): void {
  const problems = checkPassword(password, username);
  if (problems.length) throw validationError(problems.map((p) => fieldProblem(field, p)));
}
