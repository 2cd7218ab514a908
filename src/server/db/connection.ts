import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { DB } from './types.js';

export type Database = Kysely<DB>;

// A DATE is a calendar day (an Asia/Shanghai day in this product), not an instant:
// keep it as the 'YYYY-MM-DD' text PostgreSQL sends instead of a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Named prepared statements: PostgreSQL parses and plans each distinct query text
 * once per connection instead of on every call (measured here: 2.5× the queries
 * per second on a small area listing). Only parameterised statements are named, and
 * at most MAX_NAMED distinct texts per process, so generated SQL cannot grow without
 * bound. Turn off (DB_PREPARE=false) behind a transaction-pooling PgBouncer.
 */
const MAX_NAMED = 2000;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `ss_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

function preparing(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return {
        query: ((text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' && values && values.length > 0 ? statementName(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values);
        }) as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

export function connect(
  url: string,
  poolSize: number,
  opts: { prepare?: boolean; /** longest wait for a free connection (default 30 s) */ waitMs?: number } = {},
): Database {
  // Idle connections stay open for ten minutes (pg's default is 10 s): a connection carries
  // its prepared statements and warm caches, and a burst after a few quiet seconds must
  // not pay for opening, authenticating and re-planning several at once (bench/health.ts
  // saw ~300 ms stalls every ~11 s at 10,000 check-ins a minute from exactly that).
  // A request that cannot get a connection in `waitMs` fails (503) instead of waiting for
  // ever: overload or a pool deadlock then shows as errors, not as a server gone silent.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'shuangsheng',
    idleTimeoutMillis: 600_000,
    connectionTimeoutMillis: opts.waitMs ?? 30_000,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // pg-cursor lets .stream() read big results in chunks (exports) at constant memory.
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: opts.prepare === false ? pool : preparing(pool), cursor: Cursor }),
  });
}

/** Creates the database if the server does not have it yet (UTF-8, C.UTF-8 collation from the cluster). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount)
      await client.query(
        `CREATE DATABASE ${pg.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
      );
  } finally {
    await client.end();
  }
}

export async function serverVersion(db: Database): Promise<string> {
  const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
  return rows[0]!.v;
}
