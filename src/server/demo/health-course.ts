/**
 * A planned key person's course under measures, day by day from the placement until
 * release or today: nucleic-acid tests, daily check-ins (a few fevers and symptoms, some
 * days unreported), a change of measure for a contact who turns positive, and release
 * in the afternoon of the first day the domain's checklist is clear (or a day later).
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '../../domain/clock.js';
import { type EpiStatus, placement, releaseBlockers, type Rule, type TestResult } from '../../domain/health.js';
import type { CheckinChannel } from '../db/types-health.js';
import {
  at,
  type Candidate,
  type HealthPlan,
  type PlanInput,
  type PlannedMeasure,
  type Twists,
} from './health-plan-model.js';
import { between, pick } from './people.js';

const MILD = ['咽痛', '乏力', '鼻塞', '干咳', '头痛', '腹泻'];

export function measureOf(
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
export function simulate(
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
