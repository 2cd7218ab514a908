/**
 * Behind a proxy: the client address comes from X-Forwarded-For only as far as the
 * configured proxies vouch for it (TRUST_PROXY: their addresses).
 * A client that writes its own X-Forwarded-For cannot dodge the sign-in rate limit or
 * put a forged address into the audit log (issue 12: with `true`, 40 forged sign-ins
 * were never limited).
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';

describe('one trusted proxy in front (TRUST_PROXY=10.0.0.0/24)', async () => {
  const t = await testApp({ config: { TRUST_PROXY: ['10.0.0.0/24'], LOGIN_RATE_PER_MINUTE: 5 } });
  const PROXY = '10.0.0.5';
  const CLIENT = '203.0.113.7';

  const signIn = (username: string, forged: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: PROXY,
      // The client sent its own X-Forwarded-For; the proxy appended the address it saw.
      headers: { 'x-forwarded-for': `${forged}, ${CLIENT}` },
      payload: { username, password: 'wrong-password-1' },
    });

  it('records the address the proxy saw, not the one the client wrote', async () => {
    expect((await signIn('proxy-probe', '198.51.100.1')).statusCode).toBe(401);
    const row = await t.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .where('actor_username', '=', 'proxy-probe')
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe(CLIENT);
  });

  it('believes no X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.50',
      headers: { 'x-forwarded-for': '198.51.100.99' },
      payload: { username: 'direct-probe', password: 'wrong-password-1' },
    });
    expect(direct.statusCode).toBe(401);
    const row = await t.db
      .selectFrom('audit_log')
      .select('ip')
      .where('actor_username', '=', 'direct-probe')
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('192.0.2.50');
  });

  it('rate-limits sign-ins by that address, whatever each request claims', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await signIn(`forger-${i}`, `198.51.100.${10 + i}`)).statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(3);
  });
});
