/**
 * The whole app on a fresh database, driven through HTTP with app.inject, and
 * personas: the demo district and its accounts ("demo-street" is staff of 柏合街道).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll } from 'vitest';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import { connect, type Database } from '../../src/server/db/connection.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { baseContext, type Context, type Platform } from '../../src/server/kernel/context.js';
import { AreaDirectory } from '../../src/server/kernel/area-directory.js';
import { createTestDatabase } from './db.js';

export const PASSWORD = 'Shuangsheng-2020';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  config: Config;
  /** What contexts are made from (jobs, the platform's own work). */
  platform: Platform;
  /** A context of the platform's own (no actor) on the pool, as a system job gets. */
  system(): Context;
  /** The test database's URL (for tools that need their own connection, such as COPY). */
  url: string;
  /** Signs in and returns a client that sends the session cookie and CSRF token. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  areaId(code: string): Promise<string>;
  /**
   * Sets the clock (days may pass: sessions would expire) and signs every client made
   * by `as` in again, keeping the same objects.
   */
  travel(to: string): Promise<void>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * An answer as a test reads it: the body is what the server sent, `unknown` until the
 * test says what it expects (`res.json<PersonDto>()`, types from the module's face or
 * `Result` of the contract).
 */
/** The body of a refusal (the error handler's shape). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messages: { 'zh-CN': string; en: string };
    requestId: string;
    fields: { field: string; reason: string; message: string; messages: { 'zh-CN': string; en: string } }[];
    details?: Record<string, unknown>;
  };
}

export type TestResponse = Omit<LightMyRequestResponse, 'json'> & { json<T = unknown>(): T };

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: FastifyInstance) {}

  request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    return this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(
      {
        SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
        LOG_LEVEL: 'silent',
        LOGIN_RATE_PER_MINUTE: '1000',
      },
      'demo',
    ),
    ...overrides,
  };
}

export async function testApp(
  opts: {
    config?: Partial<Config>;
    seed?: boolean;
    /** extra routes, registered before the app is ready */ extend?: (app: FastifyInstance) => void;
    /** a built console to serve */ webRoot?: string;
    /** the app's logger (default: the configuration's level, silent in tests) */ logger?: pino.Logger;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(opts.config);
  const db = connect(database.url, 5, { waitMs: config.DB_WAIT_SECONDS * 1000 });
  const clock = new ManualClock('2020-02-10T01:00:00Z');
  if (opts.seed !== false) await seedDemo(db, PASSWORD, { registry: false });
  const areas = new AreaDirectory(db, pino({ level: 'silent' }));
  await areas.listen(database.url);
  const app = await buildApp({
    config,
    db,
    clock,
    webRoot: opts.webRoot ?? '/nonexistent',
    areas,
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  opts.extend?.(app);
  await app.ready();
  const signedIn: { client: Client; username: string; password: string }[] = [];
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await database.drop();
  });
  const platform: Platform = { db, clock, config, areas };
  const log = pino({ level: 'silent' });
  return {
    app,
    db,
    clock,
    config,
    platform,
    system: () => baseContext(platform, { actor: null, requestId: 'test', log }),
    url: database.url,
    anonymous: new Client(app),
    async as(username, password = PASSWORD) {
      const client = new Client(app);
      await signIn(client, username, password);
      signedIn.push({ client, username, password });
      return client;
    },
    async travel(to) {
      clock.set(to);
      // Sessions signed in with a password changed since (a first sign-in with the
      // initial password) are left signed out: their account has a newer client.
      for (const s of [...signedIn]) {
        const current = passwordStillValid(s.username, s.password);
        if (current) await signIn(s.client, s.username, s.password);
        else signedIn.splice(signedIn.indexOf(s), 1);
      }
    },
    async areaId(code) {
      const row = await db.selectFrom('areas').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      return row.id;
    },
  };

  /** Whether the newest client signed in for the account used this password. */
  function passwordStillValid(username: string, password: string): boolean {
    const newest = signedIn.filter((s) => s.username === username).at(-1);
    return newest?.password === password;
  }

  async function signIn(client: Client, username: string, password: string) {
    client.cookie = null;
    client.csrf = null;
    const res = await client.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === 'ss_session');
    client.cookie = `ss_session=${set!.value}`;
    client.csrf = res.json<{ csrfToken: string }>().csrfToken;
  }
}
