/**
 * The registry at district scale (`npm run demo -- --persons 1350000`): rows are
 * generated grid by grid into one CSV file per table (constant memory), then loaded
 * with COPY in one transaction, parents first, with the counter triggers off and
 * one recount per district at the end. Every row names its district (the
 * distribution key on Citus: a COPY routes each row by it).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../db/connection.js';
import { DEMO_TABLES, type DemoTable, demoGrids, type Generated, generateRegistry } from './registry.js';

const COLUMNS: Record<DemoTable, string[]> = {
  courtyards: ['district_id', 'id', 'grid_id', 'name', 'kind', 'gate_status', 'gate_since'],
  buildings: ['district_id', 'id', 'courtyard_id', 'label', 'floors'],
  units: ['district_id', 'id', 'building_id', 'label'],
  courtyard_contacts: ['district_id', 'courtyard_id', 'role', 'name', 'phone', 'building_id'],
  dwellings: ['district_id', 'id', 'grid_id', 'courtyard_id', 'building_id', 'unit_id', 'room', 'floor', 'area_m2'],
  households: ['district_id', 'id', 'grid_id'],
  persons: [
    'district_id',
    'id',
    'grid_id',
    'name',
    'doc_type',
    'doc_number',
    'gender',
    'birth_date',
    'phone',
    'population_type',
    'hukou_place',
    'work_unit',
    'tags',
  ],
  household_members: ['district_id', 'household_id', 'person_id', 'relationship', 'start_date'],
  occupancies: ['district_id', 'household_id', 'dwelling_id', 'grid_id', 'courtyard_id', 'type', 'start_date'],
};

/** Tables whose registry counters are kept by triggers. */
const COUNTED = ['courtyards', 'dwellings', 'persons', 'occupancies'];

const quote = (s: string) => (/[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s);

/** A value as COPY's CSV format reads it: unquoted empty is NULL, arrays as {a,b}. */
function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v))
    return quote(`{${v.map((x) => `"${String(x).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`);
  return quote(
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v),
  );
}

export async function loadRegistryWithCopy(
  db: Database,
  url: string,
  opts: { persons: number; seed?: number; log?: (m: string) => void },
): Promise<Generated & { seconds: number }> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-demo-copy-'));
  const files = new Map<DemoTable, WriteStream>(
    DEMO_TABLES.map((t) => [t, createWriteStream(path.join(dir, `${t}.csv`))]),
  );
  try {
    const counts = await generateRegistry(
      await demoGrids(db),
      {
        async add(table, row) {
          const out = files.get(table)!;
          if (!out.write(`${COLUMNS[table].map((c) => csvValue(row[c])).join(',')}\n`)) await once(out, 'drain');
        },
      },
      opts,
    );
    await Promise.all([...files.values()].map((f) => new Promise((resolve) => f.end(resolve))));
    log(
      `generated ${counts.persons.toLocaleString()} persons in ${((performance.now() - started) / 1000).toFixed(1)} s; loading with COPY`,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      // On Citus, DISABLE TRIGGER is DDL on every shard: run in parallel, it would forbid the
      // reads that follow in this transaction (the districts, the recount). One connection per node instead.
      const citus = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
      if (citus.rowCount) await client.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
      // Counters are recounted once at the end instead of by trigger per COPY.
      for (const t of COUNTED)
        for (const e of ['insert', 'update', 'delete'])
          await client.query(`ALTER TABLE ${t} DISABLE TRIGGER ${t}_count_${e}`);
      for (const table of DEMO_TABLES) {
        const t0 = performance.now();
        await pipeline(
          createReadStream(path.join(dir, `${table}.csv`)),
          client.query(copyFrom(`COPY ${table} (${COLUMNS[table].join(', ')}) FROM STDIN WITH (FORMAT csv)`)),
        );
        await client.query(`ANALYZE ${table}`);
        log(`  ${table}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      for (const t of COUNTED)
        for (const e of ['insert', 'update', 'delete'])
          await client.query(`ALTER TABLE ${t} ENABLE TRIGGER ${t}_count_${e}`);
      const t0 = performance.now();
      const districts = await client.query<{ id: string }>("SELECT id FROM areas WHERE level = 'district' ORDER BY id");
      for (const d of districts.rows) await client.query('SELECT rebuild_registry_counters($1)', [d.id]);
      log(`  counters recounted: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.end();
    }
    return { ...counts, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const f of files.values()) f.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
