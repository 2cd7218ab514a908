import { describe, expect, it } from 'vitest';
import { PASSWORD, testApp } from '../../../../../test/support/app.js';
import { PLATFORM_DISTRICT } from '../../../kernel/audit.js';
import type { AuditListDto } from './schemas.js';

const t = await testApp();
const admin = await t.as('demo-admin');
const street = await t.as('demo-street');
await street.post('/api/areas', {
  parentId: await t.areaId('510112005'),
  code: '510112005203',
  vintage: 2020,
  name: '新华村',
});
await t.anonymous.post('/api/auth/login', { username: 'ghost', password: 'nope-nope-1' });
await t.anonymous.post('/api/auth/login', { username: 'demo-street', password: 'nope-nope-1' });

describe('audit log browsing', () => {
  it('filters by action prefix, actor and resource, newest first', async () => {
    const logins = (await admin.get('/api/audit?action=auth.')).json<AuditListDto>().items;
    expect(logins.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login', 'auth.login']);
    expect(logins[0]).toMatchObject({ actorUsername: 'demo-street' });
    const mine = (await admin.get('/api/audit?actor=demo-street&resourceType=area')).json<AuditListDto>().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: 'area.create', areaName: '新华村', changes: { name: [null, '新华村'] } });
  });

  it("keeps sign-in failures of unknown users (no district's) from every district's staff, and shows a known account's to its district", async () => {
    const stored = await t.db
      .selectFrom('audit_log')
      .select('district_id')
      .where('actor_username', '=', 'ghost')
      .execute();
    expect(stored).toEqual([{ district_id: PLATFORM_DISTRICT }]);
    expect((await admin.get('/api/audit?actor=ghost')).json<AuditListDto>().items).toEqual([]);
    expect(
      (await admin.get('/api/audit?actor=demo-street&action=auth.login_failed')).json<AuditListDto>().items,
    ).toHaveLength(1);
    const commander = await t.as('demo-commander', PASSWORD);
    expect((await commander.get('/api/audit?actor=ghost')).json<AuditListDto>().items).toEqual([]);
    expect((await commander.get('/api/audit?actor=demo-street')).json<AuditListDto>().items.length).toBeGreaterThan(0);
  });

  it('pages with a cursor and refuses roles without audit.read', async () => {
    const first = (await admin.get('/api/audit?limit=2')).json<AuditListDto>();
    const second = (await admin.get(`/api/audit?limit=2&after=${first.nextCursor}`)).json<AuditListDto>();
    expect(Number(second.items[0]!.id)).toBeLessThan(Number(first.items[1]!.id));
    expect((await street.get('/api/audit')).statusCode).toBe(403);
  });
});
