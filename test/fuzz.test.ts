/**
 * Every write operation of the OpenAPI document (POST, PATCH, PUT, DELETE), sent BODIES
 * requests each: first a valid one, then mutations of valid ones drawn with a seeded PRNG
 * (test/support/fuzz.ts): hostile strings in names and other strings (NUL, U+200B alone,
 * bidi overrides, noncharacters, lone surrogates, 10,000 characters), wrong types,
 * numbers out of range, 5,000-item arrays, 5,000-deep nesting, prototype keys, a body of
 * the wrong kind, hostile path parameters.
 *
 * The valid requests name real records of a world built through the API (the
 * authorization test's route table, read for the personas' own world); the persona is
 * the first of grid worker → community → medical → street → district → admin the route
 * does not refuse with 403; public routes go without an account.
 *
 * Asserted: no answer is 5xx (every one is listed with its route and body), and
 * afterwards no stored name of a person or a place is one the shared name normaliser
 * (src/domain/names.ts) would refuse or change. Replay a failure with FUZZ_SEED=<seed>.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isNormalName,
  type NameBounds,
  PERSON_NAME,
  PLACE_LABEL,
  PLACE_NAME,
  revealHidden,
} from '../src/domain/names.js';
import { type Client, testApp, type TestResponse } from './support/app.js';
import { operations, type Req, type Table } from './support/authz.js';
import { healthRoutes } from './support/authz-health.js';
import { platformRoutes } from './support/authz-platform.js';
import { registryRoutes } from './support/authz-registry.js';
import { selfRegistrationRoutes } from './support/authz-selfreg.js';
import { type JsonSchema, mutate, type Mutated, prng } from './support/fuzz.js';
import { idNumber } from './support/health.js';
import { account, buildWorld, runJobs, type World } from './support/worlds.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20200210);
const BODIES = 20;
const PERSONAS = ['demo-grid', 'demo-community', 'demo-doctor', 'demo-street', 'demo-district', 'demo-admin'];
const TABLE: Table = { ...platformRoutes, ...registryRoutes, ...healthRoutes, ...selfRegistrationRoutes };

const t = await testApp({
  config: {
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-fuzz-')),
    PUBLIC_RATE_PER_ADDRESS: 100_000,
    SELFREG_RECOVER_PER_CLIENT: 1_000,
  },
});

/** Where a person's or a place's name is stored, and its bounds. */
const NAMES: [string, string, NameBounds][] = [
  ['persons', 'name', PERSON_NAME],
  ['courtyard_contacts', 'name', PERSON_NAME],
  ['users', 'display_name', PERSON_NAME],
  ['reg_codes', 'responsible_name', { min: 1, max: 30 }],
  ['reg_submissions', 'head_name', PERSON_NAME],
  ['areas', 'name', PLACE_NAME],
  ['courtyards', 'name', PLACE_NAME],
  ['buildings', 'label', PLACE_LABEL],
  ['units', 'label', PLACE_LABEL],
  ['dwellings', 'room', PLACE_LABEL],
  ['isolation_sites', 'name', { min: 2, max: 100 }],
  ['isolation_rooms', 'label', PLACE_LABEL],
  ['health_categories', 'label', { min: 1, max: 50 }],
];

interface Extra {
  /** anonymous: the public side; self: a throwaway account signed in afresh for each body. */
  as?: 'anonymous' | 'self';
  req: () => Req;
}

/** Write routes the authorization table leaves out (they name no record): a valid request of each. */
let serial = 0;
const EXTRA: Record<string, Extra> = {
  'POST /api/auth/login': { as: 'anonymous', req: () => ({ body: { username: 'fuzz-nobody', password: 'Wrong-1' } }) },
  'POST /api/auth/logout': { as: 'self', req: () => ({}) },
  'POST /api/me/password': {
    as: 'self',
    req: () => ({ body: { currentPassword: 'Not-the-password-1', newPassword: 'Fuzz-new-pass-01' } }),
  },
  'POST /api/persons/document-lookup': { req: () => ({ body: { docType: 'resident_id', docNumber: idNumber() } }) },
  'POST /api/imports/uploads': { req: () => ({ body: {} }) },
  'POST /api/imports/areas': { req: () => ({ body: {} }) },
  'POST /api/public/reg-recover': {
    as: 'anonymous',
    req: () => ({ body: { familyCode: 'ABCDEFGH', phone: '13800138000' } }),
  },
  'POST /api/health-rules': {
    req: () => ({
      body: {
        appliesTo: 'close_contact',
        measure: 'home_isolation',
        days: 14,
        effectiveFrom: '2020-02-11',
        note: '模糊测试',
      },
    }),
  },
  'POST /api/health-rules/preview': { req: () => ({ body: { day: '2020-02-10', categories: ['from_wuhan'] } }) },
  'POST /api/health-rules/categories': {
    req: () => ({ body: { key: `fuzz_${++serial}`, label: '模糊测试类别', from: '2020-02-11', note: '模糊测试' } }),
  },
  'POST /api/health-rules/categories/{key}/end': {
    req: () => ({ params: { key: 'fuzz_end' }, body: { until: '2020-02-20', note: '模糊测试' } }),
  },
  'PATCH /api/health-data/datasets/{key}': {
    req: () => ({ params: { key: 'checkins' }, body: { retentionDays: 30, reason: '模糊测试' } }),
  },
};

/** Routes that end what later routes use (a session, a code, a site): sent last. */
const ENDS = /(logout|retire|status|revoke|reject|cancel|release|merge|move-out|leave|\/end)$|^DELETE /;

interface Doc {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
}
interface Plan {
  key: string;
  schema: JsonSchema | undefined;
  params: string[];
  /** The client, once per route or (self) per body. */
  client: () => Promise<Client>;
  base: (i: number, me: Client) => Promise<Req>;
  /** Sent in this order: the public side first (while the code and links work), then staff, then what ends things. */
  rank: number;
}
interface Sent {
  key: string;
  status: number;
  what: string;
}

let home: World;
let doc: Doc;
const personas = new Map<string, Client>();

beforeAll(async () => {
  for (const name of PERSONAS) personas.set(name, await t.as(name));
  const demo = (name: string) => personas.get(name)!;
  const id = (code: string) => t.areaId(code);
  const areas = {
    district: await id('510112'),
    street: await id('510112005'),
    community: await id('510112005201'),
    grid: await id('510112005201001'),
    grid2: await id('510112005201002'),
  };
  const spare = await account(t, demo('demo-admin'), 'fuzz-spare', 'grid_worker', areas.grid2);
  await account(t, demo('demo-admin'), 'fuzz-self', 'grid_worker', areas.grid2);
  home = await buildWorld(t, '模糊', {
    areas,
    codes: { community: '510112005201' },
    by: {
      street: demo('demo-street'),
      community: demo('demo-community'),
      grid: demo('demo-grid'),
      medical: demo('demo-doctor'),
      district: demo('demo-district'),
      admin: demo('demo-admin'),
    },
    userId: spare.id,
    names: ['莫晓东', '莫小红'],
  });
  const end = { key: 'fuzz_end', label: '模糊测试结束', from: '2020-02-10', note: '模糊测试' };
  const made = await demo('demo-district').post('/api/health-rules/categories', end);
  if (made.statusCode !== 201) throw new Error(`category: ${made.statusCode} ${made.body}`);
  await runJobs(t);
  doc = (await demo('demo-admin').get('/api/openapi.json')).json<Doc>();
}, 180_000);

function fire(me: Client, key: string, params: Record<string, string>, m: Pick<Mutated, 'body' | 'raw'>) {
  const [method, template] = key.split(' ') as [Parameters<Client['request']>[0], string];
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? randomUUID()));
  if (m.raw !== undefined) return me.request(method, url, m.raw, { 'content-type': 'application/json' });
  return me.request(method, url, m.body ?? {});
}

/** Each write operation: its schema, its valid requests, who sends them. */
function plans(): Plan[] {
  const out: Plan[] = [];
  for (const key of operations(doc).filter((op) => !op.startsWith('GET '))) {
    const [method, template] = key.split(' ') as [string, string];
    const op = doc.paths[template]?.[method.toLowerCase()] ?? doc.paths[`${template}/`]?.[method.toLowerCase()];
    const schema = op?.requestBody?.content?.['application/json']?.schema;
    const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const entry = TABLE[key];
    const cases = Array.isArray(entry) ? entry : [];
    const extra = EXTRA[key];
    const base = async (i: number, me: Client): Promise<Req> => {
      if (extra) return extra.req();
      if (cases.length) return cases[i % cases.length]!.req({ w: home, home, me });
      return {};
    };
    const publicRoute = (op?.security?.length ?? 1) === 0 || cases.some((c) => c.anonymous);
    let client: Plan['client'];
    if (extra?.as === 'self') client = () => t.as('fuzz-self');
    else if (publicRoute || extra?.as === 'anonymous') client = () => Promise.resolve(t.anonymous);
    else {
      // Chosen when the route's turn comes (a probe is a valid request: it may end something).
      let chosen: Promise<Client> | null = null;
      client = () => (chosen ??= choose(key, base));
    }
    out.push({ key, schema, params, client, base, rank: ENDS.test(key) ? 2 : publicRoute ? 0 : 1 });
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/** The first persona the route does not refuse outright. */
async function choose(key: string, base: Plan['base']): Promise<Client> {
  for (const name of PERSONAS) {
    const me = personas.get(name)!;
    const req = await base(0, me);
    const res = await fire(me, key, req.params ?? {}, { body: req.body });
    record(key, `valid, as ${name}`, res, JSON.stringify(req.body ?? {}).slice(0, 300));
    if (res.statusCode !== 403 && res.statusCode !== 401) return me;
  }
  return personas.get('demo-admin')!;
}

const sent: Sent[] = [];
const failures: string[] = [];

function record(key: string, what: string, res: TestResponse, body: string) {
  sent.push({ key, status: res.statusCode, what });
  if (res.statusCode >= 500)
    failures.push(`${key} [${what}] → ${res.statusCode} ${res.body.slice(0, 200)}\n  body: ${body}`);
}

describe(`fuzzing every write route (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  it(`answers ${BODIES} bodies per route, valid and hostile, without a 5xx`, async () => {
    const started = Date.now();
    const r = prng(SEED);
    const all = plans();
    for (const plan of all) {
      let me = await plan.client();
      for (let i = 0; i < BODIES; i++) {
        if (i > 0 && EXTRA[plan.key]?.as === 'self') me = await plan.client();
        const req = await plan.base(i, me);
        const valid = req.body ?? {};
        const m: Mutated = i === 0 ? { what: 'valid', body: valid } : mutate(valid, plan.schema, plan.params, r);
        const params = m.param ? { ...req.params, [m.param[0]]: m.param[1] } : (req.params ?? {});
        const res = await fire(me, plan.key, params, m);
        record(plan.key, m.what, res, (m.raw ?? JSON.stringify(m.body) ?? '').slice(0, 300));
      }
    }
    const succeeded = new Set(sent.filter((s) => s.status < 300).map((s) => s.key));
    console.info(
      `fuzz seed ${SEED}: ${all.length} write routes × ${BODIES} bodies (${sent.length} requests with the persona probes) in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s; ${sent.filter((s) => s.status < 300).length} succeeded, ` +
        `on ${succeeded.size} routes; never succeeded: ${all
          .map((p) => p.key)
          .filter((k) => !succeeded.has(k))
          .join(', ')}`,
    );
    expect(all.length).toBeGreaterThan(60);
    // Most routes must take a request now and then, or the fuzzing tests only refusals.
    expect(succeeded.size, 'routes that answered 2xx at least once').toBeGreaterThan(all.length * 0.6);
    expect(failures, `seed ${SEED}: replay with FUZZ_SEED=${SEED}`).toEqual([]);
  }, 300_000);

  it('stored no name of a person or a place that the name normaliser would refuse or change', async () => {
    const bad: string[] = [];
    for (const [table, column, bounds] of NAMES) {
      const rows = await sql<{ v: string }>`SELECT ${sql.ref(column)} AS v FROM ${sql.table(table)}`.execute(t.db);
      for (const { v } of rows.rows)
        if (!isNormalName(v, bounds)) bad.push(`${table}.${column}: ${JSON.stringify(revealHidden(v))}`);
    }
    const members = await sql<{ v: string }>`
      SELECT m->>'name' AS v FROM reg_versions, jsonb_array_elements(form->'members') AS m`.execute(t.db);
    for (const { v } of members.rows)
      if (!isNormalName(v, PERSON_NAME)) bad.push(`reg_versions.form: ${JSON.stringify(revealHidden(v))}`);
    expect(sent.length, 'the fuzzing ran first').toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });
});
