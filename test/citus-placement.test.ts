/**
 * On a Citus cluster a district's records live only in its own shards (issue 13): two
 * districts get every record kind through the API, and then, for every distributed table,
 * each shard holds the districts Citus routes to it and no other; all of a district's
 * shards sit on one node (the tables are co-located), so its requests touch one node.
 * Runs only with TEST_CITUS_WORKERS (the CI's Citus stage); on one PostgreSQL there are no shards.
 */
import { sql } from 'kysely';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tablesOf } from '../src/server/db/layout.js';
import { testApp } from './support/app.js';
import { testCluster } from './support/db.js';
import { account, buildWorld, runJobs, type World, xinduWorld } from './support/worlds.js';

const onCitus = testCluster() !== null;

const t = await testApp({ config: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-placement-')) } });

let home: World;
let xindu: World;

beforeAll(async () => {
  if (!onCitus) return;
  const admin = await t.as('demo-admin');
  const areas = {
    district: await t.areaId('510112'),
    street: await t.areaId('510112005'),
    community: await t.areaId('510112005201'),
    grid: await t.areaId('510112005201001'),
    grid2: await t.areaId('510112005201002'),
  };
  const spare = await account(t, admin, 'pl-spare', 'grid_worker', areas.grid2);
  home = await buildWorld(t, '东华', {
    areas,
    codes: { community: '510112005201' },
    by: {
      street: await t.as('demo-street'),
      community: await t.as('demo-community'),
      grid: await t.as('demo-grid'),
      medical: await t.as('demo-doctor'),
      district: await t.as('demo-district'),
      admin,
    },
    userId: spare.id,
    names: ['胡家明', '胡秀兰'],
  });
  xindu = await xinduWorld(t);
  await runJobs(t);
}, 180_000);

interface ShardRow {
  table: string;
  shardid: string;
  nodeport: number;
  districts: string[];
}

/** Every shard of every distributed table, its node, and the districts found in it. */
async function shards(): Promise<ShardRow[]> {
  const out: ShardRow[] = [];
  for (const table of tablesOf('distributed')) {
    const { rows } = await sql<{ shardid: string; nodeport: number; result: string }>`
      SELECT s.shardid::text, s.nodeport, r.result
      FROM run_command_on_shards(${table}, 'SELECT coalesce(json_agg(DISTINCT district_id::text), ''[]'') FROM %s') r
      JOIN citus_shards s ON s.shardid = r.shardid`.execute(t.db);
    for (const r of rows)
      out.push({ table, shardid: r.shardid, nodeport: r.nodeport, districts: JSON.parse(r.result) as string[] });
  }
  return out;
}

describe.skipIf(!onCitus)('a district on a Citus cluster', () => {
  it("keeps every record in the shard its district routes to, and a district's shards on one node", async () => {
    const districts = [home.areas.district, xindu.areas.district];
    const found = await shards();
    const nodes = new Map<string, Set<number>>();
    for (const district of districts) {
      let holding = 0;
      for (const table of tablesOf('distributed')) {
        const { rows } = await sql<{ shardid: string }>`
          SELECT get_shard_id_for_distribution_column(${table}, ${district}::bigint)::text AS shardid`.execute(t.db);
        const own = rows[0]!.shardid;
        for (const s of found.filter((f) => f.table === table && f.districts.includes(district))) {
          expect(s.shardid, `${table}: district ${district} found outside its shard`).toBe(own);
          holding++;
          nodes.set(district, (nodes.get(district) ?? new Set()).add(s.nodeport));
        }
      }
      // Every record kind was made in both worlds: most tables hold rows of each district.
      expect(holding, `district ${district}`).toBeGreaterThan(20);
      expect([...(nodes.get(district) ?? [])], `district ${district}'s nodes`).toHaveLength(1);
    }
  });

  it("answers a district's request from its own shards: a person of the other district is 404, its own is read", async () => {
    const grid = await t.as('xd-grid');
    expect((await grid.get(`/api/persons/${xindu.persons[0]}`)).statusCode).toBe(200);
    expect((await grid.get(`/api/persons/${home.persons[0]}`)).statusCode).toBe(404);
  });
});
