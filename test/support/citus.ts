/**
 * Test databases on a Citus cluster: TEST_DATABASE_URL names the coordinator and
 * TEST_CITUS_WORKERS its workers ("127.0.0.1:9701,127.0.0.1:9702", as the coordinator
 * reaches them). A database cannot be cloned from a migrated template there (Citus'
 * maintenance daemon keeps a session in it, and the workers would not have the clone),
 * so each one is created from template1 on every node, with the extension on every
 * node and the workers added from the coordinator; the caller then migrates it.
 */
import pg from 'pg';

export interface Cluster {
  /** The coordinator's URL (any database; its `postgres` one in practice). */
  adminUrl: string;
  /** The workers as "host:port", as the coordinator reaches them. */
  workers: string[];
}

/** Shards per distributed table in a test database: ~40 tables × 4 shards are quick to create. */
const TEST_SHARD_COUNT = 4;

/** TEST_CITUS_WORKERS as a list; empty when unset (plain PostgreSQL). */
export function citusWorkers(value: string | undefined = process.env.TEST_CITUS_WORKERS): string[] {
  return (value ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

function hostPort(node: string): { host: string; port: number } {
  const at = node.lastIndexOf(':');
  const port = Number(node.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port)) throw new Error(`TEST_CITUS_WORKERS: "${node}" is not host:port`);
  return { host: node.slice(0, at), port };
}

/** The URL of `database` on a node: the coordinator's URL (user, password) with the node's host and port. */
export function nodeUrl(adminUrl: string, node: string | null, database: string): string {
  const url = new URL(adminUrl);
  if (node !== null) {
    const { host, port } = hostPort(node);
    url.hostname = host;
    url.port = String(port);
  }
  url.pathname = `/${database}`;
  return url.toString();
}

async function onNode<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Coordinator first, then the workers (null stands for the coordinator). */
function nodes(cluster: Cluster): (string | null)[] {
  return [null, ...cluster.workers];
}

/** Creates `name` on every node, the extension in it, and adds the workers to it (shards per distributed table: `shardCount`). */
export async function createCitusDatabase(
  cluster: Cluster,
  name: string,
  shardCount = TEST_SHARD_COUNT,
): Promise<void> {
  await Promise.all(
    nodes(cluster).map(async (node) => {
      await onNode(nodeUrl(cluster.adminUrl, node, 'postgres'), (c) =>
        c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template1`),
      );
      await onNode(nodeUrl(cluster.adminUrl, node, name), (c) => c.query('CREATE EXTENSION citus'));
    }),
  );
  const coordinator = new URL(cluster.adminUrl);
  await onNode(nodeUrl(cluster.adminUrl, null, name), async (c) => {
    // Read by create_distributed_table in the sessions that migrate the database.
    await c.query(`ALTER DATABASE ${name} SET citus.shard_count = ${shardCount}`);
    // The coordinator in the metadata: it keeps a copy of the reference tables, which
    // its local tables (sessions, jobs, …) join and point at.
    await c.query('SELECT citus_set_coordinator_host($1, $2)', [
      coordinator.hostname,
      Number(coordinator.port || 5432),
    ]);
    for (const worker of cluster.workers) {
      const { host, port } = hostPort(worker);
      await c.query('SELECT citus_add_node($1, $2)', [host, port]);
    }
  });
}

/** Drops `name` on every node (coordinator first, so no distributed transaction outlives it). */
export async function dropCitusDatabase(cluster: Cluster, name: string): Promise<void> {
  for (const node of nodes(cluster)) {
    await onNode(nodeUrl(cluster.adminUrl, node, 'postgres'), (c) =>
      c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    );
  }
}

/** Databases named like `pattern` (LIKE) on any node. */
export async function citusDatabases(cluster: Cluster, pattern: string): Promise<string[]> {
  const found = await Promise.all(
    nodes(cluster).map((node) =>
      onNode(nodeUrl(cluster.adminUrl, node, 'postgres'), async (c) => {
        const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
          pattern,
        ]);
        return rows.map((r) => r.datname);
      }),
    ),
  );
  return [...new Set(found.flat())].sort();
}
