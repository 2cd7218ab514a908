/**
 * What the demo's health plan is made of (health-plan.ts makes it, health-course.ts
 * follows each person's course): the candidates from the registry, the planned key
 * persons, measures, check-ins and tests, and what planning starts from.
 */
import type { EpiStatus, Measure, ReleaseCondition, Rule } from '../../domain/health.js';
import { shanghaiInstant } from '../../domain/clock.js';
import type { CheckinChannel } from '../db/types-health.js';
import type { Rand } from './people.js';

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

/** The instant `minutes` after midnight of `day` (Asia/Shanghai). */
export const at = (day: string, minutes: number) =>
  new Date(shanghaiInstant(day, '00:00').getTime() + Math.round(minutes) * 60_000);

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

/** What sets one group's course apart from the usual. */
export interface Twists {
  feverYesterday: string | null;
  quietToday: boolean;
  neverRelease: boolean;
  /** Several of one household: the head reports for the family. */
  family: boolean;
}
