import { describe, expect, it } from 'vitest';
import { type ErrorBody, PASSWORD, testApp } from '../../../../../test/support/app.js';
import type { MeDto } from '../auth/index.js';
import type { UserDto, UserListDto } from './schemas.js';

const t = await testApp();
const admin = await t.as('demo-admin');

describe('account administration', () => {
  it('creates an account that must change its password at first sign-in', async () => {
    const areaId = await t.areaId('510112005201002');
    const res = await admin.post('/api/users', {
      username: 'Ju.XiaoQin',
      displayName: '鞠晓琴',
      phone: '+86 138-0000-1234',
      role: 'grid_worker',
      areaId,
      initialPassword: 'Initial-pass-01',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<UserDto>();
    expect(created).toMatchObject({
      username: 'ju.xiaoqin',
      phone: '13800001234',
      mustChangePassword: true,
      area: { name: '东华二组网格' },
    });
    const c = await t.as('ju.xiaoqin', 'Initial-pass-01');
    const blocked = await c.get('/api/areas');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<ErrorBody>().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.get('/api/me')).json<MeDto>().permissions).toEqual([]);
    expect(
      (await c.post('/api/me/password', { currentPassword: 'Initial-pass-01', newPassword: 'Grid-worker-2020' }))
        .statusCode,
    ).toBe(204);
    expect((await c.get('/api/areas')).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'ju.xiaoqin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a role that does not fit the area level, a taken username and a bad phone', async () => {
    const street = await t.areaId('510112005');
    const misfit = await admin.post('/api/users', {
      username: 'misfit',
      displayName: 'x',
      role: 'grid_worker',
      areaId: street,
      initialPassword: 'Initial-pass-01',
    });
    expect(misfit.json<ErrorBody>().error.code).toBe('ROLE_SCOPE_MISMATCH');
    const taken = await admin.post('/api/users', {
      username: 'demo-grid',
      displayName: 'x',
      role: 'street_staff',
      areaId: street,
      initialPassword: 'Initial-pass-01',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<ErrorBody>().error.code).toBe('USERNAME_TAKEN');
    expect(taken.json<ErrorBody>().error.fields).toEqual([
      expect.objectContaining({ field: 'username', reason: 'conflict' }),
    ]);
    const phone = await admin.post('/api/users', {
      username: 'phoney',
      displayName: 'x',
      phone: '12345678901',
      role: 'street_staff',
      areaId: street,
      initialPassword: 'Initial-pass-01',
    });
    expect(phone.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'phone', reason: 'mobile' });
  });

  it('forbids account management to a street user', async () => {
    const street = await t.as('demo-street');
    const res = await street.post('/api/users', {
      username: 'someone',
      displayName: 'x',
      role: 'grid_worker',
      areaId: await t.areaId('510112005201003'),
      initialPassword: 'Initial-pass-01',
    });
    expect(res.statusCode).toBe(403);
  });

  it('reassigns a user to another grid and ends their sessions', async () => {
    const target = (await admin.get('/api/users?q=demo-community')).json<UserListDto>().items[0]!;
    const session = await t.as('demo-community');
    const res = await admin.patch(`/api/users/${target.id}`, { areaId: await t.areaId('510112005001') });
    expect(res.json<UserDto>().area.name).toBe('柏合社区');
    expect((await session.get('/api/me')).statusCode).toBe(401);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'user.update')
      .where('resource_id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(audit.changes!)).toEqual(['areaId']);
  });

  it('disables and re-enables an account; an admin cannot disable themself', async () => {
    const target = (await admin.get('/api/users?q=demo-medical')).json<UserListDto>().items[0]!;
    expect((await admin.patch(`/api/users/${target.id}`, { disabled: true })).json<UserDto>().disabled).toBe(true);
    expect(
      (await t.anonymous.post('/api/auth/login', { username: 'demo-medical', password: PASSWORD })).statusCode,
    ).toBe(401);
    expect((await admin.get('/api/users?q=demo-medical')).json<UserListDto>().items).toEqual([]);
    expect((await admin.get('/api/users?q=demo-medical&includeDisabled=true')).json<UserListDto>().items).toHaveLength(
      1,
    );
    await admin.patch(`/api/users/${target.id}`, { disabled: false });
    await t.as('demo-medical');
    const me = (await admin.get('/api/me')).json<MeDto>();
    expect((await admin.patch(`/api/users/${me.user.id}`, { disabled: true })).json<ErrorBody>().error.code).toBe(
      'CANNOT_CHANGE_SELF',
    );
  });
});

describe('account visibility', () => {
  it("shows a grid worker only the accounts of their own grid; a sibling grid's user answers 404", async () => {
    const grid = await t.as('demo-grid');
    const mine = (await grid.get('/api/users')).json<UserListDto>().items.map((u) => u.username);
    expect(mine).toEqual(['demo-grid']);
    const sibling = (await admin.get('/api/users?q=ju.xiaoqin')).json<UserListDto>().items[0]!;
    expect(sibling.area.name).toBe('东华二组网格');
    expect((await grid.get(`/api/users/${sibling.id}`)).statusCode).toBe(404);
  });

  it('shows a street user every account of its subtree, paginated by keyset', async () => {
    const street = await t.as('demo-street');
    const first = (await street.get('/api/users?limit=2')).json<UserListDto>();
    expect(first.items).toHaveLength(2);
    const rest = (await street.get(`/api/users?limit=50&after=${first.nextCursor}`)).json<UserListDto>();
    const all = [...first.items, ...rest.items].map((u) => u.username);
    expect(all).toEqual([...all].sort());
    expect(all).toContain('demo-grid');
    expect(all).toContain('demo-street');
    expect(all).not.toContain('demo-admin');
    expect(all).not.toContain('demo-checkpoint');
  });
});
