/**
 * Configuration, typed and validated at boot. A bad configuration stops start-up
 * with one readable list of everything that is wrong.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export type Mode = 'demo' | 'production';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** An IPv4/IPv6 address, or one with a prefix length (CIDR). */
function isAddressOrCidr(v: string): boolean {
  const [addr, prefix, ...rest] = v.split('/');
  const version = isIP(addr ?? '');
  if (rest.length > 0 || version === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** proxy-addr's names for ranges (Fastify's trustProxy accepts them beside addresses). */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Which proxies may say the client's address (X-Forwarded-For): none (false), or the
 * proxies' own addresses. Never every hop (`true`: any client could forge its address past
 * the rate limits and into the audit log), and not a hop count: Fastify 5 ignores one
 * (it cannot tell whether the nearest peer is a proxy at all), which would silently log
 * the proxy's address for every client.
 */
const trustProxy = z.string().transform((v, ctx): false | string[] => {
  const t = v.trim();
  if (t === 'false') return false;
  const list = t.split(',').map((x) => x.trim());
  if (list.every((x) => PROXY_RANGES.has(x) || isAddressOrCidr(x))) return list;
  ctx.addIssue({
    code: 'custom',
    message:
      t === 'true'
        ? 'true would trust every X-Forwarded-For hop, so any client could forge its address: give the addresses of the proxies in front of the app (e.g. 10.0.0.5,10.0.1.0/24 or loopback)'
        : 'must be false or a comma-separated list of proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal (a number of hops is not accepted: it cannot tell a proxy from a client)',
  });
  return z.NEVER;
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');

const schema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The address residents' phones reach (behind the proxy); QR codes for check-in links encode it. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be an http(s) origin without a path, e.g. https://ss.example.gov.cn')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Keys registration-code tokens (HMAC of the code's id): the database keeps only their hashes,
   * and the console recomputes a code's token to re-print its poster. Defaults to SESSION_SECRET;
   * set it apart so SESSION_SECRET can be rotated without making existing codes unprintable.
   */
  REG_CODE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 24 * 30).default(12),
  /** Failed sign-ins for one username from one client address within the window before that address is paused for that name. */
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: int(1, 24 * 60).default(15),
  /** How long such a pause lasts (the account itself is never locked: other addresses still sign in). */
  LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
  /** Failures for one username from all addresses together within the window that mark distributed guessing: each address is then paused at its first failure, and admins see auth.guessing_suspected. */
  LOGIN_DISTRIBUTED_FAILURES: int(2, 100_000).default(50),
  LOGIN_RATE_PER_MINUTE: int(1, 10_000).default(20),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: trustProxy.default(false),
  DB_POOL_SIZE: int(1, 200).default(10),
  DB_PREPARE: bool.default(true),
  /** How long a request waits for a free PostgreSQL connection before it is answered 503 (never for ever). */
  DB_WAIT_SECONDS: int(1, 600).default(30),
  JOB_WORKERS: int(0, 32).default(1),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  DEMO_PERSONS: int(0, 2_000_000).default(3000),
  /** Key-population health: the day's check-in cut-off (Asia/Shanghai, HH:MM); later counts as 未报告. */
  HEALTH_CHECKIN_CUTOFF: hhmm.default('14:00'),
  /** When the day's ending-soon and overdue-release alerts go out. */
  HEALTH_MORNING_AT: hhmm.default('08:00'),
  /** Daily zero reports: reminders to communities that have not filed, and the cut-off. */
  HEALTH_REPORT_REMIND_AT: hhmm.default('16:00'),
  HEALTH_REPORT_CUTOFF: hhmm.default('18:00'),
  /** Unhandled alerts go to community staff, then street staff, after these delays. */
  ALERT_ESCALATE_COMMUNITY_MINUTES: int(1, 7 * 24 * 60).default(120),
  ALERT_ESCALATE_STREET_MINUTES: int(1, 7 * 24 * 60).default(360),
  /** A personal check-in link stays valid this many days (it also ends when no measure is left). */
  HEALTH_LINK_DAYS: int(1, 90).default(21),
  /** Rate limits on the public endpoints (/api/public/…: registration and check-in pages; false only for benchmarks). */
  SELFREG_RATE_LIMIT: bool.default(true),
  /** Submissions and edits a minute through one code (a campaign surge passes; a script abusing a poster does not). */
  SELFREG_RATE_PER_CODE: int(1, 1_000_000).default(3000),
  /** One budget of public requests a minute per client address, across every /api/public/ endpoint (registration pages, submissions, edits, recovery, check-in links). */
  PUBLIC_RATE_PER_ADDRESS: int(1, 100_000).default(60),
  /** Recovery attempts (family code + phone) a minute from one client address. */
  SELFREG_RECOVER_PER_CLIENT: int(1, 1000).default(5),
  /** The largest family form accepted, in KiB. */
  SELFREG_BODY_KB: int(4, 1024).default(64),
  /** Uploads (ledgers, area lists): the whole file must arrive within this many seconds… */
  UPLOAD_READ_SECONDS: int(5, 3600).default(300),
  /** …and no gap between two pieces of it may be longer than this (a stalled or trickling client). */
  UPLOAD_IDLE_SECONDS: int(1, 600).default(30),
  /** Uploads in progress at once from one account, and from one client address. */
  UPLOADS_PER_ACCOUNT: int(1, 100).default(2),
  UPLOADS_PER_ADDRESS: int(1, 1000).default(6),
  /** An uploaded ledger (full ID numbers) is deleted this many hours after upload if no import is using it. */
  UPLOAD_RETENTION_HOURS: int(1, 24 * 90).default(24),
  /**
   * What a ledger or area file may hold (imports/reader.ts; refused with the row and column named):
   * a cell of at most this many characters (ledgers hold names, addresses, ID numbers)…
   */
  IMPORT_MAX_CELL_CHARS: int(100, 100_000).default(2000),
  /** …content in at most this many columns (a CSV line is never split into more fields than one past them)… */
  IMPORT_MAX_COLUMNS: int(10, 16_384).default(200),
  /** …and the upload's preview shows at most this many rows under the header. */
  IMPORT_PREVIEW_ROWS: int(1, 50).default(5),
  /**
   * An .xlsx is a zip archive (imports/zip-guard.ts), checked before exceljs opens it: refused when
   * its parts unpack to more than this many MB in all, as declared or as counted while unpacking…
   */
  IMPORT_XLSX_MAX_MB: int(1, 4000).default(100),
  /** …when a part over 4 MB is compressed more than this many times (a zip bomb)… */
  IMPORT_XLSX_MAX_RATIO: int(10, 100_000).default(100),
  /** …or when it holds more parts than this (a workbook has a dozen or so). */
  IMPORT_XLSX_MAX_PARTS: int(10, 65_534).default(1000),
});

export type Config = z.infer<typeof schema> & { mode: Mode };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined>, mode: Mode): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (mode === 'production') {
    if (!present.DATABASE_URL) problems.push('DATABASE_URL: required in production mode (npm run serve)');
    if (!present.SESSION_SECRET) problems.push('SESSION_SECRET: required in production mode (at least 32 characters)');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return { ...parsed.data, mode };
}
