/**
 * Control characters are refused at the edge, in every /api request's parsed body, query
 * and path parameters, before validation and before any query: PostgreSQL cannot store
 * U+0000 in text or jsonb (an unauthenticated sign-in with "a\u0000b" was a 500), and the
 * other C0 controls and DEL have no place in a name, an address or a search. Tab, line
 * feed and carriage return stay allowed (notes, pasted addresses); a field that must be
 * one line says so in its own schema.
 */
import type { FastifyInstance } from 'fastify';
import { AppError, fieldProblem, type FieldProblem } from '../kernel/errors.js';

/** A C0 control other than tab, line feed and carriage return, or DEL. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** The paths (a.b[2].c) of strings or keys in `value` that hold a control character. */
export function controlCharacterPaths(value: unknown, at = '', found: string[] = [], depth = 0): string[] {
  if (found.length >= 20 || depth > 32) return found;
  if (typeof value === 'string') {
    if (hasControl(value)) found.push(at || '(value)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlCharacterPaths(v, `${at}[${i}]`, found, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = at ? `${at}.${k}` : k;
      if (hasControl(k)) found.push(path);
      else controlCharacterPaths(v, path, found, depth + 1);
    }
  }
  return found;
}

export function installControlCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', (req, _reply, done) => {
    if (!req.url.startsWith('/api/')) return done();
    const problems: FieldProblem[] = [req.params, req.query, req.body]
      .flatMap((part) => controlCharacterPaths(part))
      .map((field) => fieldProblem(field, 'control_character'));
    done(problems.length > 0 ? new AppError('VALIDATION_FAILED', problems) : undefined);
  });
}
