/**
 * The demo's key persons, planned in memory before anything is written: who and why
 * (exposure categories, epidemiological status), the measure and planned end the rule
 * table gives on the placement day (the domain's `placement()` over the rule rows),
 * their daily check-ins and nucleic-acid tests, and the day each is released — the
 * first day the domain's release checklist is clear — or not, for the few left
 * overdue. Nothing here happens after `now`. Deterministic for a seed and a clock
 * (apart from the generated ids).
 */
import { addDays } from '../../domain/clock.js';
import { type EpiStatus, placement } from '../../domain/health.js';
import { measureOf, simulate } from './health-course.js';
import { at, type Candidate, type HealthPlan, type PlanInput, type Twists } from './health-plan-model.js';
import { between, pick, type Rand } from './people.js';

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

function scenario(r: Rand): Scenario {
  let x = r() * SCENARIOS.reduce((n, [, w]) => n + w, 0);
  for (const [s, w] of SCENARIOS) if ((x -= w) < 0) return s;
  return 'from_hubei';
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
