/**
 * The rule table as data: read the rules in force on a day, their history, add a
 * new version (from today on; never the past), and preview a placement.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { type EpiStatus, placement, type Rule, rulesInForce, STATUSES } from '../../../../domain/health.js';
import type { Database } from '../../../db/connection.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';

/** The district's rule versions: each district keeps its own table. */
function rows(db: Database, districtId: string) {
  return db
    .selectFrom('health_rules as r')
    .where('r.district_id', '=', districtId)
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.applies_to',
      'r.measure',
      'r.days',
      'r.from_last_contact',
      'r.negative_tests',
      'r.hours_apart',
      'r.symptom_free_days',
      'r.effective_from',
      'r.note',
      'r.created_at',
      'u.username',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof rows>['execute']>>[number];

const toRule = (r: Row): Rule & { id: string } => ({
  id: r.id,
  appliesTo: r.applies_to,
  measure: r.measure,
  days: r.days,
  fromLastContact: r.from_last_contact,
  release: { negativeTests: r.negative_tests, hoursApart: r.hours_apart, symptomFreeDays: r.symptom_free_days },
  effectiveFrom: r.effective_from,
});

const toDto = (r: Row) => ({
  ...toRule(r),
  note: r.note,
  createdBy: r.username,
  createdAt: r.created_at.toISOString(),
});

async function allRules(db: Database, districtId: string) {
  return rows(db, districtId).orderBy('r.applies_to').orderBy('r.effective_from').execute();
}

/** Every version of every rule of a district, for computing placements (rules as they stood on the placement day). */
export async function loadRules(db: Database, districtId: string): Promise<(Rule & { id: string })[]> {
  return (await allRules(db, districtId)).map(toRule);
}

export async function inForce(ctx: Context, day?: string) {
  const c = authorize(ctx, 'health_rules.read');
  const on = day ?? shanghaiDay(c.clock.now());
  const all = await allRules(c.db, c.actor.districtId);
  const chosen = new Set([...rulesInForce(all.map(toRule), on).values()].map((r) => (r as Rule & { id: string }).id));
  const categories = await c.db
    .selectFrom('health_categories')
    .selectAll()
    .where('district_id', '=', c.actor.districtId)
    .where('effective_from', '<=', on)
    .where((eb) => eb.or([eb('effective_until', 'is', null), eb('effective_until', '>', on)]))
    .orderBy('effective_from')
    .orderBy('key')
    .execute();
  return {
    day: on,
    categories: categories.map((k) => ({
      key: k.key,
      label: k.label,
      from: k.effective_from,
      until: k.effective_until,
    })),
    rules: all.filter((r) => chosen.has(r.id)).map(toDto),
  };
}

export async function history(ctx: Context, appliesTo: string) {
  const c = authorize(ctx, 'health_rules.read');
  return {
    items: (
      await rows(c.db, c.actor.districtId).where('r.applies_to', '=', appliesTo).orderBy('r.effective_from').execute()
    ).map(toDto),
  };
}

export async function addVersion(
  ctx: Context,
  input: {
    appliesTo: string;
    measure: Rule['measure'];
    days: number;
    fromLastContact: boolean;
    negativeTests: number;
    hoursApart: number;
    symptomFreeDays: number;
    effectiveFrom: string;
    note: string;
  },
) {
  const c = authorize(ctx, 'health_rules.edit');
  const today = shanghaiDay(c.clock.now());
  if (input.effectiveFrom < today) {
    throw validationError([fieldProblem('effectiveFrom', 'no_retroactive')]);
  }
  const status = input.appliesTo.startsWith('status:') ? input.appliesTo.slice(7) : null;
  const known =
    status !== null
      ? (STATUSES as readonly string[]).includes(status)
      : !!(await c.db
          .selectFrom('health_categories')
          .select('key')
          .where('district_id', '=', c.actor.districtId)
          .where('key', '=', input.appliesTo)
          .executeTakeFirst());
  if (!known) throw validationError([fieldProblem('appliesTo', 'unknown')]);
  const inserted = await c.db
    .insertInto('health_rules')
    .values({
      district_id: c.actor.districtId,
      applies_to: input.appliesTo,
      measure: input.measure,
      days: input.days,
      from_last_contact: input.fromLastContact,
      negative_tests: input.negativeTests,
      hours_apart: input.hoursApart,
      symptom_free_days: input.symptomFreeDays,
      effective_from: input.effectiveFrom,
      note: input.note,
      created_by: c.actor.id,
    })
    .onConflict((oc) => oc.columns(['district_id', 'applies_to', 'effective_from']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new AppError('CONFLICT', [fieldProblem('effectiveFrom', 'conflict')]);
  await audit(c, {
    action: 'health_rules.create',
    resourceType: 'health_rule',
    resourceId: inserted.id,
    details: {
      appliesTo: input.appliesTo,
      measure: input.measure,
      days: input.days,
      effectiveFrom: input.effectiveFrom,
      note: input.note,
    },
  });
  const row = await rows(c.db, c.actor.districtId).where('r.id', '=', inserted.id).executeTakeFirstOrThrow();
  return toDto(row);
}

export async function previewPlacement(
  ctx: Context,
  input: { day: string; categories: string[]; status: EpiStatus; lastContact?: string | null },
) {
  const c = authorize(ctx, 'health_rules.read');
  const rules = await loadRules(c.db, c.actor.districtId);
  const p = placement(rules, input);
  if (!p) return null;
  return { ...p, basis: p.basis.map((r) => (r as Rule & { id: string }).id) };
}
