/**
 * Where a benchmark's database lives: the embedded PostgreSQL in its DATA_DIR (the
 * default), or a fresh database on a Citus cluster when BENCH_CITUS_URL names the
 * coordinator (`postgres://postgres@127.0.0.1:9700/postgres`) and BENCH_CITUS_WORKERS its
 * workers (`127.0.0.1:9701,127.0.0.1:9702`): created on every node with the extension and
 * the workers added (test/support/citus.ts), BENCH_CITUS_SHARDS (32, Citus' default)
 * shards per distributed table. migrateToLatest then distributes the tables.
 */
import { randomBytes } from 'node:crypto';
import { type Cluster, createCitusDatabase, dropCitusDatabase, nodeUrl } from '../test/support/citus.js';

export interface BenchDatabase {
  /** Config to merge: DATABASE_URL on a cluster, nothing on the embedded database. */
  config: { DATABASE_URL?: string };
  /** Where the run is, for the printed figures. */
  label: string;
  drop(): Promise<void>;
}

export function benchCluster(): Cluster | null {
  const adminUrl = process.env.BENCH_CITUS_URL;
  const workers = (process.env.BENCH_CITUS_WORKERS ?? '').split(',').filter((w) => w.trim() !== '');
  return adminUrl && workers.length > 0 ? { adminUrl, workers } : null;
}

export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const cluster = benchCluster();
  if (!cluster) return { config: {}, label: 'one node (embedded PostgreSQL)', drop: () => Promise.resolve() };
  const shards = Number(process.env.BENCH_CITUS_SHARDS ?? 32);
  const name = `ss_bench_${label}_${randomBytes(3).toString('hex')}`;
  await createCitusDatabase(cluster, name, shards);
  return {
    config: { DATABASE_URL: nodeUrl(cluster.adminUrl, null, name) },
    label: `Citus: coordinator + ${cluster.workers.length} workers, ${shards} shards per table`,
    drop: () => dropCitusDatabase(cluster, name),
  };
}
