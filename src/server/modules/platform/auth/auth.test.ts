import { describe, expect, it } from 'vitest';
import { type ErrorBody, PASSWORD, testApp } from '../../../../../test/support/app.js';
import type { MeDto } from './schemas.js';

const t = await testApp();

async function auditActions(username: string) {
  const rows = await t.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('actor_username', '=', username)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('sign-in', () => {
  it('signs in, returns permissions and a CSRF token, and sets an HttpOnly SameSite cookie', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'demo-street', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json<MeDto>();
    expect(body.user.role).toBe('street_staff');
    expect(body.scope.name).toBe('柏合街道');
    expect(body.permissions).toContain('area.create');
    expect(body.permissions).not.toContain('user.manage');
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'ss_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.anonymous.get('/api/me', { cookie: `ss_session=${cookie.value}` });
    expect(me.json<MeDto>().user.username).toBe('demo-street');
  });

  it('refuses a wrong password with INVALID_CREDENTIALS in both languages, and keeps the audit row', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'demo-medical', password: 'wrong-password-1' });
    expect(res.statusCode).toBe(401);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(error.messages['zh-CN']).toBe('用户名或密码错误');
    expect(error.messages.en).toBe('Wrong username or password');
    expect(error.requestId).toBe(res.headers['x-request-id']);
    expect(await auditActions('demo-medical')).toEqual(['auth.login_failed']);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'nobody-here', password: 'whatever-123' });
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().error.code).toBe('INVALID_CREDENTIALS');
    expect(await auditActions('nobody-here')).toEqual(['auth.login_failed']);
  });

  it('answers and audits many failed sign-ins at once on one connection each (more than the pool holds)', async () => {
    // Before: each held its transaction's connection and asked the pool for another to
    // write its audit row apart; with the test pool's five held, none came.
    const names = Array.from({ length: 12 }, (_, i) => `stranger-${i}`);
    const answers = await Promise.all(
      names.map((username) => t.anonymous.post('/api/auth/login', { username, password: 'whatever-123' })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(401));
    const rows = await t.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('action', '=', 'auth.login_failed')
      .where('actor_username', 'in', names)
      .execute();
    expect(rows).toHaveLength(12);
  }, 20_000);

  // Failures counted per name and address, the pause, and the same answers for unknown
  // names: failures.test.ts.

  it('refuses a disabled account', async () => {
    await t.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('username', '=', 'demo-enterprise')
      .execute();
    const res = await t.anonymous.post('/api/auth/login', { username: 'demo-enterprise', password: PASSWORD });
    expect(res.json<ErrorBody>().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('lists each invalid field of a malformed sign-in', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: '' }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('Some fields are invalid; see the listed fields');
    expect(error.fields.map((f) => f.field).sort()).toEqual(['password', 'username']);
    expect(error.fields.find((f) => f.field === 'password')!.reason).toBe('required');
  });
});

describe('sessions', () => {
  it('signs out: the cookie stops working', async () => {
    const c = await t.as('demo-grid');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const c = await t.as('demo-community');
    t.clock.advance((t.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    const res = await c.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires a session at its absolute limit however active it is', async () => {
    const c = await t.as('demo-community');
    const step = (t.config.SESSION_IDLE_MINUTES - 1) * 60_000;
    let elapsed = 0;
    while (elapsed + step < t.config.SESSION_ABSOLUTE_HOURS * 3_600_000) {
      t.clock.advance(step);
      elapsed += step;
      expect((await c.get('/api/me')).statusCode).toBe(200);
    }
    t.clock.advance(step);
    expect((await c.get('/api/me')).json<ErrorBody>().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const c = await t.as('demo-street');
    const streetId = await t.areaId('510112005');
    const res = await c.request(
      'POST',
      '/api/areas',
      { parentId: streetId, code: '510112005203', vintage: 2020, name: '新建村' },
      { 'x-csrf-token': 'forged' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().error.code).toBe('CSRF_TOKEN_INVALID');
    const none = await t.db.selectFrom('areas').select('id').where('code', '=', '510112005203').execute();
    expect(none).toHaveLength(0);
  });
});

describe('password change', () => {
  it('changes the password, ends other sessions, and keeps this one', async () => {
    const first = await t.as('demo-checkpoint');
    const second = await t.as('demo-checkpoint');
    const weak = await second.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<ErrorBody>().error.fields.map((f) => f.reason)).toEqual(['too_short', 'needs_letter_and_digit']);
    const wrong = await second.post('/api/me/password', {
      currentPassword: 'not-it-123',
      newPassword: 'Another-pass-2021',
    });
    expect(wrong.json<ErrorBody>().error.code).toBe('WRONG_PASSWORD');
    const ok = await second.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'Another-pass-2021' });
    expect(ok.statusCode).toBe(204);
    expect((await second.get('/api/me')).statusCode).toBe(200);
    expect((await first.get('/api/me')).statusCode).toBe(401);
    await t.as('demo-checkpoint', 'Another-pass-2021');
  });
});
