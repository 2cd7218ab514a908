/**
 * The full platform as `npm start` runs it (built console, demo data, job runner),
 * on a fresh database and a free port: for browser tests. It logs errors only (a
 * request that failed on the server, a job that threw), so a failed browser step
 * has the server's side beside it.
 */
import { freePort } from '../../src/server/db/embedded.js';
import { startPlatform } from '../../src/server/platform.js';
import { createTestDatabase } from './db.js';
import { PASSWORD, testConfig } from './app.js';

export async function startDemoServer(): Promise<{ url: string; password: string; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const port = await freePort();
  const platform = await startPlatform(
    // Several browser flows load public pages from one address within a minute.
    testConfig({
      DATABASE_URL: database.url,
      PORT: port,
      DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'error',
      PUBLIC_RATE_PER_ADDRESS: 1_000,
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    password: PASSWORD,
    async close() {
      await platform.close();
      await database.drop();
    },
  };
}
