/**
 * The raw-SQL baseline of bench/selfreg.ts: the same families stored by plain
 * node-postgres clients over as many connections as the server's pool, at full speed.
 * `inserts`: the four writes of a submission (reg_submissions, reg_versions, the
 * reg_day_counters upsert, the audit row) as four statements in one transaction.
 * `whole`: the request's SQL one family at a time, as the server sent it before group
 * commit (src/server/modules/self-registration/prepare.ts `lookup`; the write as one
 * statement, no BEGIN/COMMIT): one read (code, earlier submission, dwelling, registry
 * candidates) and one statement writing all four — without Node and HTTP. The server
 * now writes the families waiting at a moment in one statement (write-batch.ts).
 */
import { createHash, randomInt } from 'node:crypto';
import pg from 'pg';
import { shanghaiDay } from '../src/domain/clock.js';
import { FEVER_AT } from '../src/domain/health.js';
import {
  type CategoryWithCriteria,
  exposures,
  FAMILY_CODE_ALPHABET,
  type FamilyForm,
  minimiseForm,
} from '../src/domain/self-registration.js';
import { editSecret, family, submissionId, type Target } from './selfreg-family.js';
import { quantiles } from './timing.js';

export interface RawContext {
  url: string;
  targets: Target[];
  /** By token: the code's id and district. */
  codes: Map<string, { id: string; districtId: string }>;
  /** By dwelling id: its grid and area path. */
  dwellings: Map<string, { gridId: string; areaPath: string; courtyardId: string }>;
}

const familyCode = () =>
  Array.from({ length: 8 }, () => FAMILY_CODE_ALPHABET[randomInt(FAMILY_CODE_ALPHABET.length)]).join('');

const INSERT_SUBMISSION = `INSERT INTO reg_submissions (id, district_id, code_id, area_id, area_path, courtyard_id, dwelling_id, address, edit_token_hash, family_code, phones, head_name, members, category_members, fever_members, conflict_members, submitted_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10, $11, $12, $13, $14, 0, $15, $15) ON CONFLICT (district_id, id) DO NOTHING RETURNING id, version, family_code, status`;
const INSERT_VERSION = `INSERT INTO reg_versions (id, district_id, submission_id, no, form, exposures, matches, channel, created_at) VALUES ($1, $2, $1, 1, $3, $4, $5, 'self', $6)`;
const COUNT2 = `INSERT INTO reg_day_counters (district_id, area_id, day, metric, value) VALUES ($4, $1, $2, 'persons', $3), ($4, $1, $2, 'submissions', 1)
  ON CONFLICT (district_id, area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value`;
const COUNT3 = `INSERT INTO reg_day_counters (district_id, area_id, day, metric, value) VALUES ($5, $1, $2, 'persons', $3), ($5, $1, $2, 'proposed', $4), ($5, $1, $2, 'submissions', 1)
  ON CONFLICT (district_id, area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value`;
const AUDIT = `INSERT INTO audit_log (at, district_id, actor_id, actor_username, action, resource_type, resource_id, area_id, area_path, ip, request_id, changes, details)
  VALUES ($1, $2, NULL, NULL, 'selfreg.submit', 'reg_submission', $3, $4, $5, '127.0.0.1', 'raw', NULL, $6)`;

/** The server's one read (prepare.ts `lookup`): code, earlier submission, dwelling, courtyard, registry candidates. */
const LOOKUP = `SELECT k.id AS k_id, k.district_id::text AS k_district, k.area_id::text AS k_area, k.area_path AS k_path, k.courtyard_id AS k_courtyard,
    ky.grid_id::text AS k_courtyard_grid, ky.area_path AS k_courtyard_path, k.ask_everyone AS k_ask, k.status AS k_status, k.expires_at AS k_expires,
    s.id AS s_id, s.version AS s_version, s.family_code AS s_family_code, s.status AS s_status, s.code_id AS s_code, s.edit_token_hash AS s_hash,
    d.id AS d_id, d.courtyard_id AS d_courtyard, d.area_path AS d_path, d.grid_id::text AS d_grid, d.retired_at IS NOT NULL AS d_retired,
    y.id AS y_id, y.grid_id::text AS y_grid, y.area_path AS y_path, y.retired_at IS NOT NULL AS y_retired,
    (SELECT coalesce(json_agg(c), '[]') FROM (
       SELECT p.id, p.name, p.doc_type, p.doc_number, p.phone, p.area_path, hm.household_id, o.dwelling_id
       FROM persons p
       LEFT JOIN household_members hm ON hm.district_id = p.district_id AND hm.person_id = p.id AND hm.end_date IS NULL
       LEFT JOIN occupancies o ON o.district_id = hm.district_id AND o.household_id = hm.household_id AND o.end_date IS NULL
       WHERE p.district_id = $14 AND p.merged_into IS NULL AND ((p.doc_type, p.doc_number) IN (($5, $6), ($7, $8), ($9, $10))
         OR (p.phone IS NOT NULL AND (p.name, p.phone, p.phone_tail) IN (($11, $12, $13))))
    ) c) AS candidates
  FROM (SELECT 1) one
  LEFT JOIN reg_codes k ON k.district_id = $14 AND k.token_hash = $1
  LEFT JOIN courtyards ky ON ky.district_id = $14 AND ky.id = k.courtyard_id
  LEFT JOIN reg_submissions s ON s.district_id = $14 AND s.id = $2::uuid
  LEFT JOIN dwellings d ON d.district_id = $14 AND d.id = $3::uuid
  LEFT JOIN courtyards y ON y.district_id = $14 AND y.id = $4::uuid`;

/** The token's district first (kernel/public-tokens.ts), as the server reads it. */
const TOKEN_DISTRICT = `SELECT district_id FROM public_tokens WHERE token_hash = $1 AND kind = 'reg_code'`;

/** The server's one write (submit.ts): the submission, its version, the counters and the audit row, or nothing for a retry. */
const writeAll = (proposed: boolean) => `WITH s AS (
    ${INSERT_SUBMISSION}
  ), v AS (
    INSERT INTO reg_versions (id, district_id, submission_id, no, form, exposures, matches, channel, created_at)
    SELECT s.id, $2::bigint, s.id, 1, $16::jsonb, $17::jsonb, $18::jsonb, 'self', $15::timestamptz FROM s
  ), c AS (
    INSERT INTO reg_day_counters (district_id, area_id, day, metric, value)
    SELECT $2::bigint, v.area_id, v.day, v.metric, v.value
    FROM (VALUES ($4::bigint, $19::date, 'persons'::text, $12::bigint)${proposed ? `, ($4::bigint, $19::date, 'proposed'::text, $13::bigint)` : ''}, ($4::bigint, $19::date, 'submissions'::text, 1::bigint)) v (area_id, day, metric, value)
    WHERE EXISTS (SELECT 1 FROM s)
    ON CONFLICT (district_id, area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value
  ), a AS (
    INSERT INTO audit_log (at, district_id, actor_id, actor_username, action, resource_type, resource_id, area_id, area_path, ip, request_id, changes, details)
    SELECT $15::timestamptz, $2::bigint, NULL, NULL, 'selfreg.submit', 'reg_submission', $1::text, $4::bigint, $5::text, '127.0.0.1'::inet, 'raw', NULL, $20::jsonb FROM s
  )
  SELECT id, version, family_code, status FROM s`;

const CATEGORIES = `SELECT key, label, criteria FROM health_categories WHERE criteria IS NOT NULL AND effective_from <= $1 AND (effective_until IS NULL OR effective_until > $1) ORDER BY effective_from, key`;

/** Families stored raw from `connections` clients for `seconds`: families/s and latency per transaction. */
export async function rawFamilies(
  ctx: RawContext,
  opts: { mode: 'inserts' | 'whole'; connections: number; seconds: number; marker: number; firstIndex: number },
) {
  const clients = await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      const c = new pg.Client({ connectionString: ctx.url, application_name: 'bench-raw' });
      await c.connect();
      return c;
    }),
  );
  const day = shanghaiDay(new Date());
  const categories = (await clients[0]!.query<CategoryWithCriteria>({ name: 'cat', text: CATEGORIES, values: [day] }))
    .rows;
  const lat: number[] = [];
  let i = opts.firstIndex;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const n = i++;
        const f = family(n, ctx.targets, day);
        const id = submissionId(opts.marker, n);
        const code = ctx.codes.get(f.target.token)!;
        const place = ctx.dwellings.get(f.form.dwellingId)!;
        const t0 = performance.now();
        if (opts.mode === 'inserts') await c.query('BEGIN');
        const now = new Date();
        if (opts.mode === 'whole') {
          const m = f.form.members;
          const tokenHash = createHash('sha256').update(f.target.token).digest('hex');
          await c.query({ name: 'token', text: TOKEN_DISTRICT, values: [tokenHash] });
          await c.query({
            name: 'lookup',
            text: LOOKUP,
            values: [
              tokenHash,
              id,
              f.form.dwellingId,
              null,
              m[0]!.docType,
              m[0]!.docNumber,
              m[1]!.docType,
              m[1]!.docNumber,
              m[2]!.docType,
              m[2]!.docNumber,
              m[0]!.name,
              m[0]!.phone,
              m[0]!.phone!.slice(-4),
              code.districtId,
            ],
          });
        }
        const form = minimiseForm(f.form as FamilyForm, day, categories, false);
        const exp = exposures(form, categories, day);
        const categoryMembers = exp.filter((e) => e.categories.length > 0).length;
        const fever = form.members.filter(
          (m) => !!m.health && (m.health.temperature >= FEVER_AT || m.health.symptoms.length > 0),
        ).length;
        const matches = form.members.map((m) => ({ key: m.key, by: null, personId: null, conflicts: [] }));
        const hash = createHash('sha256').update(editSecret()).digest('hex');
        const submission = [
          id,
          code.districtId,
          code.id,
          place.gridId,
          place.areaPath,
          place.courtyardId,
          f.form.dwellingId,
          hash,
          familyCode(),
          [form.members[0]!.phone],
          form.members[0]!.name,
          form.members.length,
          categoryMembers,
          fever,
          now,
        ];
        const details = JSON.stringify({
          codeId: code.id,
          members: form.members.length,
          categoryMembers,
          listed: true,
        });
        if (opts.mode === 'whole') {
          await c.query({
            name: categoryMembers > 0 ? 'w3' : 'w2',
            text: writeAll(categoryMembers > 0),
            values: [...submission, JSON.stringify(form), JSON.stringify(exp), JSON.stringify(matches), day, details],
          });
        } else {
          await c.query({ name: 'sub', text: INSERT_SUBMISSION, values: submission });
          await c.query({
            name: 'ver',
            text: INSERT_VERSION,
            values: [id, code.districtId, JSON.stringify(form), JSON.stringify(exp), JSON.stringify(matches), now],
          });
          if (categoryMembers > 0)
            await c.query({
              name: 'c3',
              text: COUNT3,
              values: [place.gridId, day, form.members.length, categoryMembers, code.districtId],
            });
          else
            await c.query({
              name: 'c2',
              text: COUNT2,
              values: [place.gridId, day, form.members.length, code.districtId],
            });
          await c.query({
            name: 'audit',
            text: AUDIT,
            values: [now, code.districtId, id, place.gridId, place.areaPath, details],
          });
        }
        if (opts.mode === 'inserts') await c.query('COMMIT');
        lat.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { families: lat.length, perSecond: lat.length / elapsed, ...quantiles(lat) };
}
