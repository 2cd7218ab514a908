/** The built console and the residents' page as the server sends them: compressed files, the right shell per path. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../test/support/app.js';

const root = await mkdtemp(path.join(tmpdir(), 'ss-web-'));
await mkdir(path.join(root, 'assets'));
const js = `console.log(${JSON.stringify('双胜'.repeat(500))});`;
await writeFile(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
await writeFile(path.join(root, 'reg.html'), '<!doctype html><title>reg</title>');
await writeFile(path.join(root, 'assets/app.js'), js);
await writeFile(path.join(root, 'assets/app.js.br'), brotliCompressSync(js));
await writeFile(path.join(root, 'assets/app.js.gz'), gzipSync(js));
const t = await testApp({ webRoot: root, seed: false });

describe('static files', () => {
  it('sends the precompressed file the client accepts, and the plain one otherwise', async () => {
    const br = await t.app.inject({
      method: 'GET',
      url: '/assets/app.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(js.length / 5);
    const gz = await t.app.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it("answers the residents' page for /m/reg/…, the console shell elsewhere, and 404 for a missing asset", async () => {
    expect((await t.app.inject({ method: 'GET', url: '/m/reg/AbCdEfGhIjKlMnOpQrStUvWx' })).body).toContain(
      '<title>reg</title>',
    );
    expect((await t.app.inject({ method: 'GET', url: '/m/reg/e/abc' })).body).toContain('<title>reg</title>');
    expect((await t.app.inject({ method: 'GET', url: '/self-registration/queue' })).body).toContain(
      '<title>console</title>',
    );
    const missing = await t.app.inject({ method: 'GET', url: '/assets/gone-1234.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
