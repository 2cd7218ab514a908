/**
 * Everything the server checks before a family's form is stored, the first time or
 * as a correction: the dwelling lies in the code's scope, every rule of the shared
 * form check, what the resident was not asked is dropped, categories and matches.
 */
import { shanghaiDay } from '../../../domain/clock.js';
import { FEVER_AT } from '../../../domain/health.js';
import { checkFamilyForm, exposures, type FamilyForm, minimiseForm } from '../../../domain/self-registration.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, fieldProblem, validationError } from '../../http/errors.js';
import { categoriesWithCriteria, type CodeRow } from './code-view.js';
import { candidates, matchMembers } from './matching.js';

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

/** Where the submission belongs: the dwelling's grid, else the courtyard's, else the code's area. */
async function placeOf(ctx: RequestContext, code: CodeRow, form: FamilyForm) {
  if (form.dwellingId) {
    const d = await ctx.db
      .selectFrom('dwellings as d')
      .innerJoin('areas as g', 'g.id', 'd.grid_id')
      .select(['d.id', 'd.courtyard_id', 'd.area_path', 'd.grid_id', 'd.retired_at'])
      .where('d.id', '=', form.dwellingId)
      .executeTakeFirst();
    const inScope = d && !d.retired_at && (code.courtyard_id ? d.courtyard_id === code.courtyard_id : d.area_path.startsWith(code.area_path));
    if (!inScope) throw new AppError('REG_OUT_OF_SCOPE', [fieldProblem('form.dwellingId', 'out_of_scope', { 'zh-CN': '不在该二维码的登记范围内', en: 'is outside the area of this code' })]);
    return { area: { id: String(d.grid_id), path: d.area_path }, dwellingId: d.id, courtyardId: d.courtyard_id };
  }
  const courtyardId = form.courtyardId ?? code.courtyard_id;
  if (courtyardId) {
    const y = await ctx.db.selectFrom('courtyards').select(['id', 'grid_id', 'area_path']).where('id', '=', courtyardId).where('retired_at', 'is', null).executeTakeFirst();
    const inScope = y && (code.courtyard_id ? y.id === code.courtyard_id : y.area_path.startsWith(code.area_path));
    if (!inScope) throw new AppError('REG_OUT_OF_SCOPE', [fieldProblem('form.courtyardId', 'out_of_scope', { 'zh-CN': '不在该二维码的登记范围内', en: 'is outside the area of this code' })]);
    return { area: { id: String(y.grid_id), path: y.area_path }, dwellingId: null, courtyardId: y.id };
  }
  return { area: { id: String(code.area_id), path: code.area_path }, dwellingId: null, courtyardId: null };
}

export async function prepare(ctx: RequestContext, code: CodeRow, raw: FamilyForm): Promise<Prepared> {
  const day = shanghaiDay(ctx.clock.now());
  const categories = await categoriesWithCriteria(ctx, day);
  const problems = checkFamilyForm(raw, { day, categories, askEveryone: code.ask_everyone, dwellingListed: true });
  if (problems.length) throw validationError(problems.map((p) => fieldProblem(`form.${p.field}`, p.reason)));
  const place = await placeOf(ctx, code, raw);
  const form = minimiseForm({ ...raw, dwellingId: place.dwellingId, courtyardId: place.courtyardId, address: place.dwellingId ? null : (raw.address?.trim() ?? null) }, day, categories, code.ask_everyone);
  const exp = exposures(form, categories, day);
  const matches = matchMembers(form.members, await candidates(ctx, form.members), place.dwellingId);
  const fever = (m: FamilyForm['members'][number]) => !!m.health && (m.health.temperature >= FEVER_AT || m.health.symptoms.length > 0);
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
export const storedMatches = (p: Prepared) => p.matches.map(({ candidate: _c, ...m }) => m);
