/**
 * Command line: `start` (demo mode, embedded PostgreSQL, demo data on first run),
 * `serve` (production: DATABASE_URL and SESSION_SECRET required, no demo data),
 * `migrate` (apply migrations and exit), `bootstrap` (first district and admin
 * on an empty production database), `demo --persons N` (a district-scale demo
 * registry loaded with COPY into an empty data dir).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Mode } from './config.js';
import { migrateToLatest } from './db/migrate.js';
import { bootstrap } from './demo/bootstrap.js';
import { loadRegistryWithCopy } from './demo/copy.js';
import { seedHealthDemo } from './demo/health.js';
import { seedSelfRegistrationDemo } from './demo/self-registration.js';
import { DEMO_ACCOUNTS, hasAreas, hasRegistry, seedDemo } from './demo/seed.js';
import { createLogger, demoPassword, openDatabase, startPlatform, withDemoSecret } from './platform.js';

const command = process.argv[2] ?? 'start';
const commands = ['start', 'serve', 'migrate', 'bootstrap', 'demo'];

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (!commands.includes(command)) fail(`unknown command "${command}"; use one of: ${commands.join(', ')}`);
  const mode: Mode = command === 'start' || command === 'demo' ? 'demo' : 'production';
  let config;
  try {
    config = loadConfig(process.env, command === 'migrate' && !process.env.DATABASE_URL ? 'demo' : mode);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const log = createLogger(config);

  if (command === 'demo') {
    const { values } = parseArgs({ args: process.argv.slice(3), options: { persons: { type: 'string' } } });
    const persons = Number(values.persons ?? config.DEMO_PERSONS);
    if (!Number.isInteger(persons) || persons < 1 || persons > 5_000_000)
      fail('--persons must be a whole number between 1 and 5,000,000');
    const { db, url, embedded } = await openDatabase(config, log);
    try {
      await migrateToLatest(db);
      if (await hasRegistry(db))
        fail(
          `the registry in ${config.DATABASE_URL ? 'this database' : config.DATA_DIR} already has data: use an empty DATA_DIR (or database)`,
        );
      if (!(await hasAreas(db))) await seedDemo(db, await demoPassword(config), { registry: false });
      const out = await loadRegistryWithCopy(db, url, { persons, log: (m) => process.stdout.write(`${m}\n`) });
      const health = await seedHealthDemo(db, { config });
      if (health)
        process.stdout.write(
          `key persons: ${health.persons} placed under measures over the last ${health.days} days (${health.released} released), ${health.checkins.toLocaleString()} check-ins\n`,
        );
      // The codes' tokens are keyed by the secret `npm start` will use.
      const selfReg = await seedSelfRegistrationDemo(db, { config: await withDemoSecret(config) });
      if (selfReg)
        process.stdout.write(
          `self-registration: ${selfReg.codes} codes, ${selfReg.submissions} families (${selfReg.accepted} accepted, ${selfReg.rejected} rejected)\n`,
        );
      process.stdout.write(
        `demo district ready: ${out.persons.toLocaleString()} persons, ${out.households.toLocaleString()} households, ${out.dwellings.toLocaleString()} dwellings in ${out.seconds.toFixed(0)} s. Start it with: npm start\n`,
      );
    } finally {
      await db.destroy();
      await embedded?.stop();
    }
    return;
  }

  if (command === 'migrate' || command === 'bootstrap') {
    const { db, embedded } = await openDatabase(config, log);
    try {
      const { applied } = await migrateToLatest(db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      if (command === 'bootstrap') {
        const { values } = parseArgs({
          args: process.argv.slice(3),
          options: {
            'district-code': { type: 'string' },
            'district-name': { type: 'string' },
            vintage: { type: 'string' },
            admin: { type: 'string', default: 'admin' },
          },
        });
        const out = await bootstrap(db, {
          districtCode: values['district-code'] ?? fail('--district-code is required (6 digits, e.g. 510112)'),
          districtName: values['district-name'] ?? fail('--district-name is required (e.g. 龙泉驿区)'),
          vintage: Number(values.vintage ?? new Date().getFullYear()),
          adminUsername: values.admin,
          adminPassword: process.env.BOOTSTRAP_PASSWORD,
        });
        process.stdout.write(
          `district ${out.districtId} created; admin "${values.admin}" password: ${out.password} (must be changed at first sign-in)\n`,
        );
      }
    } finally {
      await db.destroy();
      await embedded?.stop();
    }
    return;
  }

  const started = Date.now();
  const platform = await startPlatform(config, { log });
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const lines = [
    `\n  双胜 Shuangsheng is running at ${url}  (API docs: ${url}/api/docs; ready in ${Date.now() - started} ms)`,
  ];
  if (mode === 'demo') {
    lines.push(`  Demo accounts: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
    if (platform.demo.created) {
      lines.push(
        `  Demo password: ${platform.demo.password}${config.DEMO_PASSWORD ? ' (from DEMO_PASSWORD)' : ` (generated; also kept in ${config.DATA_DIR}/demo-password.txt)`}`,
      );
    } else {
      lines.push(
        `  Demo password: as printed on the first start (DEMO_PASSWORD, or ${config.DATA_DIR}/demo-password.txt)`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await platform.close();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
