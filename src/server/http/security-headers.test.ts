/** Security headers on every kind of answer: the console and phone pages' HTML, Swagger UI, JSON, errors. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestResponse } from '../../../test/support/app.js';

const root = await mkdtemp(path.join(tmpdir(), 'ss-web-'));
await writeFile(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
await writeFile(path.join(root, 'reg.html'), '<!doctype html><title>reg</title>');
const t = await testApp({ webRoot: root, seed: false });

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

function get(url: string): Promise<TestResponse> {
  return t.anonymous.get(url);
}

function expectSecurityHeaders(res: TestResponse) {
  expect(res.headers['content-security-policy']).toBe(POLICY);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it('the console shell and the check-in phone page (the same shell) carry the policy', async () => {
    for (const url of ['/', '/self-registration/queue', '/m/checkin/AbCdEfGhIjKlMnOpQrStUvWx']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>console</title>');
      expectSecurityHeaders(res);
    }
  });

  it("the residents' registration page carries the policy", async () => {
    const res = await get('/m/reg/AbCdEfGhIjKlMnOpQrStUvWx');
    expect(res.body).toContain('<title>reg</title>');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(res);
  });

  it('Swagger UI at /api/docs, its scripts and the OpenAPI document carry the policy', async () => {
    const html = await get('/api/docs');
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('swagger-ui-bundle.js');
    // No inline script in the page: everything it runs comes from the server's own files.
    expect(html.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expectSecurityHeaders(html);
    const init = await get('/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expectSecurityHeaders(init);
    expectSecurityHeaders(await get('/api/openapi.json'));
  });

  it('JSON answers and errors carry them too', async () => {
    const health = await get('/api/health');
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expectSecurityHeaders(health);
    const missing = await get('/api/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing);
    const refused = await t.anonymous.get('/api/me');
    expect(refused.statusCode).toBe(401);
    expectSecurityHeaders(refused);
  });
});
