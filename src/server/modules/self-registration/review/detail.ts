/**
 * A submission as its reviewer sees it: the family's latest version beside what the
 * registry holds for each member — inside the reviewer's area only; outside, just
 * "registered elsewhere" — the measure each member's answers propose under the rules
 * in force, and every version with what changed. Personal values masked by role;
 * each opening is audited.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { FEVER_AT, MEASURE_LABELS, placement } from '../../../../domain/health.js';
import { diffForms, type MemberExposure } from '../../../../domain/self-registration.js';
import type { ActorContext, Context } from '../../../kernel/context.js';
import { authorize } from '../../../kernel/context.js';
import { notFound } from '../../../kernel/errors.js';
import { auditApart } from '../../../kernel/audit.js';
import { presenter } from '../../../kernel/present.js';
import { contains, inScope } from '../../../kernel/scope.js';
import { loadRules } from '../../health/rules/index.js';
import { candidates, matchMembers } from '../intake/index.js';
import { placeName } from '../codes/index.js';
import type { SubmissionDetail } from './schemas.js';

export async function submissionInScope(c: ActorContext, id: string, lock = false) {
  let q = c.db.selectFrom('reg_submissions').selectAll().where('id', '=', id).where(inScope(c, 'area_path'));
  if (lock) q = q.forUpdate();
  const s = await q.executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

/** The address of a dwelling of the district as the actor may see it: in full only in their own grid. */
async function dwellingAddress(c: ActorContext, districtId: string, dwellingId: string): Promise<string | null> {
  const d = await c.db
    .selectFrom('dwellings as d')
    .innerJoin('courtyards as y', (j) =>
      j.onRef('y.district_id', '=', 'd.district_id').onRef('y.id', '=', 'd.courtyard_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.district_id', '=', 'd.district_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.district_id', '=', 'd.district_id').onRef('u.id', '=', 'd.unit_id'))
    .select(['y.name as courtyard', 'b.label as building', 'u.label as unit', 'd.room', 'd.area_path'])
    .where('d.district_id', '=', districtId)
    .where('d.id', '=', dwellingId)
    .executeTakeFirstOrThrow();
  const parts = { courtyard: d.courtyard, building: d.building, unit: d.unit, room: d.room };
  return presenter(c).address(parts, d.area_path).text;
}

/** The measure each member's categories propose under the rules in force today, and any measure they are under. */
async function proposals(c: ActorContext, exposures: MemberExposure[], persons: Record<string, string>) {
  const day = shanghaiDay(c.clock.now());
  const rules = await loadRules(c.db, c.actor.districtId);
  const labels = new Map(
    (
      await c.db
        .selectFrom('health_categories')
        .select(['key', 'label'])
        .where('district_id', '=', c.actor.districtId)
        .execute()
    ).map((k) => [k.key, k.label]),
  );
  const personIds = Object.values(persons);
  const active = personIds.length
    ? await c.db
        .selectFrom('health_measures')
        .select(['id', 'person_id', 'measure', 'planned_end'])
        .where('district_id', '=', c.actor.districtId)
        .where('person_id', 'in', personIds)
        .where('actual_end', 'is', null)
        .execute()
    : [];
  const out = new Map<string, SubmissionDetail['members'][number]['proposal']>();
  for (const e of exposures) {
    if (e.categories.length === 0) continue;
    const p = placement(rules, { day, categories: e.categories, status: 'none', lastContact: e.lastContact });
    if (!p) continue;
    const m = active.find((a) => a.person_id === persons[e.key]);
    out.set(e.key, {
      categories: e.categories.map((k) => ({ key: k, label: labels.get(k) ?? k })),
      lastContact: e.lastContact,
      measure: p.measure,
      measureLabel: MEASURE_LABELS[p.measure],
      start: p.start,
      plannedEnd: p.plannedEnd,
      placed: m ? { measureId: m.id, measure: m.measure, plannedEnd: m.planned_end } : null,
    });
  }
  return out;
}

export async function detail(ctx: Context, id: string, opts: { audit?: boolean } = {}): Promise<SubmissionDetail> {
  const c = authorize(ctx, 'selfreg.read');
  const s = await submissionInScope(c, id);
  const versions = await c.db
    .selectFrom('reg_versions')
    .select(['no', 'form', 'exposures', 'channel', 'created_at'])
    .where('district_id', '=', s.district_id)
    .where('submission_id', '=', id)
    .orderBy('no')
    .execute();
  const current = versions[versions.length - 1]!;
  const form = current.form;
  const show = presenter(c);
  const found = await candidates(c, c.actor.districtId, form.members);
  const matches = matchMembers(form.members, found, s.dwelling_id);
  const persons = s.persons ?? {};
  const props = await proposals(c, current.exposures, persons);
  const members = await Promise.all(
    form.members.map(async (m, i) => {
      const match = matches[i]!;
      const p = match.candidate;
      const visible = p && contains(c, p.area_path);
      let person: SubmissionDetail['members'][number]['match']['person'] = null;
      if (p && visible) {
        const grid = await c.db
          .selectFrom('persons as x')
          .innerJoin('areas as g', 'g.id', 'x.grid_id')
          .select('g.name')
          .where('x.district_id', '=', s.district_id)
          .where('x.id', '=', p.id)
          .executeTakeFirstOrThrow();
        person = {
          id: p.id,
          name: show.value('name', p.name),
          docNumber: show.value('idNumber', p.doc_number),
          phone: show.value('phone', p.phone),
          address: p.dwelling_id ? await dwellingAddress(c, s.district_id, p.dwelling_id) : null,
          householdId: p.household_id,
          gridName: grid.name,
        };
      }
      return {
        key: m.key,
        name: show.value('name', m.name),
        docType: m.docType,
        docNumber: show.value('idNumber', m.docNumber),
        phone: show.value('phone', m.phone),
        gender: m.gender ?? null,
        birthDate: show.value('birthDate', m.birthDate),
        relationship: m.relationship,
        hukouPlace: m.hukouPlace ?? null,
        localHukou: m.localHukou,
        health: m.health ? { ...m.health, fever: m.health.temperature >= FEVER_AT } : null,
        match: {
          by: match.by,
          person,
          elsewhere: !!p && !visible,
          // Outside the area nothing is said but that: not even which fields differ.
          conflicts: p && !visible ? (['registered_elsewhere'] as const).slice() : match.conflicts,
        },
        registeredPersonId: persons[m.key] ?? null,
        proposal: props.get(m.key) ?? null,
      };
    }),
  );
  // A changed value as the actor may see it: personal values, and the address the family wrote.
  const changed = (path: string, v: unknown) =>
    path === 'address' && typeof v === 'string' ? show.writtenAddress(v, s.area_path) : show.deep(v, path);
  const code = await c.db
    .selectFrom('reg_codes as k')
    .leftJoin('courtyards as y', (j) =>
      j.onRef('y.district_id', '=', 'k.district_id').onRef('y.id', '=', 'k.courtyard_id'),
    )
    .select(['k.id', 'k.area_id', 'y.name as courtyard', 'k.responsible_name'])
    .where('k.district_id', '=', s.district_id)
    .where('k.id', '=', s.code_id)
    .executeTakeFirstOrThrow();
  const area = (await c.areas.snapshot()).get(String(s.area_id));
  const reviewer = s.reviewed_by
    ? await c.db.selectFrom('users').select('display_name').where('id', '=', s.reviewed_by).executeTakeFirst()
    : null;
  const courtyard = s.courtyard_id
    ? await c.db
        .selectFrom('courtyards')
        .select(['id', 'name'])
        .where('district_id', '=', s.district_id)
        .where('id', '=', s.courtyard_id)
        .executeTakeFirst()
    : null;
  if (opts.audit !== false) {
    await auditApart(c, {
      action: 'selfreg.open',
      resourceType: 'reg_submission',
      resourceId: id,
      area: { id: String(s.area_id), path: s.area_path, districtId: String(s.district_id) },
      details: { version: s.version },
    });
  }
  return {
    id: s.id,
    status: s.status,
    version: s.version,
    familyCode: s.family_code,
    code: {
      id: code.id,
      placeName: await placeName(c, code.area_id, code.courtyard),
      responsibleName: code.responsible_name,
    },
    area: { id: String(s.area_id), name: area?.name ?? '' },
    dwelling: s.dwelling_id
      ? { id: s.dwelling_id, address: await dwellingAddress(c, s.district_id, s.dwelling_id) }
      : null,
    courtyard: courtyard ?? null,
    address: show.writtenAddress(s.address, s.area_path),
    livingType: form.livingType,
    members,
    trips: form.trips.map((t) => ({ ...t, otherPlace: t.otherPlace ?? null, transportNo: t.transportNo ?? null })),
    contacts: form.contacts,
    versions: versions.map((v, i) => ({
      no: v.no,
      createdAt: v.created_at.toISOString(),
      channel: v.channel,
      changes:
        i === 0
          ? []
          : diffForms(versions[i - 1]!.form, v.form).map((ch) => ({
              path: ch.path,
              before: changed(ch.path, ch.before),
              after: changed(ch.path, ch.after),
            })),
    })),
    householdId: s.household_id,
    changedAfterReview: s.changed_after_review,
    decision: s.reviewed_at
      ? {
          by: reviewer?.display_name ?? '',
          at: s.reviewed_at.toISOString(),
          version: s.reviewed_version ?? s.version,
          reason: s.decision_reason,
        }
      : null,
    submittedAt: s.submitted_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    masked: show.masked.length > 0,
  };
}
