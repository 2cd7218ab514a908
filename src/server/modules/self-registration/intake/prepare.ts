/**
 * Everything the server checks before a family's form is stored, the first time or
 * as a correction: the code works, the dwelling lies in the code's scope, every rule
 * of the shared form check, what the resident was not asked is dropped, categories
 * and registry matches. What it needs from the database comes in one round trip
 * (`lookup`): a campaign sends hundreds of families a second through here.
 */
import { sql } from 'kysely';
import { shanghaiDay } from '../../../../domain/clock.js';
import { FEVER_AT } from '../../../../domain/health.js';
import { checkDocument } from '../../../../domain/id-number.js';
import { checkPhone } from '../../../../domain/phone.js';
import { checkFamilyForm, exposures, type FamilyForm, minimiseForm } from '../../../../domain/self-registration.js';
import type { CodeStatus, MemberMatch, SubmissionStatus } from '../../../db/types-self-registration.js';
import type { AreaLevel } from '../../../../domain/areas.js';
import type { Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, validationError } from '../../../kernel/errors.js';
import { districtOfToken } from '../../../kernel/public-tokens.js';
import { contains, type Scope } from '../../../kernel/scope.js';
import { tokenHash } from '../codes/index.js';
import { categoriesWithCriteria, codeScope } from './code-view.js';

export { assertWorking } from './code-view.js';
import { candidateQuery, matchMembers, type RegistryCandidate } from './matching.js';

export interface LookedUp {
  code: {
    id: string;
    district_id: string;
    area_id: string;
    area_path: string;
    /** The subtree the code registers families in. */
    scope: Scope;
    courtyard_id: string | null;
    courtyard_grid: string | null;
    courtyard_path: string | null;
    ask_everyone: boolean;
    status: CodeStatus;
    expires_at: Date;
  } | null;
  earlier: {
    id: string;
    version: number;
    family_code: string;
    status: SubmissionStatus;
    code_id: string;
    edit_token_hash: string;
  } | null;
  dwelling: { id: string; courtyard_id: string; area_path: string; grid_id: string; retired: boolean } | null;
  courtyard: { id: string; grid_id: string; area_path: string; retired: boolean } | null;
  candidates: RegistryCandidate[];
}

/** Document numbers and phones as stored, so the registry lookup finds them (invalid ones find nothing). */
function normalised(members: FamilyForm['members'], day: string) {
  return members.map((m) => {
    const doc = checkDocument(m.docType, m.docNumber, day);
    const phone = m.phone ? checkPhone(m.phone) : null;
    return {
      docType: m.docType,
      docNumber: doc.ok ? doc.number : m.docNumber,
      name: m.name.trim(),
      phone: phone?.ok ? phone.number : null,
    };
  });
}

const nothing: LookedUp = { code: null, earlier: null, dwelling: null, courtyard: null, candidates: [] };

/**
 * The code (by its token's hash, or by id for a correction), an earlier submission
 * with this id, the dwelling or courtyard chosen, and the live registry persons holding
 * the members' documents or names with phones, with where they live: one round trip in
 * the code's district, after the token's district is read (public_tokens). Only records
 * of that district are found.
 */
export async function lookup(
  ctx: Context,
  by: { token: string } | { districtId: string; codeId: string },
  form: FamilyForm,
  submissionId: string | null,
): Promise<LookedUp> {
  const members = normalised(form.members, shanghaiDay(ctx.clock.now()));
  const hash = 'token' in by ? tokenHash(by.token) : '';
  const districtId = 'token' in by ? await districtOfToken(ctx.db, 'reg_code', hash) : by.districtId;
  if (districtId === null) return nothing;
  const district = sql`${districtId}::bigint`;
  const codeWhere = 'token' in by ? sql`k.token_hash = ${hash}` : sql`k.id = ${by.codeId}::uuid`;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT k.id AS k_id, k.district_id::text AS k_district, k.area_id::text AS k_area, k.area_path AS k_path, ka.level AS k_level, k.courtyard_id AS k_courtyard,
           ky.grid_id::text AS k_courtyard_grid, ky.area_path AS k_courtyard_path, k.ask_everyone AS k_ask, k.status AS k_status, k.expires_at AS k_expires,
           s.id AS s_id, s.version AS s_version, s.family_code AS s_family_code, s.status AS s_status, s.code_id AS s_code, s.edit_token_hash AS s_hash,
           d.id AS d_id, d.courtyard_id AS d_courtyard, d.area_path AS d_path, d.grid_id::text AS d_grid, d.retired_at IS NOT NULL AS d_retired,
           y.id AS y_id, y.grid_id::text AS y_grid, y.area_path AS y_path, y.retired_at IS NOT NULL AS y_retired,
           (SELECT coalesce(json_agg(c), '[]') FROM (${candidateQuery(members, district)}
           ) c) AS candidates
    FROM (SELECT 1) one
    LEFT JOIN reg_codes k ON k.district_id = ${district} AND ${codeWhere}
    LEFT JOIN areas ka ON ka.id = k.area_id
    LEFT JOIN courtyards ky ON ky.district_id = ${district} AND ky.id = k.courtyard_id
    LEFT JOIN reg_submissions s ON s.district_id = ${district} AND s.id = ${submissionId}::uuid
    LEFT JOIN dwellings d ON d.district_id = ${district} AND d.id = ${form.dwellingId ?? null}::uuid
    LEFT JOIN courtyards y ON y.district_id = ${district} AND y.id = ${form.courtyardId ?? null}::uuid`.execute(ctx.db);
  const r = rows[0]!;
  const str = (k: string) => (r[k] as string | null) ?? null;
  const codeArea = r.k_id
    ? {
        area_id: str('k_area')!,
        area_path: str('k_path')!,
        district_id: str('k_district')!,
        area_level: r.k_level as AreaLevel,
      }
    : null;
  return {
    code: codeArea
      ? {
          id: str('k_id')!,
          district_id: codeArea.district_id,
          area_id: codeArea.area_id,
          area_path: codeArea.area_path,
          scope: codeScope(codeArea),
          courtyard_id: str('k_courtyard'),
          courtyard_grid: str('k_courtyard_grid'),
          courtyard_path: str('k_courtyard_path'),
          ask_everyone: r.k_ask as boolean,
          status: r.k_status as CodeStatus,
          expires_at: r.k_expires as Date,
        }
      : null,
    earlier: r.s_id
      ? {
          id: str('s_id')!,
          version: r.s_version as number,
          family_code: str('s_family_code')!,
          status: r.s_status as SubmissionStatus,
          code_id: str('s_code')!,
          edit_token_hash: str('s_hash')!,
        }
      : null,
    dwelling: r.d_id
      ? {
          id: str('d_id')!,
          courtyard_id: str('d_courtyard')!,
          area_path: str('d_path')!,
          grid_id: str('d_grid')!,
          retired: r.d_retired as boolean,
        }
      : null,
    courtyard: r.y_id
      ? { id: str('y_id')!, grid_id: str('y_grid')!, area_path: str('y_path')!, retired: r.y_retired as boolean }
      : null,
    candidates: r.candidates as RegistryCandidate[],
  };
}

export interface Prepared {
  day: string;
  form: FamilyForm;
  area: { id: string; path: string };
  dwellingId: string | null;
  courtyardId: string | null;
  exposures: ReturnType<typeof exposures>;
  matches: ReturnType<typeof matchMembers>;
  flags: { members: number; categoryMembers: number; feverMembers: number; conflictMembers: number };
  phones: string[];
  headName: string;
}

const outOfScope = (field: string) => new AppError('REG_OUT_OF_SCOPE', [fieldProblem(`form.${field}`, 'out_of_scope')]);

/** Where the submission belongs: the dwelling's grid, else the courtyard's, else the code's area. */
function placeOf(code: NonNullable<LookedUp['code']>, form: FamilyForm, found: LookedUp) {
  if (form.dwellingId) {
    const d = found.dwelling;
    if (
      !d ||
      d.retired ||
      !(code.courtyard_id ? d.courtyard_id === code.courtyard_id : contains(code.scope, d.area_path))
    )
      throw outOfScope('dwellingId');
    return { area: { id: d.grid_id, path: d.area_path }, dwellingId: d.id, courtyardId: d.courtyard_id };
  }
  if (form.courtyardId) {
    const y = found.courtyard;
    if (!y || y.retired || !(code.courtyard_id ? y.id === code.courtyard_id : contains(code.scope, y.area_path)))
      throw outOfScope('courtyardId');
    return { area: { id: y.grid_id, path: y.area_path }, dwellingId: null, courtyardId: y.id };
  }
  if (code.courtyard_id)
    return {
      area: { id: code.courtyard_grid!, path: code.courtyard_path! },
      dwellingId: null,
      courtyardId: code.courtyard_id,
    };
  return { area: { id: code.area_id, path: code.area_path }, dwellingId: null, courtyardId: null };
}

export async function prepare(
  ctx: Context,
  code: NonNullable<LookedUp['code']>,
  raw: FamilyForm,
  found: LookedUp,
): Promise<Prepared> {
  const day = shanghaiDay(ctx.clock.now());
  const categories = await categoriesWithCriteria(ctx, code.district_id, day);
  const problems = checkFamilyForm(raw, { day, categories, askEveryone: code.ask_everyone, dwellingListed: true });
  if (problems.length) throw validationError(problems.map((p) => fieldProblem(`form.${p.field}`, p.reason)));
  const place = placeOf(code, raw, found);
  const form = minimiseForm(
    {
      ...raw,
      dwellingId: place.dwellingId,
      courtyardId: place.courtyardId,
      address: place.dwellingId ? null : (raw.address?.trim() ?? null),
    },
    day,
    categories,
    code.ask_everyone,
  );
  const exp = exposures(form, categories, day);
  const matches = matchMembers(form.members, found.candidates, place.dwellingId);
  const fever = (m: FamilyForm['members'][number]) =>
    !!m.health && (m.health.temperature >= FEVER_AT || m.health.symptoms.length > 0);
  return {
    day,
    form,
    ...place,
    exposures: exp,
    matches,
    flags: {
      members: form.members.length,
      categoryMembers: exp.filter((e) => e.categories.length > 0).length,
      feverMembers: form.members.filter(fever).length,
      conflictMembers: matches.filter((m) => m.conflicts.length > 0).length,
    },
    phones: [...new Set(form.members.map((m) => m.phone).filter((p): p is string => !!p))],
    headName: form.members[0]!.name,
  };
}

/** The match as stored with the version: no registry values, only ids and what differs. */
export const storedMatches = (p: Prepared): MemberMatch[] =>
  p.matches.map((m) => ({ key: m.key, by: m.by, personId: m.personId, conflicts: m.conflicts }));
