/**
 * Review decisions. Accepting brings the family into the registry through the same
 * paths staff use — persons, a household in the dwelling, memberships — with channel
 * "self_registration" on every record version; merging adds them to an existing
 * household and links members to persons already registered. Rejecting needs a
 * reason. A decision is about one version: a newer one answers 409. After acceptance
 * a member proposed for a measure is placed with one click, under the rules in force.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { checkPhone } from '../../../../domain/phone.js';
import type { FamilyForm } from '../../../../domain/self-registration.js';
import { authorize, type ActorContext, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { contains, inScope } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import { place as placeMeasure } from '../../health/measures/index.js';
import { addMembers, dwellingInScope, householdInScope, insertHousehold } from '../../registry/households/index.js';
import { registerPerson } from '../../registry/persons/index.js';
import { candidates, count, matchMembers } from '../intake/index.js';
import { detail, submissionInScope } from './detail.js';

type Submission = Awaited<ReturnType<typeof submissionInScope>>;
const populationOf = (m: FamilyForm['members'][number]) =>
  m.docType === 'passport' || m.docType === 'foreign_permanent_id'
    ? 'overseas'
    : m.localHukou
      ? 'registered'
      : 'floating';

async function open(c: ActorContext, id: string, version: number) {
  const s = await submissionInScope(c, id, true);
  if (version !== s.version) throw new AppError('REG_VERSION_STALE', [], { version: s.version });
  if (s.status !== 'new') throw new AppError('REG_ALREADY_DECIDED');
  return s;
}

const areaOf = (s: Submission) => ({ id: String(s.area_id), path: s.area_path, districtId: String(s.district_id) });
/** The leaf the submission's day counters count on. */
const leafOf = (s: Submission) => ({ districtId: String(s.district_id), areaId: String(s.area_id) });

/** The registry person's phone and 户籍地 take the family's newer answers (a merge), versioned as self-registration. */
async function refreshPerson(c: ActorContext, personId: string, m: FamilyForm['members'][number]) {
  const p = await c.db
    .selectFrom('persons')
    .select(['id', 'phone', 'hukou_place', 'area_path', 'district_id'])
    .where('district_id', '=', c.actor.districtId)
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const phone = m.phone ? (checkPhone(m.phone).ok ? m.phone : null) : null;
  const after: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  if (phone && phone !== p.phone) [before.phone, after.phone] = [p.phone, phone];
  if (m.hukouPlace && m.hukouPlace !== p.hukou_place)
    [before.hukou_place, after.hukou_place] = [p.hukou_place, m.hukouPlace];
  if (Object.keys(after).length === 0) return;
  await c.db
    .updateTable('persons')
    .set({ ...after, updated_at: c.clock.now() })
    .where('district_id', '=', p.district_id)
    .where('id', '=', personId)
    .execute();
  await recordVersion(c, { type: 'person', id: personId, place: p, before, after, channel: 'self_registration' });
}

export async function accept(
  ctx: Context,
  id: string,
  input: {
    version: number;
    dwellingId?: string | undefined;
    householdId?: string | undefined;
    members: { key: string; action: 'create' | 'link' | 'skip'; personId?: string | undefined }[];
    note?: string | undefined;
  },
) {
  const c = authorize(ctx, 'selfreg.review');
  const s = await open(c, id, input.version);
  const dwellingId = input.dwellingId ?? s.dwelling_id;
  if (!dwellingId) throw new AppError('REG_NEEDS_DWELLING', [fieldProblem('dwellingId', 'required')]);
  const dwelling = await dwellingInScope(c, dwellingId);
  const v = await c.db
    .selectFrom('reg_versions')
    .select('form')
    .where('district_id', '=', s.district_id)
    .where('submission_id', '=', id)
    .where('no', '=', s.version)
    .executeTakeFirstOrThrow();
  const form = v.form;
  const today = shanghaiDay(c.clock.now());
  const matches = matchMembers(form.members, await candidates(c, c.actor.districtId, form.members), dwellingId);

  // The household: the one named (merge), the one an earlier acceptance made, or a new one.
  const householdId = input.householdId ?? s.household_id;
  const household = householdId
    ? await householdInScope(c, householdId)
    : await insertHousehold(c, dwelling, { occupancyType: form.livingType, startDate: today }, 'self_registration');

  const persons: Record<string, string> = { ...s.persons };
  const outcome: { key: string; personId: string | null; action: 'created' | 'linked' | 'skipped' }[] = [];
  for (const [i, m] of form.members.entries()) {
    const field = `members.${i}`;
    const match = matches[i]!;
    const visible = match.candidate && contains(c, match.candidate.area_path) ? match.candidate : null;
    const chosen = input.members.find((x) => x.key === m.key);
    const action = chosen?.action ?? (persons[m.key] || visible ? 'link' : match.candidate ? 'elsewhere' : 'create');
    if (action === 'skip') {
      outcome.push({ key: m.key, personId: null, action: 'skipped' });
      continue;
    }
    if (action === 'elsewhere')
      throw new AppError('PERSON_REGISTERED_ELSEWHERE', [fieldProblem(`${field}.action`, 'registered_elsewhere')]);
    let personId: string;
    if (action === 'link') {
      const target = chosen?.personId ?? persons[m.key] ?? visible?.id;
      if (!target) throw new AppError('VALIDATION_FAILED', [fieldProblem(`${field}.personId`, 'required')]);
      const p = await c.db
        .selectFrom('persons')
        .select('id')
        .where('id', '=', target)
        .where('merged_into', 'is', null)
        .where(inScope(c, 'area_path'))
        .executeTakeFirst();
      if (!p) throw new AppError('NOT_FOUND', [fieldProblem(`${field}.personId`, 'invalid')]);
      personId = p.id;
      await refreshPerson(c, personId, m);
    } else {
      try {
        personId = (
          await registerPerson(
            c,
            {
              gridId: dwelling.grid_id,
              name: m.name,
              docType: m.docType,
              docNumber: m.docNumber,
              phone: m.phone ?? null,
              gender: m.gender ?? null,
              birthDate: m.birthDate ?? null,
              populationType: populationOf(m),
              hukouPlace: m.hukouPlace ?? null,
              tags: [],
            },
            'self_registration',
          )
        ).id;
      } catch (e) {
        if (e instanceof AppError)
          throw new AppError(
            e.code,
            e.fields.map((f) => ({ ...f, field: `${field}.${f.field}` })),
            e.details,
          );
        throw e;
      }
    }
    await addMembers(c, household, [{ personId, relationship: m.relationship }], today, i, 'self_registration');
    persons[m.key] = personId;
    outcome.push({ key: m.key, personId, action: action === 'link' ? 'linked' : 'created' });
  }
  const newlyAccepted = outcome.filter((o) => o.personId && !s.persons[o.key]).length;
  const now = c.clock.now();
  await c.db
    .updateTable('reg_submissions')
    .set({
      status: 'accepted',
      household_id: household.id,
      dwelling_id: dwellingId,
      persons: JSON.stringify(persons),
      reviewed_version: s.version,
      reviewed_by: c.actor.id,
      reviewed_at: now,
      decision_reason: input.note ?? null,
      changed_after_review: false,
      updated_at: now,
    })
    .where('district_id', '=', s.district_id)
    .where('id', '=', id)
    .execute();
  await count(c, leafOf(s), today, { reviewed: s.reviewed_at ? 0 : 1, accepted_persons: newlyAccepted });
  await audit(c, {
    action: input.householdId ? 'selfreg.merge' : 'selfreg.accept',
    resourceType: 'reg_submission',
    resourceId: id,
    area: areaOf(s),
    details: {
      version: s.version,
      householdId: household.id,
      created: outcome.filter((o) => o.action === 'created').length,
      linked: outcome.filter((o) => o.action === 'linked').length,
      skipped: outcome.filter((o) => o.action === 'skipped').length,
      note: input.note ?? null,
    },
  });
  return { householdId: household.id, persons: outcome, detail: await detail(c, id, { audit: false }) };
}

export async function reject(ctx: Context, id: string, input: { version: number; reason: string }) {
  const c = authorize(ctx, 'selfreg.review');
  const s = await open(c, id, input.version);
  const now = c.clock.now();
  await c.db
    .updateTable('reg_submissions')
    .set({
      status: 'rejected',
      reviewed_version: s.version,
      reviewed_by: c.actor.id,
      reviewed_at: now,
      decision_reason: input.reason,
      changed_after_review: false,
      updated_at: now,
    })
    .where('district_id', '=', s.district_id)
    .where('id', '=', id)
    .execute();
  await count(c, leafOf(s), shanghaiDay(now), { reviewed: s.reviewed_at ? 0 : 1 });
  await audit(c, {
    action: 'selfreg.reject',
    resourceType: 'reg_submission',
    resourceId: id,
    area: areaOf(s),
    details: { version: s.version, reason: input.reason },
  });
  return detail(c, id, { audit: false });
}

/** One click: the member's categories from their answers, placed under the rules in force today (audited by the placement). */
export async function place(
  ctx: Context,
  id: string,
  input: {
    id: string;
    memberKey: string;
    siteId?: string | undefined;
    roomId?: string | undefined;
    bed?: string | undefined;
  },
) {
  const c = authorize(ctx, 'selfreg.review');
  const s = await submissionInScope(c, id);
  const personId = s.persons[input.memberKey];
  if (s.status !== 'accepted' || !personId)
    throw new AppError('REG_NOT_ACCEPTED', [fieldProblem('memberKey', 'invalid')]);
  const v = await c.db
    .selectFrom('reg_versions')
    .select('exposures')
    .where('district_id', '=', s.district_id)
    .where('submission_id', '=', id)
    .where('no', '=', s.reviewed_version ?? s.version)
    .executeTakeFirstOrThrow();
  const e = v.exposures.find((x) => x.key === input.memberKey);
  if (!e || e.categories.length === 0) throw new AppError('REG_NOT_PROPOSED', [fieldProblem('memberKey', 'invalid')]);
  const lastContact = e.lastContact ?? undefined;
  // The contact date belongs to the contact categories only.
  const contactKinds = new Set(
    (
      await c.db
        .selectFrom('health_categories')
        .select(['key', 'criteria'])
        .where('district_id', '=', c.actor.districtId)
        .where('key', 'in', e.categories)
        .execute()
    )
      .filter((k) => k.criteria?.kind === 'contact')
      .map((k) => k.key),
  );
  const placed = await placeMeasure(c, personId, {
    id: input.id,
    categories: e.categories.map((key) => ({ key, ...(lastContact && contactKinds.has(key) ? { lastContact } : {}) })),
    lastContact,
    siteId: input.siteId,
    roomId: input.roomId,
    bed: input.bed,
    reason: `扫码登记 ${s.family_code} 第${s.reviewed_version ?? s.version}版的填报`,
  });
  await audit(c, {
    action: 'selfreg.place',
    resourceType: 'reg_submission',
    resourceId: id,
    area: areaOf(s),
    details: { memberKey: input.memberKey, personId, measureId: placed.measure.id, measure: placed.measure.measure },
  });
  return placed.measure;
}
