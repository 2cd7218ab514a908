/**
 * The demo's key persons, planned in memory before anything is written: who and why
 * (exposure categories, epidemiological status), the measure and planned end the rule
 * table gives on the placement day (the domain's `placement()` over the rule rows),
 * their daily check-ins and nucleic-acid tests, and the day each is released — the
 * first day the domain's release checklist is clear — or not, for the few left
 * overdue. Nothing here happens after `now`. Deterministic for a seed and a clock
 * (apart from the generated ids).
 */
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiInstant } from '../../domain/clock.js';
import {
  type EpiStatus,
  type Measure,
  placement,
  type ReleaseCondition,
  releaseBlockers,
  type Rule,
  type TestResult,
} from '../../domain/health.js';
import type { CheckinChannel } from '../db/types-health.js';
import { between, pick, type Rand } from './people.js';

export interface Candidate {
  id: string;
  gridId: string;
  gridCode: string;
  districtId: string;
  areaPath: string;
  householdId: string | null;
  relationship: string | null;
}

export interface PlannedMeasure {
  id: string;
  person: Candidate;
  measure: Measure;
  startDay: string;
  plannedEnd: string | null;
  release: ReleaseCondition;
  basis: string[];
  categories: string[];
  status: EpiStatus;
  lastContact: string | null;
  at: Date;
  previousId: string | null;
  end: { day: string; at: Date; reason: 'released' | 'changed' } | null;
  /** Room or bed number, given once every measure is planned. */
  place: number | null;
}

export interface PlannedPerson {
  person: Candidate;
  categories: { key: string; lastContact: string | null }[];
  status: EpiStatus;
  lastContact: string | null;
  day: string;
  at: Date;
  /** A close contact who tested positive: confirmed, moved to hospital. */
  confirmed: { day: string; at: Date } | null;
}

export interface PlannedCheckin {
  person: Candidate;
  day: string;
  at: Date;
  temperature: number | null;
  symptoms: string[];
  channel: CheckinChannel;
  reporterPerson: string | null;
}

export interface PlannedTest {
  id: string;
  person: Candidate;
  sampledAt: Date;
  result: 'negative' | 'positive' | 'pending';
  resultAt: Date | null;
}

export interface HealthPlan {
  persons: PlannedPerson[];
  measures: PlannedMeasure[];
  checkins: PlannedCheckin[];
  tests: PlannedTest[];
}

type Scenario =
  | 'from_wuhan'
  | 'from_hubei'
  | 'local_visited_hubei'
  | 'from_key_areas'
  | 'from_abroad'
  | 'close_contact'
  | 'secondary_contact'
  | 'recovered'
  | 'confirmed';
const SCENARIOS: [Scenario, number][] = [
  ['from_wuhan', 12],
  ['from_hubei', 24],
  ['local_visited_hubei', 17],
  ['from_key_areas', 14],
  ['from_abroad', 8],
  ['close_contact', 13],
  ['secondary_contact', 7],
  ['recovered', 3],
  ['confirmed', 2],
];
/** Returnees travel as families; contacts and cases are single persons. */
const FAMILY: Scenario[] = ['from_wuhan', 'from_hubei', 'from_key_areas'];
const MILD = ['咽痛', '乏力', '鼻塞', '干咳', '头痛', '腹泻'];

export const at = (day: string, minutes: number) =>
  new Date(shanghaiInstant(day, '00:00').getTime() + Math.round(minutes) * 60_000);

function scenario(r: Rand): Scenario {
  let x = r() * SCENARIOS.reduce((n, [, w]) => n + w, 0);
  for (const [s, w] of SCENARIOS) if ((x -= w) < 0) return s;
  return 'from_hubei';
}

export interface PlanInput {
  today: string;
  now: Date;
  /** The first day of the history (30 days before today, or later when no rule was in force yet). */
  from: string;
  rules: (Rule & { id: string })[];
  /** Category keys with the days they are in force. */
  categories: { key: string; from: string; until: string | null }[];
  grids: { gridCode: string; persons: Candidate[] }[];
  /** The grid that gets a family of three under home isolation and ~10 key persons. */
  showcaseGrid: string;
  perGrid: number;
  r: Rand;
}

export function planHealth(input: PlanInput): HealthPlan {
  const { r, today, now } = input;
  const plan: HealthPlan = { persons: [], measures: [], checkins: [], tests: [] };
  const inForce = (key: string, day: string) =>
    input.categories.some((c) => c.key === key && c.from <= day && (c.until === null || day < c.until));
  const days: string[] = [];
  for (let d = input.from; d <= today; d = addDays(d, 1)) days.push(d);
  const startOf = (day: string) => {
    const t = at(day, 510 + r() * 180);
    return t <= now ? { day, at: t } : { day: addDays(day, -1), at: at(addDays(day, -1), 510 + r() * 180) };
  };

  for (const grid of input.grids) {
    const households = new Map<string, Candidate[]>();
    for (const p of grid.persons) {
      const key = p.householdId ?? p.id;
      households.set(key, [...(households.get(key) ?? []), p]);
    }
    for (const members of households.values())
      members.sort((a, b) => Number(b.relationship === 'head') - Number(a.relationship === 'head'));
    const pool = [...households.values()];
    const showcase = grid.gridCode === input.showcaseGrid;
    let wanted = showcase ? input.perGrid + 3 : input.perGrid;
    if (showcase) {
      // A family of three back from Wuhan five days ago: home isolation, fever yesterday, not yet reported today.
      const three = pool.findIndex((h) => h.length === 3);
      const i = Math.max(0, three >= 0 ? three : pool.findIndex((h) => h.length > 3));
      const family = pool.splice(i, 1)[0]?.slice(0, 3) ?? [];
      const start = startOf(addDays(today, -5) < input.from ? input.from : addDays(today, -5));
      planGroup(input, plan, family, 'from_wuhan', start, {
        feverYesterday: family[1]?.id ?? null,
        quietToday: true,
        neverRelease: false,
        family: true,
      });
      wanted -= family.length;
    }
    for (let attempts = 0; wanted > 0 && pool.length > 0 && attempts < 1000; attempts++) {
      let s = scenario(r);
      // The showcase grid's persons came recently: most of them are still under a measure.
      const start = startOf(pick(r, showcase ? days.slice(-16) : days));
      if (!inForce(s, start.day) && !['secondary_contact', 'recovered', 'confirmed'].includes(s)) s = 'from_hubei';
      if (s === 'from_hubei' && !inForce(s, start.day)) continue;
      const household = pool.splice(Math.floor(r() * pool.length), 1)[0]!;
      const size = FAMILY.includes(s) && r() < 0.45 ? Math.min(household.length, 3, wanted) : 1;
      const group = size === 1 ? [pick(r, household)] : household.slice(0, size);
      planGroup(input, plan, group, s, start, {
        feverYesterday: null,
        quietToday: false,
        neverRelease: r() < 0.06,
        family: group.length > 1,
      });
      wanted -= group.length;
    }
  }
  assignPlaces(plan);
  return plan;
}

interface Twists {
  feverYesterday: string | null;
  quietToday: boolean;
  neverRelease: boolean;
  /** Several of one household: the head reports for the family. */
  family: boolean;
}

function planGroup(
  input: PlanInput,
  plan: HealthPlan,
  group: Candidate[],
  s: Scenario,
  start: { day: string; at: Date },
  twists: Twists,
) {
  const { r } = input;
  const lastContact = s === 'close_contact' || s === 'secondary_contact' ? addDays(start.day, -between(r, 0, 2)) : null;
  const status: EpiStatus =
    s === 'close_contact'
      ? 'close_contact'
      : s === 'secondary_contact'
        ? 'secondary_contact'
        : s === 'recovered'
          ? 'recovered'
          : s === 'confirmed'
            ? 'confirmed'
            : 'none';
  const categories = ['secondary_contact', 'recovered', 'confirmed'].includes(s)
    ? []
    : [{ key: s, lastContact: s === 'close_contact' ? lastContact : null }];
  const decided = placement(input.rules, {
    day: start.day,
    categories: categories.map((c) => c.key),
    status,
    lastContact,
  });
  if (!decided) return;
  // Now and then a close contact tests positive a few days in and goes to hospital.
  const convertDay =
    s === 'close_contact' && r() < 0.25 && addDays(start.day, 5) < input.today ? addDays(start.day, 4) : null;
  for (const [i, person] of group.entries()) {
    const t = new Date(start.at.getTime() + i * 4 * 60_000);
    const confirmed = convertDay && i === 0 ? { day: convertDay, at: at(convertDay, 570) } : null;
    plan.persons.push({ person, categories, status, lastContact, day: start.day, at: t, confirmed });
    const first = measureOf(person, decided, { categories, status, lastContact }, start.day, t, null);
    plan.measures.push(first);
    const reporter = group.length > 1 && i > 0 ? group[0]!.id : null;
    simulate(input, plan, first, {
      ...twists,
      reporter,
      confirmed,
      feverYesterday: twists.feverYesterday === person.id,
    });
  }
}

function measureOf(
  person: Candidate,
  decided: NonNullable<ReturnType<typeof placement>>,
  axes: { categories: { key: string }[]; status: EpiStatus; lastContact: string | null },
  day: string,
  t: Date,
  previousId: string | null,
): PlannedMeasure {
  return {
    id: randomUUID(),
    person,
    measure: decided.measure,
    startDay: day,
    plannedEnd: decided.plannedEnd,
    release: decided.release,
    basis: decided.basis.map((b) => (b as Rule & { id: string }).id),
    categories: axes.categories.map((c) => c.key).sort(),
    status: axes.status,
    lastContact: axes.lastContact,
    at: t,
    previousId,
    end: null,
    place: null,
  };
}

/** Day by day from the placement until release or today: tests, check-ins, release when the checklist is clear. */
function simulate(
  input: PlanInput,
  plan: HealthPlan,
  first: PlannedMeasure,
  o: Omit<Twists, 'feverYesterday'> & {
    reporter: string | null;
    confirmed: { day: string; at: Date } | null;
    feverYesterday: boolean;
  },
) {
  const { r, today, now } = input;
  const person = first.person;
  const sampleAt = 540 + between(input.r, 0, 90); // the same time each day: tests on consecutive days are 24 h apart
  const test = (day: string, result: 'negative' | 'positive') => {
    const sampledAt = at(day, sampleAt);
    if (sampledAt > now) return;
    const resultAt = new Date(sampledAt.getTime() + between(r, 300, 540) * 60_000);
    plan.tests.push({
      id: randomUUID(),
      person,
      sampledAt,
      result: resultAt <= now ? result : 'pending',
      resultAt: resultAt <= now ? resultAt : null,
    });
  };
  const testDays = (m: PlannedMeasure) => {
    const out = new Set<string>();
    if (m.measure === 'central_isolation' || r() < 0.5) out.add(m.startDay);
    if (m.release.negativeTests > 0) {
      if (m.plannedEnd)
        for (const k of [2, 1])
          out.add(addDays(m.plannedEnd, -k) < m.startDay ? m.startDay : addDays(m.plannedEnd, -k));
      else for (let k = 6; k <= 40; k += 2) out.add(addDays(m.startDay, k));
    }
    return out;
  };
  let m = first;
  let tests = testDays(m);
  let lastSymptomDay: string | null = null;
  let clearDays = 0;
  const delay = o.neverRelease ? Infinity : r() < 0.82 ? 0 : 1;
  const staffChannel: CheckinChannel =
    m.measure === 'central_isolation' || m.measure === 'designated_hospital' ? 'staff_visit' : 'staff_call';
  for (let d = m.startDay; d <= today; d = addDays(d, 1)) {
    if (o.confirmed && d === addDays(o.confirmed.day, -1)) test(d, 'positive');
    if (o.confirmed && d === o.confirmed.day) {
      // Confirmed: the rules in force that day give the new measure (the hospital).
      const decided = placement(input.rules, {
        day: d,
        categories: m.categories,
        status: 'confirmed',
        lastContact: m.lastContact,
      });
      if (decided) {
        m.end = { day: d, at: new Date(o.confirmed.at.getTime() + 30 * 60_000), reason: 'changed' };
        m = measureOf(
          person,
          decided,
          { categories: m.categories.map((key) => ({ key })), status: 'confirmed', lastContact: m.lastContact },
          d,
          m.end.at,
          m.id,
        );
        plan.measures.push(m);
        tests = testDays(m);
        tests.delete(d);
      }
    }
    if (tests.has(d) && !(o.confirmed && d >= addDays(o.confirmed.day, -1) && m.previousId === null))
      test(d, 'negative');
    // The check-in of the day: mostly normal; a few fevers or symptoms; some days nobody reports.
    const yesterday = addDays(today, -1);
    const quiet = (o.quietToday && d === today) || (d === today ? r() < 0.3 : r() < 0.07);
    const t = d === m.startDay ? new Date(m.at.getTime() + between(r, 10, 50) * 60_000) : at(d, 420 + r() * 390);
    if (!quiet && t <= now) {
      const roll = o.feverYesterday && d === yesterday ? 0 : o.feverYesterday ? 1 : r();
      let temperature: number | null = between(r, 360, 372) / 10;
      let symptoms: string[] = [];
      if (roll < 0.015) {
        temperature = o.feverYesterday ? 37.6 : between(r, 373, 389) / 10;
        symptoms = o.feverYesterday ? ['发热', '咽痛'] : ['发热', ...(r() < 0.6 ? [pick(r, MILD)] : [])];
      } else if (roll < 0.03) symptoms = [pick(r, MILD)];
      else if (roll < 0.035) temperature = null; // a call that could not take a reading: to review
      if (symptoms.length) lastSymptomDay = d;
      const own = r();
      const channel: CheckinChannel = o.reporter
        ? 'household'
        : o.family || own < 0.55
          ? 'self'
          : own < 0.85
            ? staffChannel
            : m.measure.startsWith('home')
              ? 'staff_visit'
              : staffChannel;
      plan.checkins.push({ person, day: d, at: t, temperature, symptoms, channel, reporterPerson: o.reporter });
    }
    // Release in the afternoon, once the period is complete and the checklist is clear.
    const releaseAt = at(d, 900 + r() * 55);
    if (releaseAt > now || (m.plannedEnd === null && m.release.negativeTests === 0)) continue;
    const known: TestResult[] = plan.tests
      .filter(
        (x) =>
          x.person.id === person.id &&
          x.sampledAt >= at(m.startDay, 0) &&
          x.resultAt !== null &&
          x.resultAt <= releaseAt,
      )
      .map((x) => ({ sampledAt: x.sampledAt.toISOString(), result: x.result }));
    if (releaseBlockers({ plannedEnd: m.plannedEnd, release: m.release }, d, lastSymptomDay, known).length > 0)
      continue;
    if (clearDays++ < delay) continue;
    m.end = { day: d, at: releaseAt, reason: 'released' };
    return;
  }
}

/** Rooms at the isolation site and beds at the hospital, one person each, reused after release. */
function assignPlaces(plan: HealthPlan) {
  for (const kind of ['central_isolation', 'designated_hospital'] as const) {
    const freeFrom: string[] = []; // per place: the first day it can take someone new
    for (const m of plan.measures.filter((x) => x.measure === kind).sort((a, b) => a.at.getTime() - b.at.getTime())) {
      let i = freeFrom.findIndex((f) => f <= m.startDay);
      if (i < 0) i = freeFrom.push('') - 1;
      m.place = i;
      freeFrom[i] = m.end ? addDays(m.end.day, 1) : '9999-12-31';
    }
  }
}
