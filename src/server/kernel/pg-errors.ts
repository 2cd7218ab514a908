/**
 * PostgreSQL errors translated into the catalogue, in one place. Constraints
 * named here get a specific code; other violations get a generic one.
 */
import { AppError, type ErrorCode, fieldProblem } from './errors.js';

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** The name checks (migration 2026-12-03T0820): constraint → the request field that writes the column. */
const NAME_CHECKS: Record<string, string> = {
  persons_name_visible: 'name',
  courtyard_contacts_name_visible: 'name',
  users_display_name_visible: 'displayName',
  reg_codes_responsible_name_visible: 'responsibleName',
  areas_name_visible: 'name',
  courtyards_name_visible: 'name',
  buildings_label_visible: 'label',
  units_label_visible: 'label',
  dwellings_room_visible: 'room',
  isolation_sites_name_visible: 'name',
  isolation_rooms_label_visible: 'label',
  health_categories_label_visible: 'label',
};

/** Constraint → catalogue code, the request field it is about, and why (default: conflict). */
const BY_CONSTRAINT: Record<string, [ErrorCode, string | null, string?]> = {
  ...Object.fromEntries(
    Object.entries(NAME_CHECKS).map(([name, field]) => [name, ['VALIDATION_FAILED', field, 'invisible_character']]),
  ),
  users_username: ['USERNAME_TAKEN', 'username'],
  areas_code_vintage_active: ['AREA_CODE_TAKEN', 'code'],
  areas_level_under_parent: ['AREA_LEVEL_MISMATCH', 'parentId'],
  areas_parent_active: ['AREA_RETIRED', 'parentId'],
  areas_root_is_district: ['AREA_LEVEL_MISMATCH', 'parentId'],
  persons_document: ['PERSON_EXISTS', 'docNumber'],
  dwellings_address: ['CONFLICT', 'room'],
  registry_on_grid: ['AREA_LEVEL_MISMATCH', 'gridId', 'invalid'],
  courtyards_gate_dates: ['VALIDATION_FAILED', 'gateUntil', 'before_start'],
  occupancies_dates: ['VALIDATION_FAILED', 'endDate', 'before_start'],
  household_members_dates: ['VALIDATION_FAILED', 'endDate', 'before_start'],
  isolation_room_full: ['ISOLATION_ROOM_FULL', 'roomId'],
  hospital_full: ['HOSPITAL_FULL', 'siteId'],
  health_measures_bed_taken: ['BED_TAKEN', 'bed'],
  health_measures_room_site: ['VALIDATION_FAILED', 'roomId', 'invalid'],
  health_measures_hospital: ['VALIDATION_FAILED', 'siteId', 'invalid'],
  health_measures_active: ['MEASURE_ACTIVE', null],
};

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

function isPgError(e: unknown): e is PgError & Error {
  return e instanceof Error && typeof (e as PgError).code === 'string';
}

/** pg-pool's own errors carry no code: no free connection in time, or none could be opened in time. */
const POOL_TIMEOUTS = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/**
 * The violated constraint's name as the schema has it. On Citus the error comes back from
 * a shard: the name carries the shard's suffix (`areas_code_vintage_active_102008`), and
 * from a worker only in the message (`… violates unique constraint "users_username_102041"`).
 */
function constraintOf(e: PgError & Error): string | undefined {
  const named = e.constraint ?? /constraint "([^"]+)"/.exec(e.message)?.[1];
  if (!named || named in BY_CONSTRAINT) return named;
  const bare = named.replace(/_\d+$/, '');
  return bare in BY_CONSTRAINT ? bare : named;
}

export function translateDbError(e: unknown): AppError | null {
  if (e instanceof Error && POOL_TIMEOUTS.includes(e.message)) return new AppError('DATABASE_UNAVAILABLE');
  if (!isPgError(e)) return null;
  const constraint = constraintOf(e);
  const mapped = constraint ? BY_CONSTRAINT[constraint] : undefined;
  if (mapped) return new AppError(mapped[0], mapped[1] ? [fieldProblem(mapped[1], mapped[2] ?? 'conflict')] : []);
  switch (e.code) {
    case '23505':
      return new AppError('CONFLICT');
    case '23503':
      return new AppError('REFERENCE_NOT_FOUND');
    case '23514':
    case '23502':
      return new AppError('VALIDATION_FAILED', [fieldProblem(e.column ?? constraint ?? 'record', 'invalid')]);
    // A character the database cannot store (U+0000 in text or jsonb, a lone surrogate):
    // the edge refuses control characters first; this is the last line.
    case '22021':
    case '22P05':
      return new AppError('VALIDATION_FAILED', [fieldProblem(e.column ?? 'text', 'unstorable_text')]);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new AppError('BAD_REQUEST');
  }
  if (CONNECTION_CODES.has(e.code!)) return new AppError('DATABASE_UNAVAILABLE');
  return null;
}
