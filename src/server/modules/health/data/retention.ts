/**
 * Retention of the health datasets (BRIEF §8: purge or de-identify after the
 * emergency). A person's data in a dataset is due once none of their measures is open
 * and the last one ended more than the dataset's retention_days before today
 * (Asia/Shanghai). Rows whose person has no measure left at all (already
 * de-identified or purged under a shorter 'measures' retention) fall due by their own
 * latest date, so they cannot outlive their retention by losing their measure.
 *
 *   checkins  purge or deidentify: their check-ins are deleted (the per-day counters
 *             keep the figures; a check-in without its person says nothing more)
 *   tests     purge: deleted · deidentify: person_id set to NULL
 *   measures  deidentify: measures keep their figures without person_id; the person's
 *             timeline (health_events), categories and health profile are deleted and
 *             their alerts lose the person · purge: the measures are deleted as well
 *
 * Each district under its own retention: one transaction per district and dataset, each with its audit row (no actor).
 * Datasets run in the order checkins, tests, measures, so those two still find their
 * persons through the measures on the day the measures go.
 */
import { type RawBuilder, sql } from 'kysely';
import { addDays, shanghaiDay, shanghaiInstant } from '../../../../domain/clock.js';
import type { DatasetKey, RetentionAction } from '../../../../domain/health-data.js';
import { audit } from '../../../kernel/audit.js';
import { type Context, inTransaction } from '../../../kernel/context.js';

export const RETENTION_KIND = 'health.retention';

const ORDER: DatasetKey[] = ['checkins', 'tests', 'measures'];

interface Due {
  person_id: string;
  district_id: string;
}

/** A district's persons whose data in the dataset is due on a cut-off day (their last measure ended before it). */
async function due(c: Context, districtId: string, key: DatasetKey, cutoff: string): Promise<Due[]> {
  const ended = sql<Due>`
    SELECT person_id, min(district_id)::text AS district_id FROM health_measures
    WHERE person_id IS NOT NULL AND district_id = ${districtId}
    GROUP BY person_id
    HAVING bool_and(actual_end IS NOT NULL) AND max(actual_end) < ${cutoff}::date`;
  const noMeasure = (table: 'health_checkins' | 'nucleic_tests', latest: RawBuilder<unknown>) => sql<Due>`
    SELECT x.person_id, min(x.district_id)::text AS district_id FROM ${sql.table(table)} x
    WHERE x.person_id IS NOT NULL AND x.district_id = ${districtId}
      AND NOT EXISTS (SELECT 1 FROM health_measures m WHERE m.district_id = x.district_id AND m.person_id = x.person_id)
    GROUP BY x.person_id HAVING ${latest}`;
  const source =
    key === 'checkins'
      ? sql<Due>`${ended} UNION ${noMeasure('health_checkins', sql`max(x.day) < ${cutoff}::date`)}`
      : key === 'tests'
        ? sql<Due>`${ended} UNION ${noMeasure('nucleic_tests', sql`max(x.sampled_at) < ${shanghaiInstant(cutoff, '00:00')}`)}`
        : ended;
  return (await source.execute(c.db)).rows;
}

type Tally = Map<string, Record<string, number>>;

/** Runs a data-modifying statement that RETURNS district_id, and adds its row count per district under `metric`. */
async function counted(c: Context, tally: Tally, metric: string, statement: RawBuilder<unknown>): Promise<void> {
  const { rows } = await sql<{ district_id: string; n: number }>`
    WITH x AS (${statement}) SELECT district_id::text AS district_id, count(*)::int AS n FROM x GROUP BY district_id`.execute(
    c.db,
  );
  for (const r of rows) {
    const t = tally.get(r.district_id) ?? {};
    t[metric] = (t[metric] ?? 0) + r.n;
    tally.set(r.district_id, t);
  }
}

/** Purges or de-identifies the dataset of persons of one district. */
async function apply(
  c: Context,
  districtId: string,
  key: DatasetKey,
  action: RetentionAction,
  ids: string[],
  tally: Tally,
): Promise<void> {
  // The district's rows of these persons.
  const theirs = sql`district_id = ${districtId} AND person_id = ANY(${ids}::uuid[])`;
  if (key === 'checkins') {
    await counted(c, tally, 'checkins', sql`DELETE FROM health_checkins WHERE ${theirs} RETURNING district_id`);
    return;
  }
  if (key === 'tests') {
    await counted(
      c,
      tally,
      'tests',
      action === 'purge'
        ? sql`DELETE FROM nucleic_tests WHERE ${theirs} RETURNING district_id`
        : sql`UPDATE nucleic_tests SET person_id = NULL WHERE ${theirs} RETURNING district_id`,
    );
    return;
  }
  if (action === 'purge') {
    // A measure changed into another is referenced by it: unlink before deleting.
    await sql`UPDATE health_measures SET previous_id = NULL
              WHERE district_id = ${districtId} AND previous_id IN (SELECT id FROM health_measures WHERE ${theirs})`.execute(
      c.db,
    );
    await counted(c, tally, 'measures', sql`DELETE FROM health_measures WHERE ${theirs} RETURNING district_id`);
  } else {
    await counted(
      c,
      tally,
      'measures',
      sql`UPDATE health_measures SET person_id = NULL WHERE ${theirs} RETURNING district_id`,
    );
  }
  await counted(c, tally, 'events', sql`DELETE FROM health_events WHERE ${theirs} RETURNING district_id`);
  await counted(c, tally, 'categories', sql`DELETE FROM health_person_categories WHERE ${theirs} RETURNING district_id`);
  await counted(c, tally, 'profiles', sql`DELETE FROM health_profiles WHERE ${theirs} RETURNING district_id`);
  await counted(c, tally, 'alerts', sql`UPDATE alerts SET person_id = NULL WHERE ${theirs} RETURNING district_id`);
}

export interface DatasetResult {
  action: RetentionAction;
  retentionDays: number;
  cutoff: string;
  persons: number;
  rows: Record<string, number>;
}

export type DistrictResult = { districtId: string; datasets: Partial<Record<DatasetKey, DatasetResult>> };

/** Each district under its own retention: one transaction and one audit row per district and dataset. */
export async function retentionPurge(ctx: Context, forDay?: string): Promise<{ day: string; districts: DistrictResult[] }> {
  const day = forDay ?? shanghaiDay(ctx.clock.now());
  const districts = await ctx.db
    .selectFrom('areas')
    .select(['id', 'path', 'district_id'])
    .where('level', '=', 'district')
    .orderBy('id')
    .execute();
  const results: DistrictResult[] = [];
  for (const district of districts) {
    const datasets = (
      await ctx.db
        .selectFrom('health_datasets')
        .select(['key', 'retention_days', 'action'])
        .where('district_id', '=', district.id)
        .execute()
    ).sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
    const result: DistrictResult['datasets'] = {};
    for (const d of datasets) {
      const cutoff = addDays(day, -d.retention_days);
      result[d.key] = await inTransaction(ctx, async (tx) => {
        const persons = await due(tx, district.id, d.key, cutoff);
        const tally: Tally = new Map();
        if (persons.length)
          await apply(
            tx,
            district.id,
            d.key,
            d.action,
            persons.map((p) => p.person_id),
            tally,
          );
        const rows = tally.get(district.id) ?? {};
        // An audit row also when nothing was due: the log shows the purge ran.
        await audit(tx, {
          action: 'health_data.purge',
          resourceType: 'health_dataset',
          resourceId: d.key,
          area: { id: district.id, path: district.path, districtId: district.district_id },
          details: {
            action: d.action,
            retentionDays: d.retention_days,
            cutoff,
            persons: persons.length,
            rows,
            job: RETENTION_KIND,
          },
        });
        return { action: d.action, retentionDays: d.retention_days, cutoff, persons: persons.length, rows };
      });
    }
    results.push({ districtId: district.id, datasets: result });
  }
  return { day, districts: results };
}
