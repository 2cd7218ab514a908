/**
 * Demo key persons (重点人群) on top of the demo registry: a few hundred persons over
 * the demo grids with categories, statuses and measures placed over the last 30 days
 * by the rule table (see health-plan.ts), an isolation site with rooms and a
 * designated hospital, nucleic-acid tests, daily check-ins, daily zero reports and
 * alerts. The 30 days are replayed in order, each day's records written in batches
 * and the day's jobs run as the job queue runs them (the same functions), so alerts,
 * reports and counters are what the platform itself would have produced; each past
 * day is then closed with health_close_day(). Days are Asia/Shanghai days of `clock`.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { addDays, type Clock, shanghaiDay, shanghaiInstant, systemClock } from '../../domain/clock.js';
import { type Config, loadConfig } from '../config.js';
import { loadRules } from '../modules/health/rules/index.js';
import type { Database } from '../db/connection.js';
import { AreaDirectory } from '../kernel/area-directory.js';
import { baseContext, type Context, inTransaction } from '../kernel/context.js';
import { scopeOfArea } from '../kernel/scope.js';
import pino from 'pino';
import type { DB } from '../db/types.js';
import { escalateDue, raise, raiseEndings, raiseNotReported } from '../modules/health/alerts/index.js';
import { deriveCounts, isZero, reportReminders, toStored } from '../modules/health/daily-reports/index.js';
import { at, type Candidate, type HealthPlan, type PlannedMeasure, planHealth } from './health-plan.js';
import { between, pick, type Rand, seeded } from './people.js';

/** 三盛都会城网格 of 东华村, 柏合街道: the grid the demo-grid account works in. */
export const SHOWCASE_GRID = '510112005201001';
const HISTORY_DAYS = 30;
const LABS = ['区疾控中心实验室', '区第一人民医院检验科', '第三方医学检验实验室'];

export interface HealthDemoOptions {
  clock?: Clock;
  config?: Config;
  seed?: number;
  /** Key persons per grid (the showcase grid gets three more). */
  perGrid?: number;
}

export interface HealthDemo {
  persons: number;
  measures: number;
  released: number;
  checkins: number;
  tests: number;
  reports: number;
  alerts: number;
  days: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Up to 60 households a grid, their members head first. */
async function candidates(db: Database): Promise<{ gridCode: string; persons: Candidate[] }[]> {
  const { rows } = await sql<{
    id: string;
    grid_id: string;
    grid_code: string;
    district_id: string;
    area_path: string;
    household_id: string;
    relationship: string;
  }>`
    SELECT p.id, p.grid_id, g.code AS grid_code, p.district_id, p.area_path, m.household_id, m.relationship
    FROM areas g
    CROSS JOIN LATERAL (SELECT h.id FROM households h WHERE h.area_path = g.path ORDER BY h.id LIMIT 60) h
    JOIN household_members m ON m.household_id = h.id AND m.end_date IS NULL
    JOIN persons p ON p.id = m.person_id AND p.merged_into IS NULL
    WHERE g.level = 'grid' AND g.retired_at IS NULL
    ORDER BY g.code, m.household_id, p.doc_number`.execute(db);
  const grids = new Map<string, Candidate[]>();
  for (const r of rows) {
    const c: Candidate = {
      id: r.id,
      gridId: r.grid_id,
      gridCode: r.grid_code,
      districtId: r.district_id,
      areaPath: r.area_path,
      householdId: r.household_id,
      relationship: r.relationship,
    };
    grids.set(r.grid_code, [...(grids.get(r.grid_code) ?? []), c]);
  }
  return [...grids.entries()].map(([gridCode, persons]) => ({ gridCode, persons }));
}

/** The most local demo account of these roles above an area (a grid worker for their grid, else community, else district). */
async function staffDirectory(db: Database) {
  const users = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.id', 'u.area_id')
    .select(['u.id', 'u.role', 'a.path'])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.username')
    .execute();
  return (path: string, roles: string[]): string | null =>
    users
      .filter((u) => roles.includes(u.role) && path.startsWith(u.path))
      .sort((a, b) => b.path.length - a.path.length)[0]?.id ?? null;
}

export async function seedHealthDemo(db: Database, opts: HealthDemoOptions = {}): Promise<HealthDemo | null> {
  const now = (opts.clock ?? systemClock).now();
  const config = opts.config ?? loadConfig({}, 'demo');
  const log = pino({ level: 'silent' });
  const areas = new AreaDirectory(db, log);
  /** A context of the platform's own (no actor) on `handle`, at the instant `when`. */
  const system = (handle: Database, when: Date): Context => ({
    ...baseContext({ db, clock: { now: () => when }, config, areas }, { actor: null, requestId: 'demo', log }),
    db: handle,
  });
  const today = shanghaiDay(now);
  const rules = await loadRules(db);
  const firstRule = rules.map((x) => x.effectiveFrom).sort()[0];
  const from =
    firstRule && firstRule > addDays(today, -(HISTORY_DAYS - 1)) ? firstRule : addDays(today, -(HISTORY_DAYS - 1));
  const grids = await candidates(db);
  if (!firstRule || from > today || grids.length === 0) return null;
  const categories = await db
    .selectFrom('health_categories')
    .select(['key', 'effective_from as from', 'effective_until as until'])
    .execute();
  const r = seeded(opts.seed ?? 20200126);
  const plan = planHealth({
    today,
    now,
    from,
    rules,
    categories,
    grids,
    showcaseGrid: SHOWCASE_GRID,
    perGrid: opts.perGrid ?? 7,
    r,
  });
  const staff = await staffDirectory(db);
  const keeper = (p: Candidate) => staff(p.areaPath, ['grid_worker', 'community_staff', 'medical_officer']);
  const places = await createPlaces(db, plan, grids[0]!.persons[0]!.areaPath);

  const byDay = <T>(xs: T[], day: (x: T) => string | null) => {
    const out = new Map<string, T[]>();
    for (const x of xs) {
      const d = day(x);
      if (d !== null) out.set(d, [...(out.get(d) ?? []), x]);
    }
    return out;
  };
  const placed = byDay(plan.persons, (p) => p.day);
  const starting = byDay(plan.measures, (m) => m.startDay);
  const ending = byDay(plan.measures, (m) => m.end?.day ?? null);
  const confirmed = byDay(plan.persons, (p) => p.confirmed?.day ?? null);
  const tested = byDay(plan.tests, (t) => shanghaiDay(t.sampledAt));
  const checked = byDay(plan.checkins, (c) => c.day);
  const communities = await db
    .selectFrom('areas')
    .select(['id', 'path', 'district_id', 'level'])
    .where('level', '=', 'community')
    .where('retired_at', 'is', null)
    .orderBy('code')
    .execute();
  let reports = 0;

  for (let day = from; day <= today; day = addDays(day, 1)) {
    const when = (hhmm: string) => at(day, minutes(hhmm));
    if (when(config.HEALTH_MORNING_AT) <= now) await raiseEndings(system(db, when(config.HEALTH_MORNING_AT)), day);
    await db.transaction().execute(async (tx) => {
      const events: Parameters<typeof insertEvents>[1] = [];
      const newcomers = placed.get(day) ?? [];
      if (newcomers.length) {
        await tx
          .insertInto('health_profiles')
          .values(
            newcomers.map((p) => ({
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
                actor_id: keeper(p.person),
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
      for (const p of confirmed.get(day) ?? []) {
        await tx
          .updateTable('health_profiles')
          .set({ status: 'confirmed', status_since: day, updated_at: p.confirmed!.at })
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
      for (const m of (ending.get(day) ?? []).filter((x) => x.end!.reason === 'changed')) {
        await tx
          .updateTable('health_measures')
          .set({ actual_end: day, end_reason: 'changed', updated_at: m.end!.at })
          .where('id', '=', m.id)
          .execute();
        const next = plan.measures.find((x) => x.previousId === m.id)!;
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
      const measures = starting.get(day) ?? [];
      if (measures.length) {
        await tx
          .insertInto('health_measures')
          .values(measures.map((m) => ({ ...measureRow(m, places), created_by: keeper(m.person) })))
          .execute();
        for (const m of measures.filter((x) => x.previousId === null))
          events.push({
            p: m.person,
            at: m.at,
            kind: 'measure_started',
            details: { measureId: m.id, measure: m.measure, start: m.startDay, plannedEnd: m.plannedEnd },
          });
      }
      const tests = tested.get(day) ?? [];
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
              lab: pick(r, LABS),
              result_at: t.resultAt,
              created_by: keeper(t.person),
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
      await insertEvents(tx, events, keeper);
      const checkins = checked.get(day) ?? [];
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
              reported_by: c.channel.startsWith('staff') ? keeper(c.person) : null,
              reporter_person: c.reporterPerson,
              client_id: randomUUID(),
              created_at: c.at,
              updated_at: c.at,
            })),
          )
          .execute();
        // As a saved check-in does: fever or symptoms raise an alert at once.
        for (const c of checkins.filter((x) => x.symptoms.length > 0 || (x.temperature ?? 0) >= 37.3)) {
          await raise(system(tx, c.at), [
            {
              kind: 'symptomatic',
              day,
              areaId: c.person.gridId,
              personId: c.person.id,
              details: { temperature: c.temperature, symptoms: c.symptoms, channel: c.channel },
            },
          ]);
        }
      }
    });
    if (when(config.HEALTH_CHECKIN_CUTOFF) <= now)
      await raiseNotReported(system(db, when(config.HEALTH_CHECKIN_CUTOFF)), day);

    // Daily reports: most communities file before the releases of the afternoon, some after the reminder, a few late or not at all.
    const filings = communities.flatMap((c) => {
      const roll = r();
      const t =
        roll < 0.05
          ? null
          : roll < 0.65
            ? between(r, 600, 899)
            : roll < 0.95
              ? between(r, 960, 1075)
              : between(r, 1090, 1260);
      return t === null || at(day, t) > now ? [] : [{ c, at: at(day, t) }];
    });
    const file = (list: typeof filings) =>
      db.transaction().execute(async (tx) => {
        for (const f of list) {
          const counts = await deriveCounts(system(tx, f.at), scopeOfArea(f.c), day);
          const zero = isZero(counts);
          const filer = staff(f.c.path, ['community_staff', 'street_staff', 'district_staff']);
          if (!filer) continue;
          const notes = zero ? '今日无新增，零报告。' : r() < 0.4 ? '已完成重点人员入户走访和体温监测。' : null;
          await tx
            .insertInto('daily_reports')
            .values({
              id: randomUUID(),
              district_id: f.c.district_id,
              community_id: f.c.id,
              area_path: f.c.path,
              day,
              counts: JSON.stringify(toStored(counts)),
              zero,
              notes,
              late: f.at > shanghaiInstant(day, config.HEALTH_REPORT_CUTOFF),
              filed_by: filer,
              filed_at: f.at,
            })
            .execute();
          reports++;
        }
      });
    await file(filings.filter((f) => f.at < at(day, 900)));
    const released = (ending.get(day) ?? []).filter((m) => m.end!.reason === 'released');
    if (released.length) {
      await db.transaction().execute(async (tx) => {
        for (const m of released) {
          await tx
            .updateTable('health_measures')
            .set({ actual_end: day, end_reason: 'released', updated_at: m.end!.at })
            .where('id', '=', m.id)
            .execute();
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
          keeper,
        );
      });
    }
    const remind = when(config.HEALTH_REPORT_REMIND_AT);
    if (remind <= now) await reportReminders(system(db, remind), day);
    await file(filings.filter((f) => f.at >= at(day, 900)));
  }

  await handleAlerts(db, now, r);
  // Unhandled alerts move up the ladder as the escalation job would have moved them.
  for (let i = 0; i < 2; i++) await inTransaction(system(db, now), (tx) => escalateDue(tx));
  for (let day = from; day < today; day = addDays(day, 1)) await sql`SELECT health_close_day(${day}::date)`.execute(db);

  const alerts = await db
    .selectFrom('alerts')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const result: HealthDemo = {
    persons: plan.persons.length,
    measures: plan.measures.length,
    released: plan.measures.filter((m) => m.end?.reason === 'released').length,
    checkins: plan.checkins.length,
    tests: plan.tests.length,
    reports,
    alerts: alerts.n,
    days: HISTORY_DAYS,
  };
  const district = grids[0]!.persons[0]!;
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      action: 'demo.seed_health',
      details: JSON.stringify(result),
      district_id: district.districtId,
      area_id: district.districtId,
      area_path: `/${district.districtId}/`,
    })
    .execute();
  return result;
}

type Places = { site: string; rooms: string[]; hospital: string };

/** The district's isolation site (single rooms, as many as the plan needs and some spare) and designated hospital. */
async function createPlaces(db: Database, plan: HealthPlan, anyPath: string): Promise<Places> {
  const districtId = anyPath.split('/')[1]!;
  const need = (measure: string) =>
    Math.max(0, ...plan.measures.filter((m) => m.measure === measure).map((m) => (m.place ?? 0) + 1));
  const roomCount = Math.max(20, Math.ceil(need('central_isolation') * 1.3));
  return db.transaction().execute(async (tx) => {
    const site = await tx
      .insertInto('isolation_sites')
      .values({
        kind: 'isolation_site',
        area_id: districtId,
        name: '龙泉驿区集中医学观察点（演示）',
        address: '龙泉驿区驿都大道（演示地址）',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const labels = Array.from(
      { length: roomCount },
      (_, i) => `${Math.floor(i / 20) + 1}${String((i % 20) + 1).padStart(2, '0')}`,
    );
    const rooms = await tx
      .insertInto('isolation_rooms')
      .values(labels.map((label) => ({ site_id: site.id, label, capacity: 1 })))
      .returning(['id', 'label'])
      .execute();
    const hospital = await tx
      .insertInto('isolation_sites')
      .values({
        kind: 'hospital',
        area_id: districtId,
        name: '龙泉驿区定点救治医院（演示）',
        address: '龙泉驿区龙泉街道（演示地址）',
        beds: Math.max(20, need('designated_hospital') * 2),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { site: site.id, rooms: labels.map((l) => rooms.find((x) => x.label === l)!.id), hospital: hospital.id };
  });
}

function measureRow(m: PlannedMeasure, places: Places) {
  const room = m.measure === 'central_isolation' ? places.rooms[m.place!]! : null;
  const bed = m.measure === 'designated_hospital' ? `感染科${String(m.place! + 1).padStart(2, '0')}床` : null;
  return {
    id: m.id,
    person_id: m.person.id,
    grid_id: m.person.gridId,
    measure: m.measure,
    site_id: room ? places.site : bed ? places.hospital : null,
    room_id: room,
    bed,
    start_day: m.startDay,
    planned_end: m.plannedEnd,
    previous_id: m.previousId,
    release: JSON.stringify(m.release),
    basis: m.basis,
    categories: m.categories,
    status: m.status,
    last_contact: m.lastContact,
    created_at: m.at,
    updated_at: m.at,
  };
}

type EventKind = 'status' | 'category_added' | 'measure_started' | 'measure_changed' | 'measure_released' | 'test';

async function insertEvents(
  tx: Transaction<DB>,
  events: { p: Candidate; at: Date; kind: EventKind; details: Record<string, unknown>; reason?: string }[],
  keeper: (p: Candidate) => string | null,
) {
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

const NOTES: Record<string, string[]> = {
  symptomatic: ['已上门复测体温，已报社区卫生服务中心', '已电话随访，安排到发热门诊就诊', '复测体温正常，继续观察'],
  not_reported: ['已电话联系，本人已补报', '已上门核实，身体状况正常'],
  period_ending: ['已核对解除条件，按期解除', '已通知本人准备解除'],
  overdue_release: ['已办理解除手续', '待核酸结果，暂缓解除'],
  report_missing: ['已提醒社区补报'],
};

/**
 * Workers handle most alerts within the hour or two before they would escalate;
 * yesterday's are partly still open, today's are open.
 */
async function handleAlerts(db: Database, now: Date, r: Rand) {
  const today = shanghaiDay(now);
  const yesterday = addDays(today, -1);
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'kind', 'day', 'created_at'])
    .where('state', '=', 'new')
    .orderBy('created_at')
    .orderBy('dedup_key')
    .execute();
  const decided = open.flatMap((a) => {
    const roll = r();
    const state =
      a.day === today
        ? roll < 0.25
          ? 'acknowledged'
          : 'new'
        : a.day === yesterday
          ? roll < 0.6
            ? 'handled'
            : roll < 0.8
              ? 'acknowledged'
              : 'new'
          : roll < 0.96
            ? 'handled'
            : 'acknowledged';
    const handledAt = new Date(Math.min(now.getTime(), a.created_at.getTime() + between(r, 15, 110) * 60_000));
    return state === 'new'
      ? []
      : [
          {
            id: a.id,
            state,
            at: handledAt.toISOString(),
            note: state === 'handled' ? pick(r, NOTES[a.kind] ?? ['已处置']) : null,
          },
        ];
  });
  if (decided.length === 0) return;
  await sql`
    UPDATE alerts a SET state = d.state,
      acknowledged_at = greatest(a.created_at, d.at::timestamptz - interval '5 minutes'),
      acknowledged_by = (SELECT user_id FROM alert_recipients x WHERE x.alert_id = a.id ORDER BY x.level, x.user_id LIMIT 1),
      handled_at = CASE WHEN d.state = 'handled' THEN d.at::timestamptz END,
      handled_by = CASE WHEN d.state = 'handled' THEN (SELECT user_id FROM alert_recipients x WHERE x.alert_id = a.id ORDER BY x.level, x.user_id LIMIT 1) END,
      note = d.note
    FROM jsonb_to_recordset(${JSON.stringify(decided)}::jsonb) AS d(id uuid, state text, at text, note text)
    WHERE a.id = d.id`.execute(db);
}
