import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { z } from 'zod';
import { type ErrorBody, testApp } from '../../../test/support/app.js';
import { audit } from '../kernel/audit.js';
import { AppError } from '../kernel/errors.js';

// Routes added for this test only: they go through the same pipeline as every module.
const t = await testApp({
  extend(app) {
    app.post('/api/test/write-then-fail', async (req) => {
      await audit(req.ctx, { action: 'test.partial', resourceType: 'test' });
      await req.ctx.db.updateTable('areas').set({ name: '被回滚' }).where('code', '=', '510112').execute();
      throw new AppError('CONFLICT');
    });
    app.post('/api/test/write-ok', async (req) => {
      await audit(req.ctx, { action: 'test.ok', resourceType: 'test' });
      return { ok: true };
    });
    app.get(
      '/api/test/whitelist',
      { schema: { response: { 200: z.object({ name: z.string(), items: z.array(z.object({ id: z.string() })) }) } } },
      () =>
        Promise.resolve({
          name: '东华村',
          password_hash: '$argon2id$secret',
          items: [{ id: '1', phone: '13800001234' }],
        }),
    );
    app.get('/api/test/boom', () => Promise.reject(new Error('secret internal detail')));
  },
});
const app = t.app;

describe('one transaction per write request', () => {
  it('rolls back a failed write together with its audit row', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test/write-then-fail', payload: {} });
    expect(res.statusCode).toBe(409);
    const rows = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'test.partial').execute();
    expect(rows).toEqual([]);
    const district = await t.db
      .selectFrom('areas')
      .select('name')
      .where('code', '=', '510112')
      .executeTakeFirstOrThrow();
    expect(district.name).toBe('龙泉驿区');
  });

  it('commits a successful write with its audit row, request id and IP', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test/write-ok', payload: {}, remoteAddress: '10.1.2.3' });
    expect(res.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'test.ok')
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBe(res.headers['x-request-id']);
    expect(row.ip).toBe('10.1.2.3');
  });

  it('keeps the audit log append-only', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('responses', () => {
  it('carry only the properties their schema declares', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/whitelist' });
    expect(res.json()).toEqual({ name: '东华村', items: [{ id: '1' }] });
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toContain('13800001234');
  });
});

describe('errors', () => {
  it('hides internals of an unexpected error and returns the request id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/test/boom',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(500);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/request id/);
    expect(res.body).not.toContain('secret internal detail');
    expect(error.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers an unknown API path with ROUTE_NOT_FOUND', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorBody>().error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.json<ErrorBody>().error.message).toBe('接口不存在');
  });

  it('answers malformed JSON with BAD_REQUEST', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe('BAD_REQUEST');
  });

  it('requires sign-in for protected reads', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/areas' });
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('a pool with no free connection', () => {
  it('answers 503 DATABASE_UNAVAILABLE after DB_WAIT_SECONDS instead of waiting for ever, and recovers', async () => {
    const small = await testApp({ config: { DB_WAIT_SECONDS: 1 } });
    const c = await small.as('demo-street');
    const parentId = await small.areaId('510112005');
    // Every connection of the test pool (5) held by a transaction that waits for the test.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const held = Array.from({ length: 5 }, () => small.db.transaction().execute(() => released));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    const res = await c.post('/api/areas', { parentId, code: '510112005901', vintage: 2020, name: '等待村' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(res.statusCode).toBe(503);
    expect(res.json<ErrorBody>().error).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      messages: { 'zh-CN': '数据库暂时不可用', en: 'The database is unavailable' },
    });
    release();
    await Promise.all(held);
    expect((await c.get('/api/me')).statusCode).toBe(200);
  }, 20_000);
});

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { security?: unknown[]; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
    >
  >;
}

describe('system endpoints', () => {
  it('reports health to anyone, and the versions only to a signed-in user', async () => {
    type Health = { status: string; version: string | null; database: { ok: boolean; version: string | null } };
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Health>()).toMatchObject({ status: 'ok', version: null, database: { ok: true, version: null } });
    const staff = await (await t.as('demo-street')).get('/api/health');
    const told = staff.json<Health>();
    expect(told.database.version).toMatch(/^\d+/);
    expect(told.version).toEqual(expect.any(String));
  });

  it('serves the API documentation in production to signed-in staff only', async () => {
    const prod = await testApp({ config: { mode: 'production' } });
    for (const url of ['/api/docs', '/api/docs?x=1', '/api/docs/static/index.html', '/api/openapi.json?v=2']) {
      expect((await prod.anonymous.get(url)).statusCode, url).toBe(401);
    }
    const staff = await prod.as('demo-street');
    expect((await staff.get('/api/openapi.json')).statusCode).toBe(200);
    expect([200, 302]).toContain((await staff.get('/api/docs')).statusCode);
  });

  it('serves an OpenAPI 3 document generated from the route schemas, and a docs page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDoc>();
    expect(doc.openapi).toMatch(/^3\./);
    // Paths as declared (without a trailing slash; the app answers either form).
    const paths = Object.keys(doc.paths).map((p) => p.replace(/(.)\/$/, '$1'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me',
        '/api/areas',
        '/api/areas/{id}',
        '/api/users',
        '/api/audit',
        '/api/jobs/{id}',
      ]),
    );
    // Key-population health: categories, rules, measures, sites, tests, check-ins, alerts, daily reports.
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/health-rules',
        '/api/health-rules/categories',
        '/api/health-persons/{id}/placements',
        '/api/measures',
        '/api/measures/{id}/release',
        '/api/care-sites',
        '/api/nucleic-tests',
        '/api/checkins',
        '/api/public/checkin/{token}',
        '/api/alerts',
        '/api/daily-reports',
        '/api/daily-reports/missing',
        '/api/health-figures/trend',
        '/api/health-data/datasets',
      ]),
    );
    // QR self-registration: codes, the public token-scoped endpoints, the review queue, figures.
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/reg-codes',
        '/api/reg-codes/{id}/status',
        '/api/reg-codes/{id}/poster',
        '/api/reg-codes/{id}/qr.png',
        '/api/public/reg/{token}',
        '/api/public/reg/{token}/submissions',
        '/api/public/reg-edit/{editToken}',
        '/api/public/reg-edit/{editToken}/versions',
        '/api/public/reg-recover',
        '/api/reg-submissions',
        '/api/reg-submissions/{id}/accept',
        '/api/reg-submissions/{id}/place',
        '/api/reg-figures',
      ]),
    );
    expect(doc.paths['/api/public/reg/{token}/submissions']!.post!.security).toEqual([]);
    expect(doc.paths['/api/auth/login']!.post!.requestBody!.content['application/json']!.schema.required).toEqual([
      'username',
      'password',
    ]);
    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });
});
