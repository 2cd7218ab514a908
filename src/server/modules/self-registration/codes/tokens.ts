/**
 * A registration code's token, the credential its poster carries (`/m/reg/<token>`).
 * The database keeps only its SHA-256 (`reg_codes.token_hash`, as for check-in links and
 * edit links), so a copy of the database opens no code. Posters are glued to walls for
 * weeks and must be re-printable, so the token is not random but derived: the HMAC of the
 * code's id under a server secret (`REG_CODE_SECRET`, by default `SESSION_SECRET`) that
 * is never stored. The console's poster and PNG recompute it; a code whose stored hash
 * does not match (made before tokens were hashed, or under another secret) keeps working
 * from its printed posters but cannot be printed again.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Config } from '../../../config.js';

/** 32 base64url characters: 192 bits of the HMAC. */
const TOKEN_LENGTH = 32;

function secretOf(config: Pick<Config, 'REG_CODE_SECRET' | 'SESSION_SECRET'>): string {
  const secret = config.REG_CODE_SECRET ?? config.SESSION_SECRET;
  if (!secret) throw new Error('REG_CODE_SECRET or SESSION_SECRET is needed to make registration-code tokens');
  return secret;
}

/** The token of the code with this id (a UUID), under the configured secret. */
export function codeToken(config: Pick<Config, 'REG_CODE_SECRET' | 'SESSION_SECRET'>, codeId: string): string {
  return createHmac('sha256', secretOf(config))
    .update(`reg-code:${codeId.toLowerCase()}`)
    .digest('base64url')
    .slice(0, TOKEN_LENGTH);
}

/**
 * What the database keeps of a token: its SHA-256 in hex, the same as SQL's
 * `encode(sha256(convert_to(token, 'UTF8')), 'hex')` (the migration hashed the old tokens so).
 */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The code's token if the stored hash is its hash (the code can be printed), else null. */
export function printableToken(
  config: Pick<Config, 'REG_CODE_SECRET' | 'SESSION_SECRET'>,
  code: { id: string; token_hash: string },
): string | null {
  const token = codeToken(config, code.id);
  return tokenHash(token) === code.token_hash ? token : null;
}
