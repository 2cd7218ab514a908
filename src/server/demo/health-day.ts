/**
 * One day of the demo's key persons written as the platform would have written it:
 * the morning's new key persons, status changes, changed and new measures, tests and
 * check-ins (a fever raising its alert at once), in one transaction; the afternoon's
 * releases in another. What every step shares is the `Seeding`.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { shanghaiDay } from '../../domain/clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import type { DB } from '../db/types.js';
import type { Context } from '../kernel/context.js';
import { raise } from '../modules/health/alerts/index.js';
import type {
  Candidate,
  HealthPlan,
  PlannedCheckin,
  PlannedMeasure,
  PlannedPerson,
  PlannedTest,
} from './health-plan-model.js';
import { measureRow, type Places } from './health-places.js';
import { pick, type Rand } from './people.js';

const LABS = ['区疾控中心实验室', '区第一人民医院检验科', '第三方医学检验实验室'];

/** What the seeding's steps share: the plan, where and by whom it is carried out, and when. */
export interface Seeding {
  db: Database;
  now: Date;
  config: Config;
  r: Rand;
  plan: HealthPlan;
  places: Places;
  /** A context of the platform's own (no actor) on `handle`, at the instant `when`. */
  system: (handle: Database, when: Date) => Context;
  /** The most local demo account of these roles above an area path. */
  staff: (path: string, roles: string[]) => string | null;
  /** The account that keeps a key person's records. */
  keeper: (p: Candidate) => string | null;
  /** The plan's records by the day they happen. */
  on: {
    placed: Map<string, PlannedPerson[]>;
    starting: Map<string, PlannedMeasure[]>;
    ending: Map<string, PlannedMeasure[]>;
    confirmed: Map<string, PlannedPerson[]>;
    tested: Map<string, PlannedTest[]>;
    checked: Map<string, PlannedCheckin[]>;
  };
}

/** The day's records up to the afternoon, in the transaction `tx`. */
export async function writeDay(s: Seeding, tx: Transaction<DB>, day: string) {
  const events: HealthEvent[] = [];
  const newcomers = s.on.placed.get(day) ?? [];
  if (newcomers.length) {
    await tx
      .insertInto('health_profiles')
      .values(
        newcomers.map((p) => ({
          district_id: p.person.districtId,
          person_id: p.person.id,
          grid_id: p.person.gridId,
          status: p.status,
          status_since: p.status === 'none' ? null : p.day,
          categories: p.categories.map((c) => c.key).sort(),
          last_contact: p.lastContact,
          created_at: p.at,
          updated_at: p.at,
        })),
      )
      .execute();
    const cats = newcomers.flatMap((p) => p.categories.map((c) => ({ p, c })));
    if (cats.length) {
      await tx
        .insertInto('health_person_categories')
        .values(
          cats.map(({ p, c }) => ({
            person_id: p.person.id,
            district_id: p.person.districtId,
            category_key: c.key,
            from_day: p.day,
            last_contact: c.lastContact,
            actor_id: s.keeper(p.person),
          })),
        )
        .execute();
    }
    for (const p of newcomers) {
      for (const c of p.categories)
        events.push({
          p: p.person,
          at: p.at,
          kind: 'category_added',
          details: { key: c.key, from: p.day, lastContact: c.lastContact },
        });
      if (p.status !== 'none')
        events.push({
          p: p.person,
          at: p.at,
          kind: 'status',
          details: { from: 'none', to: p.status, since: p.day },
        });
    }
  }
  for (const p of s.on.confirmed.get(day) ?? []) {
    await tx
      .updateTable('health_profiles')
      .set({ status: 'confirmed', status_since: day, updated_at: p.confirmed!.at })
      .where('district_id', '=', p.person.districtId)
      .where('person_id', '=', p.person.id)
      .execute();
    events.push({
      p: p.person,
      at: p.confirmed!.at,
      kind: 'status',
      details: { from: p.status, to: 'confirmed', since: day },
      reason: '核酸检测阳性，诊断为确诊病例',
    });
  }
  for (const m of (s.on.ending.get(day) ?? []).filter((x) => x.end!.reason === 'changed')) {
    await tx
      .updateTable('health_measures')
      .set({ actual_end: day, end_reason: 'changed', updated_at: m.end!.at })
      .where('district_id', '=', m.person.districtId)
      .where('id', '=', m.id)
      .execute();
    const next = s.plan.measures.find((x) => x.previousId === m.id)!;
    events.push({
      p: m.person,
      at: m.end!.at,
      kind: 'measure_changed',
      details: {
        from: { measureId: m.id, measure: m.measure },
        to: { measureId: next.id, measure: next.measure, plannedEnd: next.plannedEnd },
      },
      reason: '确诊，转定点医院救治',
    });
  }
  const measures = s.on.starting.get(day) ?? [];
  if (measures.length) {
    await tx
      .insertInto('health_measures')
      .values(measures.map((m) => ({ ...measureRow(m, s.places), created_by: s.keeper(m.person) })))
      .execute();
    for (const m of measures.filter((x) => x.previousId === null))
      events.push({
        p: m.person,
        at: m.at,
        kind: 'measure_started',
        details: { measureId: m.id, measure: m.measure, start: m.startDay, plannedEnd: m.plannedEnd },
      });
  }
  const tests = s.on.tested.get(day) ?? [];
  if (tests.length) {
    await tx
      .insertInto('nucleic_tests')
      .values(
        tests.map((t) => ({
          id: t.id,
          person_id: t.person.id,
          district_id: t.person.districtId,
          area_path: t.person.areaPath,
          sampled_at: t.sampledAt,
          result: t.result,
          lab: pick(s.r, LABS),
          result_at: t.resultAt,
          created_by: s.keeper(t.person),
          created_at: t.sampledAt,
        })),
      )
      .execute();
    for (const t of tests)
      events.push({
        p: t.person,
        at: t.sampledAt,
        kind: 'test',
        details: { testId: t.id, sampledAt: t.sampledAt.toISOString(), result: t.result },
      });
  }
  await insertEvents(tx, events, s.keeper);
  const checkins = s.on.checked.get(day) ?? [];
  if (checkins.length) {
    await tx
      .insertInto('health_checkins')
      .values(
        checkins.map((c) => ({
          person_id: c.person.id,
          day,
          district_id: c.person.districtId,
          grid_id: c.person.gridId,
          area_path: c.person.areaPath,
          temperature: c.temperature,
          symptoms: c.symptoms,
          channel: c.channel,
          reported_by: c.channel.startsWith('staff') ? s.keeper(c.person) : null,
          reporter_person: c.reporterPerson,
          client_id: randomUUID(),
          created_at: c.at,
          updated_at: c.at,
        })),
      )
      .execute();
    // As a saved check-in does: fever or symptoms raise an alert, each at its check-in's
    // time (one statement a district for the day).
    const fevers = checkins.filter((x) => x.symptoms.length > 0 || (x.temperature ?? 0) >= 37.3);
    for (const districtId of new Set(fevers.map((c) => c.person.districtId))) {
      const own = fevers.filter((c) => c.person.districtId === districtId);
      await raise(
        s.system(tx, new Date(Math.max(...own.map((c) => c.at.getTime())))),
        districtId,
        own.map((c) => ({
          kind: 'symptomatic' as const,
          day,
          areaId: c.person.gridId,
          personId: c.person.id,
          details: { temperature: c.temperature, symptoms: c.symptoms, channel: c.channel },
          at: c.at,
        })),
      );
    }
  }
}

/** The measures released on the day, with their events. */
export async function releaseDay(s: Seeding, day: string) {
  const released = (s.on.ending.get(day) ?? []).filter((m) => m.end!.reason === 'released');
  if (released.length) {
    await s.db.transaction().execute(async (tx) => {
      // One statement a district (the demo has one), each measure with its own instant.
      for (const districtId of new Set(released.map((m) => m.person.districtId))) {
        const ends = released
          .filter((m) => m.person.districtId === districtId)
          .map((m) => ({ id: m.id, at: m.end!.at.toISOString() }));
        await sql`
          UPDATE health_measures m SET actual_end = ${day}::date, end_reason = 'released', updated_at = e.at
          FROM jsonb_to_recordset(${JSON.stringify(ends)}::jsonb) AS e(id uuid, at timestamptz)
          WHERE m.district_id = ${districtId} AND m.id = e.id`.execute(tx);
      }
      await insertEvents(
        tx,
        released.map((m) => ({
          p: m.person,
          at: m.end!.at,
          kind: 'measure_released' as const,
          details: { measureId: m.id, measure: m.measure, day },
          reason: '管控期满，解除条件均已满足',
        })),
        s.keeper,
      );
    });
  }
}

type EventKind = 'status' | 'category_added' | 'measure_started' | 'measure_changed' | 'measure_released' | 'test';
type HealthEvent = { p: Candidate; at: Date; kind: EventKind; details: Record<string, unknown>; reason?: string };

async function insertEvents(tx: Transaction<DB>, events: HealthEvent[], keeper: (p: Candidate) => string | null) {
  if (events.length === 0) return;
  await tx
    .insertInto('health_events')
    .values(
      events.map((e) => ({
        person_id: e.p.id,
        district_id: e.p.districtId,
        at: e.at,
        day: shanghaiDay(e.at),
        kind: e.kind,
        details: JSON.stringify(e.details),
        reason: e.reason ?? null,
        actor_id: keeper(e.p),
      })),
    )
    .execute();
}
