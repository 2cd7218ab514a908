import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { buildYard, createCode, type Yard } from '../../../../../test/support/self-registration.js';
import { recordPublicToken } from '../../../kernel/public-tokens.js';
import type { CodeView } from '../intake/index.js';
import type { CodeDto, PosterDto } from './index.js';

const t = await testApp({ config: { PUBLIC_URL: 'https://ss.example.gov.cn' } });
let grid: Awaited<ReturnType<typeof t.as>>;
let gridId: string;
let yard: Yard;

beforeAll(async () => {
  grid = await t.as('demo-grid');
  gridId = await t.areaId('510112005201001');
  yard = await buildYard(grid, gridId, '东华小区');
});

describe('registration codes', () => {
  it('binds a code to a courtyard with a responsible person and expiry; the QR carries only the link', async () => {
    const code = await createCode(grid, {
      courtyardId: yard.courtyardId,
      responsibleName: '李网格',
      responsiblePhone: '138 0013 8000',
      expiresOn: '2020-02-29',
    });
    const got = (await grid.get(`/api/reg-codes/${code.id}`)).json<CodeDto>();
    expect(got).toMatchObject({
      purpose: 'resident',
      placeName: '柏合街道 东华村 三盛都会城网格 东华小区',
      responsiblePhone: '13800138000',
      status: 'active',
      effectiveStatus: 'active',
      expiresAt: '2020-02-29T16:00:00.000Z',
      submissions: 0,
    });
    expect(got.url).toBe(`https://ss.example.gov.cn${got.path}`);
    expect(got.path).toMatch(/^\/m\/reg\/[A-Za-z0-9_-]{32}$/);
    const poster = (await grid.get(`/api/reg-codes/${code.id}/poster`)).json<PosterDto>();
    expect(poster.qrSvg).toMatch(/^<svg/);
    expect(poster.instructions.join('')).toContain('李网格 13800138000');
    const png = await grid.get(`/api/reg-codes/${code.id}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toMatch(/^attachment; filename="reg-code-/);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const audit = await t.db.selectFrom('audit_log').select('action').where('resource_id', '=', code.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['selfreg.code_create']);
  });

  it("refuses a bad phone, a past expiry, a street as scope, and codes outside the actor's area", async () => {
    const bad = await grid.post('/api/reg-codes', {
      areaId: gridId,
      responsibleName: '李',
      responsiblePhone: '12345',
      expiresOn: '2020-02-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.fields[0]!.field).toBe('expiresOn');
    const phone = await grid.post('/api/reg-codes', {
      areaId: gridId,
      responsibleName: '李',
      responsiblePhone: '12345',
      expiresOn: '2020-03-01',
    });
    expect(phone.json<ErrorBody>().error.fields[0]).toMatchObject({
      field: 'responsiblePhone',
      reason: 'phone_format',
    });
    const street = await t.as('demo-street');
    const level = await street.post('/api/reg-codes', {
      areaId: await t.areaId('510112005'),
      responsibleName: '李',
      responsiblePhone: '13800138000',
      expiresOn: '2020-03-01',
    });
    expect(level.json<ErrorBody>().error.code).toBe('AREA_LEVEL_MISMATCH');
    const outside = await grid.post('/api/reg-codes', {
      areaId: await t.areaId('510112005201002'),
      responsibleName: '李',
      responsiblePhone: '13800138000',
      expiresOn: '2020-03-01',
    });
    expect(outside.statusCode).toBe(404);
  });

  it('lets only district staff ask everyone for health answers', async () => {
    const denied = await grid.post('/api/reg-codes', {
      areaId: gridId,
      responsibleName: '李',
      responsiblePhone: '13800138000',
      expiresOn: '2020-03-01',
      askEveryone: true,
    });
    expect(denied.statusCode).toBe(403);
    const code = await createCode(grid, { areaId: gridId });
    expect((await grid.patch(`/api/reg-codes/${code.id}`, { askEveryone: true })).statusCode).toBe(403);
    const district = await t.as('demo-district');
    const on = await district.patch(`/api/reg-codes/${code.id}`, { askEveryone: true });
    expect(on.json<CodeDto>().askEveryone).toBe(true);
    expect((await t.anonymous.get(`/api/public/reg/${code.token}`)).json<CodeView>().askEveryone).toBe(true);
  });

  it('pauses, resumes and revokes for good; expired codes read as expired', async () => {
    const code = await createCode(grid, { areaId: gridId, expiresOn: '2020-02-11' });
    const paused = await grid.post(`/api/reg-codes/${code.id}/status`, {
      status: 'paused',
      reason: '核酸检测期间暂停',
    });
    expect(paused.json<CodeDto>()).toMatchObject({ status: 'paused', statusReason: '核酸检测期间暂停' });
    expect((await t.anonymous.get(`/api/public/reg/${code.token}`)).json<ErrorBody>().error.code).toBe(
      'REG_CODE_PAUSED',
    );
    await grid.post(`/api/reg-codes/${code.id}/status`, { status: 'active', reason: '恢复登记' });
    expect((await t.anonymous.get(`/api/public/reg/${code.token}`)).statusCode).toBe(200);
    const revoked = await grid.post(`/api/reg-codes/${code.id}/status`, { status: 'revoked', reason: '海报被冒用' });
    expect(revoked.json<CodeDto>().status).toBe('revoked');
    expect((await t.anonymous.get(`/api/public/reg/${code.token}`)).json<ErrorBody>().error.code).toBe(
      'REG_CODE_INVALID',
    );
    const again = await grid.post(`/api/reg-codes/${code.id}/status`, { status: 'active', reason: '重新启用' });
    expect(again.statusCode).toBe(409);

    const short = await createCode(grid, { areaId: gridId, expiresOn: '2020-02-11' });
    await t.travel('2020-02-11T17:00:00Z'); // 2020-02-12 01:00 in Shanghai
    expect((await grid.get(`/api/reg-codes/${short.id}`)).json<CodeDto>().effectiveStatus).toBe('expired');
    const expired = (await grid.get('/api/reg-codes?status=expired')).json<{ items: CodeDto[] }>();
    expect(expired.items.map((i) => i.id)).toContain(short.id);
    expect((await t.anonymous.get(`/api/public/reg/${short.token}`)).json<ErrorBody>().error.code).toBe(
      'REG_CODE_INVALID',
    );
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', code.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'selfreg.code_create',
      'selfreg.code_pause',
      'selfreg.code_resume',
      'selfreg.code_revoke',
    ]);
  });

  it('is invisible to roles without the permission', async () => {
    const enterprise = await t.as('demo-enterprise');
    expect((await enterprise.get('/api/reg-codes')).statusCode).toBe(403);
  });
});

describe('registration-code tokens', () => {
  const row = (id: string) => t.db.selectFrom('reg_codes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const page = (token: string) => t.anonymous.get(`/api/public/reg/${encodeURIComponent(token)}`);

  it('are not in the database: no column of the stored code opens it; the real token does, a wrong one is 404', async () => {
    const code = await createCode(grid, { courtyardId: yard.courtyardId });
    const stored = await row(code.id);
    expect(JSON.stringify(stored)).not.toContain(code.token);
    for (const [column, value] of Object.entries(stored)) {
      if (value === null) continue;
      const text = value instanceof Date ? value.toISOString() : String(value);
      expect((await page(text)).statusCode, column).not.toBe(200);
    }
    // Only the token's SHA-256 is kept, as SQL computes it (the migration hashed the old tokens so).
    const { rows } = await sql<{
      h: string;
    }>`SELECT encode(sha256(convert_to(${code.token}, 'UTF8')), 'hex') AS h`.execute(t.db);
    expect(stored.token_hash).toBe(rows[0]!.h);

    expect((await page(code.token)).statusCode).toBe(200);
    const wrong = await page(randomBytes(24).toString('base64url'));
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json<ErrorBody>().error.code).toBe('REG_CODE_INVALID');
  });

  it('are recomputed from the code, so its poster and PNG print the same working link again', async () => {
    const code = await createCode(grid, { areaId: gridId });
    const again = (await grid.get(`/api/reg-codes/${code.id}`)).json<CodeDto>();
    expect(again.path).toBe(code.path);
    const listed = (await grid.get('/api/reg-codes?limit=100')).json<{ items: CodeDto[] }>();
    expect(listed.items.find((i) => i.id === code.id)!.path).toBe(code.path);
    const poster = (await grid.get(`/api/reg-codes/${code.id}/poster`)).json<PosterDto>();
    expect(poster.qrSvg).toBe(
      await QRCode.toString(`https://ss.example.gov.cn${code.path}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 1,
      }),
    );
    expect((await grid.get(`/api/reg-codes/${code.id}/qr.png`)).statusCode).toBe(200);
  });

  it('of a code made before they were hashed keep working from its posters, but it says it cannot be printed', async () => {
    const code = await createCode(grid, { areaId: gridId });
    // What the migration leaves of a code made earlier: the hash of its old random token, with its district.
    const legacy = randomBytes(18).toString('base64url');
    const legacyHash = createHash('sha256').update(legacy).digest('hex');
    await t.db.updateTable('reg_codes').set({ token_hash: legacyHash }).where('id', '=', code.id).execute();
    await recordPublicToken(t.db, 'reg_code', legacyHash, (await row(code.id)).district_id);
    expect((await page(legacy)).statusCode).toBe(200);
    expect((await page(code.token)).statusCode).toBe(404);
    expect((await grid.get(`/api/reg-codes/${code.id}`)).json<CodeDto>()).toMatchObject({ path: null, url: null });
    for (const what of ['poster', 'qr.png']) {
      const res = await grid.get(`/api/reg-codes/${code.id}/${what}`);
      expect(res.statusCode, what).toBe(409);
      expect(res.json<ErrorBody>().error.code, what).toBe('REG_CODE_NOT_REPRINTABLE');
    }
  });
});
