import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { placePerson, registerFamily } from '../../../../../test/support/health.js';
import type { CheckinLinkDto, LinkSummaryDto, PublicSavedDto, PublicViewDto } from './schemas.js';

const t = await testApp({ config: { PUBLIC_URL: 'https://ss.example.gov.cn' } });
t.clock.set('2020-02-10T02:00:00Z'); // 10:00 in Chengdu
const grid = await t.as('demo-grid');
const ownGrid = await t.areaId('510112005201001');

// A family of three home-isolated after returning from Wuhan; a neighbour who is not a key person.
const family = await registerFamily(grid, ownGrid, ['吴国华', '李秀英', '吴小宝']);
const [head, spouse, child] = family.members as [string, string, string];
for (const p of family.members) await placePerson(grid, p, { categories: [{ key: 'from_wuhan' }] });
const [neighbour] = (await registerFamily(grid, ownGrid, ['邻居甲'])).members as [string];

const link = (
  await grid.post(`/api/health-persons/${head}/checkin-links`, { scope: 'household' })
).json<CheckinLinkDto>();
const token = link.path.split('/').pop()!;
const submit = (body: unknown) => t.anonymous.post(`/api/public/checkin/${token}`, body);

describe('check-in through a household link', () => {
  it('issues a link with a QR code, only to the household head for the household', async () => {
    expect(link.path).toMatch(/^\/m\/checkin\/[A-Za-z0-9_-]{32}$/);
    expect(link.qrSvg).toMatch(/^<svg/);
    // The code carries the address phones reach (PUBLIC_URL), not just the path.
    expect(link.url).toBe(`https://ss.example.gov.cn${link.path}`);
    expect(link.qrSvg).toBe(await QRCode.toString(link.url!, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }));
    const notHead = await grid.post(`/api/health-persons/${child}/checkin-links`, { scope: 'household' });
    expect(notHead.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'scope', reason: 'not_head' });
    // Only a hash of the token is kept.
    const stored = await t.db
      .selectFrom('health_checkin_links')
      .select('token_hash')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
  });

  it('shows the household members under a measure, masked, without an account', async () => {
    const view = await t.anonymous.get(`/api/public/checkin/${token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ day: '2020-02-10', cutOff: '14:00', scope: 'household' });
    expect(view.json<PublicViewDto>().people.map((p) => `${p.relationship}:${p.name}:${p.self}`)).toEqual(
      expect.arrayContaining(['head:吴*华:true', 'spouse:李*英:false', 'child:吴*宝:false']),
    );
    expect(view.json<PublicViewDto>().people).toHaveLength(3);
    expect((await t.anonymous.get(`/api/public/checkin/${'x'.repeat(32)}`)).json<ErrorBody>().error.code).toBe(
      'CHECKIN_LINK_INVALID',
    );
  });

  it('lets the head report for three, one with fever, which raises an alert for the grid worker and the village doctor', async () => {
    const submissionId = randomUUID();
    const body = {
      submissionId,
      entries: [
        { personId: head, temperature: 36.5, symptoms: [] },
        { personId: spouse, temperature: 36.8, symptoms: [] },
        { personId: child, temperature: 38.2, symptoms: ['干咳'] },
      ],
    };
    const res = await submit(body);
    expect(res.statusCode).toBe(200);
    expect(res.json<PublicSavedDto>().saved.map((s) => `${s.state}:${s.amended}`)).toEqual([
      'normal:false',
      'normal:false',
      'symptomatic:false',
    ]);
    const rows = await t.db
      .selectFrom('health_checkins')
      .select(['person_id', 'channel', 'reporter_person', 'state'])
      .where('person_id', 'in', family.members)
      .orderBy('channel')
      .execute();
    expect(rows.map((r) => r.channel).sort()).toEqual(['household', 'household', 'self']);
    expect(rows.find((r) => r.person_id === child)).toMatchObject({
      channel: 'household',
      reporter_person: head,
      state: 'symptomatic',
    });

    const alerts = await t.db
      .selectFrom('alerts as a')
      .innerJoin('alert_recipients as r', (j) =>
        j.onRef('r.district_id', '=', 'a.district_id').onRef('r.alert_id', '=', 'a.id'),
      )
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['a.kind', 'a.person_id', 'u.username'])
      .where('a.person_id', 'in', family.members)
      .execute();
    expect(alerts.map((a) => `${a.kind}:${a.username}`).sort()).toEqual([
      'symptomatic:demo-doctor',
      'symptomatic:demo-grid',
    ]);
    expect(alerts.every((a) => a.person_id === child)).toBe(true);

    // The same submission sent again (a retry on a bad connection) changes nothing.
    const again = await submit(body);
    expect(again.json<PublicSavedDto>().saved.every((s) => !s.amended)).toBe(true);
    expect(
      (
        await t.db
          .selectFrom('health_checkins')
          .select('revisions')
          .where('person_id', '=', child)
          .executeTakeFirstOrThrow()
      ).revisions,
    ).toBe(1);
  });

  it('amends on a second check-in the same day, keeping the earlier values', async () => {
    const res = await submit({
      submissionId: randomUUID(),
      entries: [{ personId: child, temperature: 37.1, symptoms: [] }],
    });
    expect(res.json<PublicSavedDto>().saved[0]).toMatchObject({ state: 'normal', amended: true });
    const rows = await t.db
      .selectFrom('health_checkins')
      .select(['temperature', 'revisions', 'previous'])
      .where('person_id', '=', child)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      temperature: '37.1',
      revisions: 2,
      previous: { temperature: 38.2, symptoms: ['干咳'] },
    });
    // The day's counters follow: three checked in, nobody symptomatic any more.
    const counters = await t.db
      .selectFrom('health_day_counters')
      .select(['metric', 'value'])
      .where('area_id', '=', ownGrid)
      .where('day', '=', '2020-02-10')
      .execute();
    expect(Object.fromEntries(counters.map((r) => [r.metric, Number(r.value)]))).toMatchObject({
      'health.checked_in': 3,
      'health.symptomatic': 0,
      'health.new': 3,
    });
    const view = (await t.anonymous.get(`/api/public/checkin/${token}`)).json<PublicViewDto>();
    expect(view.people.find((p) => p.personId === child)!.today).toMatchObject({
      temperature: 37.1,
      state: 'normal',
    });
  });

  it('says which entry and field is wrong, and saves nothing then', async () => {
    const res = await submit({
      submissionId: randomUUID(),
      entries: [
        { personId: head, temperature: 43.1, symptoms: [] },
        { personId: spouse, temperature: 36.55, symptoms: ['咳嗽'] },
        { personId: neighbour, temperature: 36.5, symptoms: [] },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json<ErrorBody>().error.fields.map((f: { field: string; reason: string }) => `${f.field}:${f.reason}`),
    ).toEqual([
      'entries.0.temperature:temperature_range',
      'entries.1.temperature:temperature_precision',
      'entries.1.symptoms.0:unknown_symptom',
      'entries.2.personId:invalid',
    ]);
    const head1 = await t.db
      .selectFrom('health_checkins')
      .select('temperature')
      .where('person_id', '=', head)
      .executeTakeFirstOrThrow();
    expect(head1.temperature).toBe('36.5');
  });
});

describe('check-in by staff', () => {
  it('records a visit, refuses a day ahead and a person under no measure', async () => {
    await t.travel('2020-02-11T08:00:00Z'); // 16:00 the next day
    const res = await grid.post('/api/checkins', {
      id: randomUUID(),
      personId: spouse,
      temperature: null,
      symptoms: [],
      needsReview: true,
      channel: 'staff_call',
    });
    expect(res.json()).toMatchObject({ day: '2020-02-11', state: 'to_review', amended: false });
    // Yesterday's entry may still be made (an evening visit entered after midnight); not a day ahead.
    expect(
      (
        await grid.post('/api/checkins', {
          id: randomUUID(),
          personId: spouse,
          day: '2020-02-12',
          temperature: 36.5,
          symptoms: [],
          channel: 'staff_visit',
        })
      ).json<ErrorBody>().error.fields[0],
    ).toMatchObject({ field: 'day', reason: 'future_day' });
    expect(
      (
        await grid.post('/api/checkins', {
          id: randomUUID(),
          personId: spouse,
          day: '2020-02-08',
          temperature: 36.5,
          symptoms: [],
          channel: 'staff_visit',
        })
      ).json<ErrorBody>().error.fields[0],
    ).toMatchObject({ field: 'day', reason: 'too_far_back' });
    const none = await grid.post('/api/checkins', {
      id: randomUUID(),
      personId: neighbour,
      temperature: 36.5,
      symptoms: [],
      channel: 'staff_visit',
    });
    expect(none.json<ErrorBody>().error.code).toBe('NOT_A_KEY_PERSON');
  });
});

describe('revoking a check-in link', () => {
  const audits = (id: string) =>
    t.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', id).orderBy('id').execute();

  it('stops the link for good with a reason: its page and submissions refuse, nothing is recorded, audited once', async () => {
    const own = (
      await grid.post(`/api/health-persons/${spouse}/checkin-links`, { scope: 'person' })
    ).json<CheckinLinkDto>();
    expect((await t.anonymous.get(`/api/public/checkin/${own.token}`)).statusCode).toBe(200);

    const noReason = await grid.post(`/api/checkin-links/${own.id}/revoke`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'reason' });
    expect((await grid.post(`/api/checkin-links/${own.id}/revoke`, { reason: ' ' })).statusCode).toBe(400);

    const res = await grid.post(`/api/checkin-links/${own.id}/revoke`, { reason: '手机遗失' });
    expect(res.statusCode).toBe(200);
    const revoked = res.json<LinkSummaryDto>();
    expect(revoked).toMatchObject({ id: own.id, state: 'revoked', scope: 'person' });
    expect(revoked.revokedAt).toBe(t.clock.now().toISOString());

    const before = await t.db.selectFrom('health_checkins').selectAll().where('person_id', '=', spouse).execute();
    const page = await t.anonymous.get(`/api/public/checkin/${own.token}`);
    expect(page.statusCode).toBe(410);
    expect(page.json<ErrorBody>().error).toMatchObject({ code: 'CHECKIN_LINK_REVOKED' });
    expect(page.json<ErrorBody>().error.message).toContain('已被工作人员停用');
    const sent = await t.anonymous.post(`/api/public/checkin/${own.token}`, {
      submissionId: randomUUID(),
      entries: [{ personId: spouse, temperature: 36.6, symptoms: [] }],
    });
    expect(sent.statusCode).toBe(410);
    expect(sent.json<ErrorBody>().error.code).toBe('CHECKIN_LINK_REVOKED');
    expect(await t.db.selectFrom('health_checkins').selectAll().where('person_id', '=', spouse).execute()).toEqual(
      before,
    );
    expect((await audits(own.id)).map((a) => a.action)).toEqual(['health.checkin_link_revoke']);
    expect((await audits(own.id))[0]!.details).toMatchObject({ personId: spouse, reason: '手机遗失' });

    // Again: nothing changes (the first revocation stands, no second audit row).
    const again = await grid.post(`/api/checkin-links/${own.id}/revoke`, { reason: '重复操作' });
    expect(again.json<LinkSummaryDto>()).toEqual(revoked);
    expect(await audits(own.id)).toHaveLength(1);

    // The list shows it revoked, without any token; the household link still works.
    const list = await grid.get(`/api/health-persons/${spouse}/checkin-links`);
    expect(list.json<{ items: LinkSummaryDto[] }>().items.map((l) => `${l.id}:${l.state}`)).toEqual([
      `${own.id}:revoked`,
    ]);
    expect(list.body).not.toContain(own.token);
    expect((await t.anonymous.get(`/api/public/checkin/${token}`)).statusCode).toBe(200);
  });

  it("answers 404 for a link outside the actor's area or none at all, 403 without the permission", async () => {
    const community = await t.as('demo-community');
    const otherGrid = await t.areaId('510112005201002');
    const [stranger] = (await registerFamily(community, otherGrid, ['外网格人'])).members as [string];
    await placePerson(community, stranger, { categories: [{ key: 'from_wuhan' }] });
    const theirs = (
      await community.post(`/api/health-persons/${stranger}/checkin-links`, { scope: 'person' })
    ).json<CheckinLinkDto>();
    const outside = await grid.post(`/api/checkin-links/${theirs.id}/revoke`, { reason: '越权停用' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json<ErrorBody>().error.code).toBe('NOT_FOUND');
    expect((await grid.post(`/api/checkin-links/${randomUUID()}/revoke`, { reason: '不存在' })).statusCode).toBe(404);
    expect((await grid.get(`/api/health-persons/${stranger}/checkin-links`)).statusCode).toBe(404);
    const enterprise = await t.as('demo-enterprise');
    expect((await enterprise.post(`/api/checkin-links/${theirs.id}/revoke`, { reason: '越权停用' })).statusCode).toBe(
      403,
    );
    // Untouched: the link still works and nothing was audited.
    expect((await t.anonymous.get(`/api/public/checkin/${theirs.token}`)).statusCode).toBe(200);
    expect(await audits(theirs.id)).toEqual([]);
  });
});
