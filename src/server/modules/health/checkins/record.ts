/**
 * Saving a daily check-in, whoever enters it: the person through their link, the
 * household head for the family, or staff after a visit or call. One check-in per
 * person per day: a second submission amends the first (the earlier values are kept
 * in `previous`); the same submission sent twice changes nothing. Fever or symptoms
 * raise an alert in the same transaction.
 */
import { sql } from 'kysely';
import { addDays, shanghaiDay } from '../../../../domain/clock.js';
import { checkTemperature, SYMPTOMS } from '../../../../domain/health.js';
import type { Context } from '../../../kernel/context.js';
import type { CheckinChannel, CheckinState } from '../../../db/types-health.js';
import { AppError, type FieldProblem, fieldProblem, validationError } from '../../../kernel/errors.js';
import { raise } from '../alerts/index.js';

export interface CheckinInput {
  /** The person's district: every statement of the check-in is pinned to it. */
  districtId: string;
  personId: string;
  day: string;
  temperature: number | null;
  symptoms: string[];
  needsReview?: boolean | undefined;
  channel: CheckinChannel;
  reportedBy?: string | null;
  reporterPerson?: string | null;
  clientId: string;
}

export interface SavedCheckin {
  personId: string;
  day: string;
  temperature: number | null;
  symptoms: string[];
  state: CheckinState;
  revisions: number;
  amended: boolean;
}

/** Field problems of one entry; `prefix` names the entry in a batch ("entries.1."). */
export function checkEntry(e: { temperature: number | null; symptoms: string[] }, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (e.temperature !== null) {
    const p = checkTemperature(e.temperature);
    if (p)
      problems.push(
        fieldProblem(`${prefix}temperature`, p === 'too_precise' ? 'temperature_precision' : 'temperature_range'),
      );
  }
  e.symptoms.forEach((s, i) => {
    if (!(SYMPTOMS as readonly string[]).includes(s))
      problems.push(fieldProblem(`${prefix}symptoms.${i}`, 'unknown_symptom'));
  });
  return problems;
}

/** Today, or yesterday for entries made after midnight about the day before. */
export function checkDay(now: Date, day: string) {
  const today = shanghaiDay(now);
  if (day > today) throw validationError([fieldProblem('day', 'future_day')]);
  if (day < addDays(today, -1)) throw validationError([fieldProblem('day', 'too_far_back')]);
}

type SavedRow = { temperature: string | null; symptoms: string[]; state: CheckinState; revisions: number };

/**
 * Amends the day's check-in of a person, locked first, keeping the earlier values in
 * `previous`; the same submission again (same client id) changes nothing. Computed
 * here rather than in ON CONFLICT DO UPDATE: Citus refuses a STABLE function
 * (jsonb_build_object) over the old row there.
 */
async function amend(
  c: Context,
  e: CheckinInput,
  symptoms: string[],
  now: Date,
): Promise<SavedRow & { amended: boolean }> {
  const old = await c.db
    .selectFrom('health_checkins')
    .select(['temperature', 'symptoms', 'state', 'revisions', 'channel', 'updated_at', 'client_id'])
    .where('district_id', '=', e.districtId)
    .where('person_id', '=', e.personId)
    .where('day', '=', e.day)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (old.client_id === e.clientId) return { ...old, amended: false };
  const previous = {
    temperature: old.temperature === null ? null : Number(old.temperature),
    symptoms: old.symptoms,
    channel: old.channel,
    at: old.updated_at,
  };
  const row = await c.db
    .updateTable('health_checkins')
    .set({
      temperature: e.temperature,
      symptoms,
      needs_review: e.needsReview ?? false,
      channel: e.channel,
      reported_by: e.reportedBy ?? null,
      reporter_person: e.reporterPerson ?? null,
      client_id: e.clientId,
      updated_at: now,
      revisions: sql`revisions + 1`,
      previous: JSON.stringify(previous),
    })
    .where('district_id', '=', e.districtId)
    .where('person_id', '=', e.personId)
    .where('day', '=', e.day)
    .returning([sql<string | null>`temperature::text`.as('temperature'), 'symptoms', 'state', 'revisions'])
    .executeTakeFirstOrThrow();
  return { ...row, amended: true };
}

export async function saveCheckin(c: Context, e: CheckinInput): Promise<SavedCheckin> {
  const { db } = c;
  const now = c.clock.now();
  const problems = checkEntry(e);
  if (problems.length) throw validationError(problems);
  const symptoms = [...new Set(e.symptoms)];
  const m = await db
    .selectFrom('health_measures')
    .select(['grid_id', 'district_id', 'area_path'])
    .where('district_id', '=', e.districtId)
    .where('person_id', '=', e.personId)
    .where('start_day', '<=', e.day)
    .where((eb) => eb.or([eb('actual_end', 'is', null), eb('actual_end', '>', e.day)]))
    .orderBy('start_day', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!m) throw new AppError('NOT_UNDER_MEASURE');
  // The first check-in of the day is inserted; a later one amends it.
  const row = await sql<SavedRow>`
    INSERT INTO health_checkins (person_id, day, district_id, grid_id, area_path, temperature, symptoms, needs_review, channel, reported_by, reporter_person, client_id, created_at, updated_at)
    VALUES (${e.personId}, ${e.day}, ${m.district_id}, ${m.grid_id}, ${m.area_path}, ${e.temperature}, ${symptoms}::text[], ${e.needsReview ?? false}, ${e.channel}, ${e.reportedBy ?? null}, ${e.reporterPerson ?? null}, ${e.clientId}, ${now}, ${now})
    ON CONFLICT (district_id, person_id, day) DO NOTHING
    RETURNING temperature::text, symptoms, state, revisions`.execute(db);
  const inserted = row.rows[0];
  const saved = inserted ? { ...inserted, amended: false } : await amend(c, e, symptoms, now);
  // Nothing changed on the same submission again: no new alert either.
  if (saved.state === 'symptomatic' && (inserted || saved.amended)) {
    await raise(c, m.district_id, [
      {
        kind: 'symptomatic',
        day: e.day,
        areaId: m.grid_id,
        personId: e.personId,
        details: { temperature: e.temperature, symptoms, channel: e.channel },
      },
    ]);
  }
  return {
    personId: e.personId,
    day: e.day,
    temperature: saved.temperature === null ? null : Number(saved.temperature),
    symptoms: saved.symptoms,
    state: saved.state,
    revisions: saved.revisions,
    amended: saved.amended,
  };
}
