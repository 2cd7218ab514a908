/**
 * The platform as `npm start` runs it: embedded PostgreSQL in a data dir, demo data
 * on first start only, and a second start on the same data dir that reuses it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.js';
import { freePort } from '../src/server/db/embedded.js';
import type { HealthDto } from '../src/server/modules/platform/status/index.js';
import { startPlatform } from '../src/server/platform.js';

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('demo platform on the embedded database', () => {
  it('creates demo data on the first start and reuses the data dir on the second', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ss-platform-'));
    try {
      const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: String(await freePort()) };
      const first = await startPlatform(loadConfig(env, 'demo'));
      expect(first.demo.created).toBe(true);
      const password = (await readFile(path.join(dir, 'demo-password.txt'), 'utf8')).trim();
      expect(password).toBe(first.demo.password);
      const health = await fetch(`http://127.0.0.1:${env.PORT}/api/health`);
      expect(((await health.json()) as HealthDto).database.ok).toBe(true);
      await first.close();

      const started = Date.now();
      const second = await startPlatform(loadConfig(env, 'demo'));
      const elapsed = Date.now() - started;
      expect(second.demo.created).toBe(false);
      const login = await fetch(`http://127.0.0.1:${env.PORT}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-grid', password }),
      });
      expect(login.status).toBe(200);
      await second.close();
      expect(elapsed).toBeLessThan(20_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
