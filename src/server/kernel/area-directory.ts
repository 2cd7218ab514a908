/**
 * The area tree in memory, for the hot read paths (tree browsing, scope roots).
 * Areas change rarely and the tree is small (a district has a few thousand areas),
 * so each process keeps a snapshot and drops it when an area changes:
 *  - at once after a request that changed areas commits in this process
 *    (ctx.afterCommit), so a client always reads its own writes;
 *  - on NOTIFY areas_changed from any process (the writer sends it in its transaction,
 *    `areasChanged`; PostgreSQL delivers it on commit);
 *  - and, while the notification channel is down, after TTL_MS at the latest.
 * Writes and permission checks inside transactions keep using SQL.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { connect, type Database } from '../db/connection.js';
import type { Area } from '../db/types.js';

/** The columns of an area the tree and the area answers need; the audit columns stay in the database. */
export const AREA_COLUMNS = [
  'id',
  'district_id',
  'parent_id',
  'level',
  'code',
  'stat_code',
  'vintage',
  'name',
  'path',
  'depth',
  'retired_at',
  'demo',
] as const;

export type AreaNode = Pick<Area, (typeof AREA_COLUMNS)[number]> & {
  /** All children, retired included, ordered by code then id. */
  children: AreaNode[];
};

const TTL_MS = 2_000;
const RECONNECT_MS = 5_000;

export class AreaDirectory {
  private nodes = new Map<string, AreaNode>();
  private generation = 0;
  private loadedGeneration = -1;
  private loadedAt = 0;
  private loading: Promise<Map<string, AreaNode>> | null = null;
  private listener: pg.Client | null = null;
  /**
   * Reloads go through a connection of their own once `listen` knows the URL: a write
   * request asks for the tree while it holds a pool connection for its transaction, and
   * a reload from that same pool could wait for ever once every connection is so held.
   */
  private loader: Database | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Starts listening for changes on a dedicated connection (reconnects on loss). */
  async listen(url: string): Promise<void> {
    if (this.closed) return;
    this.loader ??= connect(url, 1);
    const client = new pg.Client({ connectionString: url, application_name: 'shuangsheng-areas-listener' });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.invalidate();
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.log.warn({ err }, 'area change notifications lost; reconnecting');
      this.retry = setTimeout(() => void this.listen(url).catch(() => undefined), RECONNECT_MS);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.invalidate());
    this.listener = client;
    try {
      await client.connect();
      await client.query('LISTEN areas_changed');
      this.listening = true;
      this.invalidate(); // anything committed before LISTEN took effect
    } catch (err) {
      lost(err as Error);
    }
  }

  invalidate(): void {
    this.generation++;
  }

  /** The current tree: id → node. Reloads when stale. */
  async snapshot(): Promise<Map<string, AreaNode>> {
    const fresh = this.loadedGeneration === this.generation && (this.listening || Date.now() - this.loadedAt < TTL_MS);
    if (fresh) return this.nodes;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const l = this.listener;
    this.listener = null;
    this.listening = false;
    await l?.end().catch(() => undefined);
    await this.loader?.destroy().catch(() => undefined);
  }

  private async load(): Promise<Map<string, AreaNode>> {
    const generation = this.generation;
    const rows = await (this.loader ?? this.db)
      .selectFrom('areas')
      .select(AREA_COLUMNS)
      .orderBy('code')
      .orderBy('id')
      .execute();
    const nodes = new Map<string, AreaNode>(rows.map((r) => [r.id, { ...r, children: [] }]));
    for (const n of nodes.values()) if (n.parent_id) nodes.get(n.parent_id)?.children.push(n);
    // A change that arrived while loading leaves the snapshot stale for the next caller.
    if (generation === this.generation) {
      this.nodes = nodes;
      this.loadedGeneration = generation;
      this.loadedAt = Date.now();
    }
    return nodes;
  }
}

/** Tells every process that areas changed; delivered when the writing transaction commits. */
export async function notifyAreasChanged(db: Database): Promise<void> {
  await sql`SELECT pg_notify('areas_changed', '')`.execute(db);
}

/**
 * After a write to areas, in its transaction: other processes drop their snapshot on the
 * NOTIFY, this one as soon as the transaction commits (a client reads its own writes).
 */
export async function areasChanged(c: {
  db: Database;
  areas: { invalidate(): void };
  afterCommit(fn: () => void): void;
}): Promise<void> {
  await notifyAreasChanged(c.db);
  c.afterCommit(() => c.areas.invalidate());
}
