/**
 * Failed sign-ins are counted per (username, client address) (issue 12, item 10): an
 * address that fails too often for one name is paused for that name — with the same
 * answer whether the name exists or not — while the account stays usable from
 * elsewhere, so a stranger can neither learn which names exist nor lock staff out.
 */
import { describe, expect, it } from 'vitest';
import { type ErrorBody, PASSWORD, testApp, type TestResponse } from '../../../../../test/support/app.js';
import type { UserDto } from '../users/index.js';
import { purgeSignInFailures } from './index.js';

const t = await testApp({
  config: {
    LOGIN_MAX_FAILURES: 3,
    LOGIN_LOCK_MINUTES: 15,
    LOGIN_FAILURE_WINDOW_MINUTES: 15,
    LOGIN_DISTRIBUTED_FAILURES: 8,
  },
});

const signIn = (username: string, password: string, address: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { username, password } });

/** What a client can observe of an answer, but the request id every answer has its own of. */
function observed(res: TestResponse) {
  const body = res.json<ErrorBody>();
  const { requestId, ...error } = body.error;
  expect(requestId).toBe(res.headers['x-request-id']);
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: JSON.stringify({ error }) };
}

async function auditActions(username: string) {
  const rows = await t.db
    .selectFrom('audit_log')
    .select('action')
    .where('actor_username', '=', username)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('failed sign-ins, per name and address', () => {
  it('answers an unknown and a known username alike, byte for byte, before and past the threshold', async () => {
    const address = '198.51.100.20';
    const known: ReturnType<typeof observed>[] = [];
    const unknown: ReturnType<typeof observed>[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(observed(await signIn('demo-grid', 'wrong-pass-1', address)));
      unknown.push(observed(await signIn('no-such-user', 'wrong-pass-1', address)));
    }
    // Even the right password is answered like a guess for a name nobody has.
    known.push(observed(await signIn('demo-grid', PASSWORD, address)));
    unknown.push(observed(await signIn('no-such-user', PASSWORD, address)));
    expect(known).toEqual(unknown);
    expect(known.map((a) => a.status)).toEqual([401, 401, 429, 429, 429, 429, 429]);
    const paused = JSON.parse(known[2]!.body) as ErrorBody;
    expect(paused.error.code).toBe('SIGN_IN_PAUSED');
    expect(paused.error.messages).toEqual({
      'zh-CN': '此设备登录失败次数过多，请稍后再试',
      en: 'Too many failed sign-ins from this device; try again later',
    });
    expect(paused.error.details).toEqual({ retryAfterSeconds: 15 * 60 });
    expect(known[2]!.retryAfter).toBe(String(15 * 60));
    const actions = ['auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.lockout'];
    const refused = Array<string>(4).fill('auth.login_refused_locked');
    expect(await auditActions('demo-grid')).toEqual([...actions, ...refused]);
    expect(await auditActions('no-such-user')).toEqual([...actions, ...refused]);
  });

  it('keeps the owner signing in from another address while a stranger fails 20 times', async () => {
    const stranger = '203.0.113.66';
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) answers.push((await signIn('demo-street', `guess-${i}-pass`, stranger)).statusCode);
    expect(answers).toEqual([401, 401, ...Array<number>(18).fill(429)]);
    expect((await signIn('demo-street', PASSWORD, '192.0.2.10')).statusCode).toBe(200);
    // The stranger's address stays refused for that name, even with the right password.
    expect((await signIn('demo-street', PASSWORD, stranger)).json<ErrorBody>().error.code).toBe('SIGN_IN_PAUSED');
    // And only for that name: another account signs in from it.
    expect((await signIn('demo-checkpoint', PASSWORD, stranger)).statusCode).toBe(200);
  });

  it('clears an address’s failures on success, and lifts the pause when it ends', async () => {
    const address = '192.0.2.30';
    for (let i = 0; i < 2; i++) expect((await signIn('demo-community', 'typo-pass-1', address)).statusCode).toBe(401);
    expect((await signIn('demo-community', PASSWORD, address)).statusCode).toBe(200);
    // Counted afresh: two more typos are still only typos.
    for (let i = 0; i < 2; i++) expect((await signIn('demo-community', 'typo-pass-1', address)).statusCode).toBe(401);
    expect((await signIn('demo-community', 'typo-pass-1', address)).statusCode).toBe(429);
    t.clock.advance(14 * 60_000);
    const later = await signIn('demo-community', PASSWORD, address);
    expect(later.json<ErrorBody>().error.details).toEqual({ retryAfterSeconds: 60 });
    t.clock.advance(61_000);
    expect((await signIn('demo-community', PASSWORD, address)).statusCode).toBe(200);
  });

  it('counts failures sent in parallel from one address, so none slips past the pause', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => signIn('demo-enterprise', 'bad-pass-123', '198.51.100.40')),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([401, 401, 429, 429, 429, 429, 429, 429]);
    const actions = await auditActions('demo-enterprise');
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(3);
    expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(1);
    expect(actions.filter((a) => a === 'auth.login_refused_locked')).toHaveLength(5);
  });

  it('slows guessing spread over many addresses to one failure an address, for known and unknown names, and tells admins', async () => {
    for (const name of ['demo-medical', 'ghost-account']) {
      const answers: number[] = [];
      for (let i = 1; i <= 8; i++) answers.push((await signIn(name, 'spread-guess-1', `10.9.0.${i}`)).statusCode);
      expect(answers).toEqual(Array<number>(8).fill(401));
    }
    // The ninth address is paused at its first failure — alike for both names.
    const known = observed(await signIn('demo-medical', 'spread-guess-1', '10.9.0.9'));
    const unknown = observed(await signIn('ghost-account', 'spread-guess-1', '10.9.0.9'));
    expect(known).toEqual(unknown);
    expect(known.status).toBe(429);
    for (const name of ['demo-medical', 'ghost-account'])
      expect((await auditActions(name)).filter((a) => a === 'auth.guessing_suspected')).toHaveLength(1);
    const flagged = await t.db
      .selectFrom('audit_log')
      .select(['district_id', 'details'])
      .where('action', '=', 'auth.guessing_suspected')
      .where('actor_username', '=', 'demo-medical')
      .executeTakeFirstOrThrow();
    expect(flagged.district_id).not.toBeNull();
    expect(flagged.details).toMatchObject({ failures: 8, addresses: 8 });
    // The owner is not locked out: the right password from a fresh address signs in.
    expect((await signIn('demo-medical', PASSWORD, '192.0.2.99')).statusCode).toBe(200);
  });

  it('lets an admin lift the pauses on an account, from every address', async () => {
    const address = '198.51.100.77';
    for (let i = 0; i < 3; i++) await signIn('demo-commissioner', 'bad-pass-123', address);
    expect((await signIn('demo-commissioner', PASSWORD, address)).statusCode).toBe(429);
    const admin = await t.as('demo-admin');
    const listed = () =>
      admin.get('/api/users?q=demo-commissioner').then((r) => r.json<{ items: UserDto[] }>().items[0]!);
    const before = await listed();
    expect(before.locked).toBe(true);
    expect((await admin.patch(`/api/users/${before.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await listed()).locked).toBe(false);
    expect((await signIn('demo-commissioner', PASSWORD, address)).statusCode).toBe(200);
  });

  it('purges failures that no longer count (the hourly job)', async () => {
    await signIn('purge-probe', 'bad-pass-123', '198.51.100.88');
    const rows = () => t.db.selectFrom('sign_in_failures').select('username').where('username', '=', 'purge-probe');
    expect(await rows().execute()).toHaveLength(1);
    t.clock.advance(14 * 60_000);
    await purgeSignInFailures(t.system());
    expect(await rows().execute()).toHaveLength(1);
    t.clock.advance(2 * 60_000);
    expect(await purgeSignInFailures(t.system())).toBeGreaterThanOrEqual(1);
    expect(await rows().execute()).toHaveLength(0);
  });
});
