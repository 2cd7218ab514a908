/**
 * The registry at two sizes (the default demo, and BENCH_PERSONS, default 200k, loaded
 * with COPY; 1,350,000 is the whole district): scoped person
 * search p99 (2-character name fragment, ID number, phone tail) and the courtyard
 * page (一院一档: courtyard + households + dwellings), each beside the same query
 * run as raw SQL in the same run. Targets: search p99 < 20 ms; courtyard page < 100 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../src/server/db/connection.js';
import { loadConfig } from '../src/server/config.js';
import { freePort } from '../src/server/db/embedded.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadRegistryWithCopy } from '../src/server/demo/copy.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { createLogger, openDatabase, startPlatform } from '../src/server/platform.js';
import { benchCluster, benchDatabase } from './database.js';
import { BENCH_PASSWORD, signIn } from './session.js';
import { fmt, timed } from './timing.js';

/** On Citus: how many shards (tasks) a query's plan touches, from EXPLAIN; null on one node. */
async function tasks(db: Database, query: RawBuilder<unknown>): Promise<string> {
  if (!benchCluster()) return '';
  const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${query}`.execute(db);
  const count = rows.map((r) => r['QUERY PLAN']).find((l) => l.includes('Task Count'));
  return ` | plan: ${count ? count.trim().toLowerCase() : 'not distributed'}`;
}

async function atSize(persons: number): Promise<void> {
  const where = await benchDatabase('registry');
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-bench-registry-'));
  const port = await freePort();
  const seedStart = performance.now();
  const config = loadConfig(
    {
      DATA_DIR: dir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: BENCH_PASSWORD,
      DEMO_PERSONS: String(persons),
      JOB_WORKERS: '0',
      ...where.config,
    },
    'demo',
  );
  if (persons > 10_000 || where.config.DATABASE_URL) {
    // District sizes load as `npm run demo` does: COPY, then the platform starts on that data dir.
    const { db, url, embedded } = await openDatabase(config, createLogger(config));
    await migrateToLatest(db);
    await seedDemo(db, BENCH_PASSWORD, { registry: false });
    await loadRegistryWithCopy(db, url, { persons });
    await db.destroy();
    await embedded?.stop();
  }
  const platform = await startPlatform(config);
  try {
    const db = platform.db;
    const total = await db
      .selectFrom('persons')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `\n### ${total.n.toLocaleString()} persons on ${where.label} (demo data loaded ${persons > 10_000 || where.config.DATABASE_URL ? 'with COPY' : 'on first start'} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`,
    );
    const districtId = (
      await db.selectFrom('areas').select('id').where('code', '=', '510112').executeTakeFirstOrThrow()
    ).id;
    const base = `http://127.0.0.1:${port}`;
    const { get } = await signIn(base, 'demo-street');
    const scope = (
      await db.selectFrom('areas').select('path').where('code', '=', '510112005').executeTakeFirstOrThrow()
    ).path;

    // The same searches as a street (a quarter of the district) and as the district commander (all of it).
    for (const [who, label, code] of [
      ['demo-street', '柏合街道', '510112005'],
      ['demo-commander', '龙泉驿区', '510112'],
    ] as const) {
      const fetchAs = (await signIn(base, who)).get;
      const path = (await db.selectFrom('areas').select('path').where('code', '=', code).executeTakeFirstOrThrow())
        .path;
      const inScope = await db
        .selectFrom('persons')
        .select(['name', 'doc_number', 'phone_tail'])
        .where('area_path', 'like', `${path}%`)
        .where('phone', 'is not', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      const fragment = [...inScope.name].slice(-2).join('');
      const scoped = await db
        .selectFrom('persons')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('area_path', 'like', `${path}%`)
        .executeTakeFirstOrThrow();
      console.log(
        `${who} (${label}) sees ${scoped.n.toLocaleString()} persons; queries: name "${fragment}", an ID number, phone tail ${inScope.phone_tail}`,
      );
      const cases: [string, string, () => RawBuilder<unknown>][] = [
        [
          `name fragment "${fragment}"`,
          `/api/persons?q=${encodeURIComponent(fragment)}&limit=20`,
          () =>
            sql`SELECT p.*, g.name FROM persons p JOIN areas g ON g.id = p.grid_id WHERE p.district_id = ${districtId} AND p.merged_into IS NULL AND p.area_path LIKE ${`${path}%`} AND p.name_grams @> ${[fragment]}::text[] ORDER BY p.name, p.id LIMIT 21`,
        ],
        [
          'ID number',
          `/api/persons?q=${inScope.doc_number}`,
          () =>
            sql`SELECT p.*, g.name FROM persons p JOIN areas g ON g.id = p.grid_id WHERE p.district_id = ${districtId} AND p.merged_into IS NULL AND p.area_path LIKE ${`${path}%`} AND p.doc_number = ${inScope.doc_number} ORDER BY p.name, p.id LIMIT 21`,
        ],
        [
          `phone tail ${inScope.phone_tail}`,
          `/api/persons?q=${inScope.phone_tail}&limit=20`,
          () =>
            sql`SELECT p.*, g.name FROM persons p JOIN areas g ON g.id = p.grid_id WHERE p.district_id = ${districtId} AND p.merged_into IS NULL AND p.area_path LIKE ${`${path}%`} AND p.phone IS NOT NULL AND p.phone_tail = ${inScope.phone_tail} ORDER BY p.name, p.id LIMIT 21`,
        ],
      ];
      for (const [what, url, raw] of cases) {
        const api = await timed(200, () => fetchAs(url));
        const rawSql = await timed(200, () => raw().execute(db));
        console.log(
          `  search ${what.padEnd(22)} API ${fmt(api)} | raw SQL ${fmt(rawSql)} | target p99 < 20 ms${await tasks(db, raw())}`,
        );
      }
      const dash = await timed(100, () => fetchAs('/api/dashboard'));
      console.log(`  command center figures  API ${fmt(dash)}`);
    }

    const yard = await db
      .selectFrom('courtyards')
      .select(['id', 'name'])
      .where('area_path', 'like', `${scope}%`)
      .where('kind', '=', 'urban_compound')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    const page = () =>
      Promise.all([
        get(`/api/courtyards/${yard.id}`),
        get(`/api/courtyards/${yard.id}/households`),
        get(`/api/courtyards/${yard.id}/dwellings`),
      ]);
    const households = (
      await db
        .selectFrom('occupancies')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('courtyard_id', '=', yard.id)
        .where('end_date', 'is', null)
        .executeTakeFirstOrThrow()
    ).n;
    const rawQueries = [
      sql`SELECT c.*, (SELECT jsonb_object_agg(metric, value) FROM courtyard_counters
                       WHERE district_id = c.district_id AND courtyard_id = c.id)
          FROM courtyards c WHERE c.district_id = ${districtId} AND c.id = ${yard.id}`,
      sql`WITH o AS (SELECT o.* FROM occupancies o JOIN dwellings d ON d.district_id = o.district_id AND d.id = o.dwelling_id
                     WHERE o.district_id = ${districtId} AND d.courtyard_id = ${yard.id} AND d.retired_at IS NULL
                       AND o.end_date IS NULL ORDER BY d.sort_key, o.id LIMIT 101)
          SELECT o.*, p.*, m.relationship FROM o
          JOIN household_members m ON m.district_id = ${districtId} AND m.household_id = o.household_id AND m.end_date IS NULL
          JOIN persons p ON p.district_id = ${districtId} AND p.id = m.person_id`,
      sql`SELECT *, EXISTS (SELECT 1 FROM occupancies o WHERE o.district_id = dwellings.district_id
                            AND o.dwelling_id = dwellings.id AND o.end_date IS NULL) AS occupied
          FROM dwellings WHERE district_id = ${districtId} AND courtyard_id = ${yard.id} AND retired_at IS NULL
          ORDER BY sort_key, id LIMIT 501`,
    ];
    const rawPage = () => Promise.all(rawQueries.map((q) => q.execute(db)));
    const apiPage = await timed(50, page);
    const rawYard = await timed(50, rawPage);
    console.log(
      `courtyard page ${yard.name} (${households} households; first page of 100 households and 500 dwellings) API ${fmt(apiPage)} | raw SQL ${fmt(rawYard)} | target < 100 ms${await tasks(db, rawQueries[1]!)}`,
    );
  } finally {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
    await where.drop();
  }
}

export async function registry(): Promise<void> {
  await atSize(3000);
  await atSize(Number(process.env.BENCH_PERSONS ?? 200_000));
}
