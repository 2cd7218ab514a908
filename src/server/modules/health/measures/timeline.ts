/**
 * Opening a key person's health timeline: profile, categories, measures, tests,
 * recent check-ins and every recorded decision. Each opening is audited (in its own
 * transaction, so it is kept even though the request only reads).
 */
import { sql } from 'kysely';
import { shanghaiDay } from '../../../../domain/clock.js';
import { presenter } from '../../../kernel/present.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { auditApart } from '../../../kernel/audit.js';
import { toTestDto } from './nucleic.js';
import { selectMeasures, toMeasureDto } from './placement.js';
import { checklist } from './release.js';
import { profileDto, requireProfile } from './profile.js';

export async function open(ctx: Context, personId: string) {
  const c = authorize(ctx, 'health.open');
  const { person, profile } = await requireProfile(c, personId);
  const [row, categories, measures, tests, checkins, events] = await Promise.all([
    c.db
      .selectFrom('persons as p')
      .innerJoin('areas as g', 'g.id', 'p.grid_id')
      .select(['p.name', 'p.doc_number', 'p.phone', 'g.id as grid_id', 'g.name as grid_name'])
      .where('p.district_id', '=', person.districtId)
      .where('p.id', '=', person.id)
      .executeTakeFirstOrThrow(),
    c.db
      .selectFrom('health_person_categories as pc')
      .innerJoin('health_categories as k', (j) =>
        j.onRef('k.district_id', '=', 'pc.district_id').onRef('k.key', '=', 'pc.category_key'),
      )
      .select(['pc.category_key', 'k.label', 'pc.from_day', 'pc.until_day', 'pc.last_contact'])
      .where('pc.district_id', '=', person.districtId)
      .where('pc.person_id', '=', person.id)
      .orderBy('pc.from_day')
      .orderBy('pc.id')
      .execute(),
    selectMeasures(c)
      .where('m.district_id', '=', person.districtId)
      .where('m.person_id', '=', person.id)
      .orderBy('m.start_day', 'desc')
      .orderBy('m.created_at', 'desc')
      .execute(),
    c.db
      .selectFrom('nucleic_tests')
      .selectAll()
      .where('district_id', '=', person.districtId)
      .where('person_id', '=', person.id)
      .orderBy('sampled_at')
      .execute(),
    c.db
      .selectFrom('health_checkins')
      .select(['day', 'temperature', 'symptoms', 'state', 'channel', 'revisions'])
      .where('district_id', '=', person.districtId)
      .where('person_id', '=', person.id)
      .where('day', '>=', sql<string>`${shanghaiDay(c.clock.now())}::date - 30`)
      .orderBy('day', 'desc')
      .execute(),
    c.db
      .selectFrom('health_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.at', 'e.day', 'e.kind', 'e.details', 'e.reason', 'u.display_name'])
      .where('e.district_id', '=', person.districtId)
      .where('e.person_id', '=', person.id)
      .orderBy('e.id', 'desc')
      .limit(200)
      .execute(),
  ]);
  await auditApart(c, {
    action: 'health.timeline_opened',
    resourceType: 'person',
    resourceId: person.id,
    area: { id: person.gridId, path: person.areaPath, districtId: person.districtId },
  });
  const active = measures.find((m) => m.actual_end === null);
  const shown = presenter(c);
  return {
    person: {
      id: person.id,
      name: shown.value('name', row.name),
      docNumber: shown.value('idNumber', row.doc_number),
      phone: shown.value('phone', row.phone),
      grid: { id: row.grid_id, name: row.grid_name },
    },
    profile: profileDto(profile),
    categories: categories.map((k) => ({
      key: k.category_key,
      label: k.label,
      from: k.from_day,
      until: k.until_day,
      lastContact: k.last_contact,
    })),
    measures: measures.map(toMeasureDto),
    tests: tests.map(toTestDto),
    checkins: checkins.map((k) => ({
      day: k.day,
      temperature: k.temperature === null ? null : Number(k.temperature),
      symptoms: k.symptoms,
      state: k.state,
      channel: k.channel,
      revisions: k.revisions,
    })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      day: e.day,
      kind: e.kind,
      details: e.details,
      reason: e.reason,
      actor: e.display_name,
    })),
    checklist:
      active && active.person_id
        ? await checklist(c, { ...active, person_id: active.person_id }, shanghaiDay(c.clock.now()))
        : null,
  };
}
