/**
 * A family's first submission is written by one statement together with the other
 * families that arrived while the previous statements were at the database (group
 * commit, src/server/db/batcher.ts): per family its submission, its first version,
 * its edit link's district, its audit row and its share of the leaf day counters —
 * or nothing, when its id is already stored (a retry that got there first). A statement is atomic, so each
 * family is all written or not at all; if a batch fails, its families are written
 * one by one and only the family at fault fails.
 */
import { sql } from 'kysely';
import { Batcher, eachAloneOnFailure } from '../../../db/batcher.js';
import type { Database } from '../../../db/connection.js';
import type { SubmissionStatus } from '../../../db/types-self-registration.js';

/** One family's rows, as the statement reads them (JSON). */
export interface FamilyWrite {
  /** reg_submissions columns (the rest take their defaults). */
  sub: {
    id: string;
    district_id: string;
    code_id: string;
    area_id: string;
    area_path: string;
    courtyard_id: string | null;
    dwelling_id: string | null;
    address: string | null;
    phones: string[];
    head_name: string;
    members: number;
    category_members: number;
    fever_members: number;
    conflict_members: number;
    edit_token_hash: string;
    family_code: string;
    submitted_at: Date;
    updated_at: Date;
  };
  form: unknown;
  exposures: unknown;
  matches: unknown;
  /** The Asia/Shanghai day the counters count it on. */
  day: string;
  /** audit_log columns (jsonb `changes`/`details` as values, not text). */
  audit: Record<string, unknown>;
}

export interface Written {
  id: string;
  version: number;
  family_code: string;
  status: SubmissionStatus;
}

const SUB_COLUMNS = [
  'id',
  'district_id',
  'code_id',
  'area_id',
  'area_path',
  'courtyard_id',
  'dwelling_id',
  'address',
  'phones',
  'head_name',
  'members',
  'category_members',
  'fever_members',
  'conflict_members',
  'edit_token_hash',
  'family_code',
  'submitted_at',
  'updated_at',
] as const;
const AUDIT_COLUMNS = [
  'at',
  'district_id',
  'actor_id',
  'actor_username',
  'action',
  'resource_type',
  'resource_id',
  'area_id',
  'area_path',
  'ip',
  'request_id',
  'changes',
  'details',
] as const;
const cols = (names: readonly string[], prefix = '') => sql.raw(names.map((c) => `${prefix}${c}`).join(', '));

/**
 * The families' rows in one statement; for each family (in order) what was stored,
 * or null when a submission with its id existed already in its district. Ids are
 * inserted in key order and counters in key order, so concurrent statements lock in
 * one order. The edit link's hash is recorded with its district (public_tokens,
 * kernel/public-tokens.ts) in the same statement: a secret already issued refuses
 * the family, as the submission's own key does within a district. The SQL text is
 * the same for any number of families (one prepared statement).
 */
export async function writeFamilies(db: Database, families: FamilyWrite[]): Promise<(Written | null)[]> {
  const { rows } = await sql<Written & { ord: string }>`
    WITH f AS (
      SELECT x.ord, x.e, r.*
      FROM jsonb_array_elements(${JSON.stringify(families)}::jsonb) WITH ORDINALITY AS x (e, ord)
      CROSS JOIN LATERAL jsonb_populate_record(NULL::reg_submissions, x.e->'sub') r
    ), s AS (
      INSERT INTO reg_submissions (${cols(SUB_COLUMNS)})
      SELECT ${cols(SUB_COLUMNS)} FROM f ORDER BY district_id, id
      ON CONFLICT (district_id, id) DO NOTHING
      RETURNING district_id, id, version, family_code, status
    ), ins AS (
      SELECT f.* FROM f JOIN s USING (district_id, id)
    ), t AS (
      INSERT INTO public_tokens (token_hash, kind, district_id)
      SELECT edit_token_hash, 'reg_edit', district_id FROM ins
    ), v AS (
      INSERT INTO reg_versions (id, district_id, submission_id, no, form, exposures, matches, channel, created_at)
      SELECT id, district_id, id, 1, e->'form', e->'exposures', e->'matches', 'self', submitted_at FROM ins
    ), c AS (
      INSERT INTO reg_day_counters (district_id, area_id, day, metric, value)
      SELECT ins.district_id, ins.area_id, (ins.e->>'day')::date, m.metric, sum(m.value)::bigint
      FROM ins CROSS JOIN LATERAL (VALUES ('persons', ins.members), ('proposed', ins.category_members), ('submissions', 1)) m (metric, value)
      WHERE m.value <> 0
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (district_id, area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value
    ), a AS (
      INSERT INTO audit_log (${cols(AUDIT_COLUMNS)})
      SELECT ${cols(AUDIT_COLUMNS, 'r.')} FROM ins CROSS JOIN LATERAL jsonb_populate_record(NULL::audit_log, ins.e->'audit') r
      ORDER BY ins.ord
    )
    SELECT f.ord, s.id, s.version, s.family_code, s.status FROM f JOIN s USING (district_id, id)`.execute(db);
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  return families.map((_, i) => {
    const r = byOrd.get(i + 1);
    return r ? { id: r.id, version: r.version, family_code: r.family_code, status: r.status } : null;
  });
}

/** Most families in one statement. */
const MAX_BATCH = 64;
/** Statements at the database at once: the rest of the pool stays for the reads. */
const MAX_RUNNING = 2;
const batchers = new WeakMap<Database, Batcher<FamilyWrite, Written | null>>();

const written = { batches: 0, items: 0 };

/** Statements sent and families in them by this process (the benchmark reports families per statement). */
export function writeFigures(): { statements: number; families: number } {
  return { statements: written.batches, families: written.items };
}

/** Writes the family with whatever else is waiting (per pool: `root` is the request context's pool). */
export function writeFamily(root: Database, family: FamilyWrite): Promise<Written | null> {
  let b = batchers.get(root);
  if (!b) {
    b = new Batcher((items) => eachAloneOnFailure(items, (xs) => writeFamilies(root, xs)), {
      maxBatch: MAX_BATCH,
      maxRunning: MAX_RUNNING,
      key: (f) => f.sub.id,
      onBatch: (n) => {
        written.batches++;
        written.items += n;
      },
    });
    batchers.set(root, b);
  }
  return b.submit(family);
}
