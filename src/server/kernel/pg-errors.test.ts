/**
 * Database errors reach the catalogue by their constraint's name, also when a Citus shard
 * reports them: with the shard's suffix on the name, or with the name only in the message.
 */
import { describe, expect, it } from 'vitest';
import { translateDbError } from './pg-errors.js';

const pgError = (fields: { code: string; constraint?: string; message: string }) =>
  Object.assign(new Error(fields.message), fields);

describe('translateDbError', () => {
  it('maps a constraint by its name on one PostgreSQL', () => {
    const e = pgError({ code: '23505', constraint: 'users_username', message: 'duplicate key' });
    expect(translateDbError(e)?.code).toBe('USERNAME_TAKEN');
  });

  it("maps a Citus shard's constraint name (suffixed) to the schema's", () => {
    const e = pgError({ code: '23505', constraint: 'areas_code_vintage_active_102008', message: 'duplicate key' });
    expect(translateDbError(e)?.code).toBe('AREA_CODE_TAKEN');
  });

  it('reads the name from the message when a worker relays only the message', () => {
    const e = pgError({
      code: '23505',
      message: 'duplicate key value violates unique constraint "persons_document_102077"',
    });
    const mapped = translateDbError(e);
    expect(mapped?.code).toBe('PERSON_EXISTS');
    expect(mapped?.fields[0]).toMatchObject({ field: 'docNumber' });
  });

  it('leaves an unknown constraint generic, suffix and all', () => {
    const e = pgError({ code: '23505', constraint: 'something_else_102001', message: 'duplicate key' });
    expect(translateDbError(e)?.code).toBe('CONFLICT');
  });
});
