/**
 * Registration codes: staff bind a QR code to a courtyard, grid or community, with a
 * responsible person, a purpose and an expiry, and can pause or revoke it. The QR
 * carries only the link with an opaque token — never personal data. The database keeps
 * only the token's hash; the token is derived from the code's id under a server secret,
 * so the poster can be printed again (tokens.ts).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { addDays, shanghaiDay, shanghaiInstant } from '../../../../domain/clock.js';
import { CODE_PURPOSE_LABELS, type CodePurpose } from '../../../../domain/self-registration.js';
import { checkPhone } from '../../../../domain/phone.js';
import type { CodeStatus } from '../../../db/types-self-registration.js';
import { authorize, may, type ActorContext, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { recordPublicToken } from '../../../kernel/public-tokens.js';
import { areaInScope, inScope, recordInScope, scopeOrArea } from '../../../kernel/scope.js';
import type { CodeDto } from './schemas.js';
import { codeToken, printableToken, tokenHash } from './tokens.js';

const MAX_DAYS = 366;
export const codePath = (token: string) => `/m/reg/${token}`;

/** The place as printed: street, community, grid names below the district, then the courtyard. */
export async function placeName(ctx: Context, areaId: string, courtyardName: string | null): Promise<string> {
  const nodes = await ctx.areas.snapshot();
  const names: string[] = [];
  for (
    let n = nodes.get(String(areaId));
    n && n.level !== 'district';
    n = n.parent_id ? nodes.get(String(n.parent_id)) : undefined
  )
    names.unshift(n.name);
  if (courtyardName) names.push(courtyardName);
  return names.join(' ');
}

function selectCodes(c: Context) {
  return c.db
    .selectFrom('reg_codes as k')
    .innerJoin('areas as a', 'a.id', 'k.area_id')
    .leftJoin('courtyards as y', (j) =>
      j.onRef('y.district_id', '=', 'k.district_id').onRef('y.id', '=', 'k.courtyard_id'),
    )
    .innerJoin('users as u', 'u.id', 'k.created_by')
    .select([
      'k.id',
      'k.token_hash',
      'k.purpose',
      'k.area_id',
      'a.name as area_name',
      'a.level as area_level',
      'k.courtyard_id',
      'y.name as courtyard_name',
    ])
    .select([
      'k.responsible_name',
      'k.responsible_phone',
      'k.note',
      'k.ask_everyone',
      'k.status',
      'k.status_reason',
      'k.expires_at',
      'k.created_at',
      'k.area_path',
      'k.district_id',
      'u.display_name as created_by',
    ])
    .select((eb) => [
      eb
        .selectFrom('reg_submissions as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.district_id', '=', 'k.district_id')
        .whereRef('s.code_id', '=', 'k.id')
        .as('submissions'),
      eb
        .selectFrom('reg_submissions as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.district_id', '=', 'k.district_id')
        .whereRef('s.code_id', '=', 'k.id')
        .where('s.status', '=', 'new')
        .as('open'),
    ]);
}
type CodeRow = Awaited<ReturnType<ReturnType<typeof selectCodes>['executeTakeFirstOrThrow']>>;

async function toDto(c: Context, r: CodeRow): Promise<CodeDto> {
  const token = printableToken(c.config, r);
  const path = token === null ? null : codePath(token);
  const expired = r.status === 'active' && r.expires_at <= c.clock.now();
  return {
    id: r.id,
    purpose: r.purpose,
    area: { id: String(r.area_id), name: r.area_name, level: r.area_level },
    courtyard: r.courtyard_id ? { id: r.courtyard_id, name: r.courtyard_name ?? '' } : null,
    placeName: await placeName(c, r.area_id, r.courtyard_name),
    responsibleName: r.responsible_name,
    responsiblePhone: r.responsible_phone,
    note: r.note,
    askEveryone: r.ask_everyone,
    status: r.status,
    effectiveStatus: expired ? 'expired' : r.status,
    statusReason: r.status_reason,
    expiresAt: r.expires_at.toISOString(),
    path,
    url: path !== null && c.config.PUBLIC_URL ? `${c.config.PUBLIC_URL}${path}` : null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    submissions: Number(r.submissions ?? 0),
    open: Number(r.open ?? 0),
  };
}

/**
 * One code inside the actor's scope, or 404. `lock` takes the code's row lock first, by a
 * statement on reg_codes alone: Citus refuses FOR UPDATE on the join with its subqueries
 * ("could not run distributed query with FOR UPDATE/SHARE commands").
 */
async function codeInScope(c: ActorContext, id: string, lock = false) {
  if (lock) await recordInScope(c, 'reg_codes', id, { lock: true });
  const r = await selectCodes(c).where('k.id', '=', id).where(inScope(c, 'k.area_path')).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

function checkExpiry(c: ActorContext, expiresOn: string) {
  const today = shanghaiDay(c.clock.now());
  if (expiresOn < today) throw validationError([fieldProblem('expiresOn', 'expiry_past')]);
  if (expiresOn > addDays(today, MAX_DAYS)) throw validationError([fieldProblem('expiresOn', 'too_far')]);
  // Works through the last day, Asia/Shanghai.
  return shanghaiInstant(addDays(expiresOn, 1), '00:00');
}

function checkResponsiblePhone(raw: string) {
  const p = checkPhone(raw);
  if (!p.ok) throw validationError([fieldProblem('responsiblePhone', 'phone_format')]);
  return p.number;
}

function requireCampaign(c: ActorContext) {
  if (!may(c, 'selfreg.campaign')) throw new AppError('FORBIDDEN', [fieldProblem('askEveryone', 'campaign_only')]);
}

export async function create(
  ctx: Context,
  input: {
    areaId?: string | undefined;
    courtyardId?: string | undefined;
    purpose: CodePurpose;
    responsibleName: string;
    responsiblePhone: string;
    expiresOn: string;
    note?: string | undefined;
    askEveryone: boolean;
  },
): Promise<CodeDto> {
  const c = authorize(ctx, 'selfreg.manage_codes');
  if (input.askEveryone) requireCampaign(c);
  const expiresAt = checkExpiry(c, input.expiresOn);
  const phone = checkResponsiblePhone(input.responsiblePhone);
  let area: { id: string; path: string; district_id: string };
  let courtyardId: string | null = null;
  if (input.courtyardId) {
    const y = await c.db
      .selectFrom('courtyards')
      .select(['id', 'grid_id', 'retired_at'])
      .where('id', '=', input.courtyardId)
      .where(inScope(c, 'area_path'))
      .executeTakeFirst();
    if (!y || y.retired_at) throw notFound();
    area = await areaInScope(c, y.grid_id);
    courtyardId = y.id;
  } else {
    const a = await areaInScope(c, input.areaId!);
    if (a.level !== 'grid' && a.level !== 'community')
      throw new AppError('AREA_LEVEL_MISMATCH', [fieldProblem('areaId', 'code_scope')]);
    if (a.retired_at) throw new AppError('AREA_RETIRED', [fieldProblem('areaId', 'invalid')]);
    area = a;
  }
  const now = c.clock.now();
  const id = randomUUID();
  const hash = tokenHash(codeToken(c.config, id));
  const row = await c.db
    .insertInto('reg_codes')
    .values({
      id,
      district_id: area.district_id,
      area_id: area.id,
      area_path: area.path,
      courtyard_id: courtyardId,
      token_hash: hash,
      purpose: input.purpose,
      responsible_name: input.responsibleName,
      responsible_phone: phone,
      note: input.note ?? null,
      ask_everyone: input.askEveryone,
      expires_at: expiresAt,
      created_by: c.actor.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordPublicToken(c.db, 'reg_code', hash, area.district_id);
  await audit(c, {
    action: 'selfreg.code_create',
    resourceType: 'reg_code',
    resourceId: row.id,
    area: { id: area.id, path: area.path, districtId: area.district_id },
    details: { purpose: input.purpose, courtyardId, expiresOn: input.expiresOn, askEveryone: input.askEveryone },
  });
  return toDto(c, await codeInScope(c, row.id));
}

export async function list(
  ctx: Context,
  input: {
    areaId?: string | undefined;
    status?: CodeStatus | 'expired' | undefined;
    after?: string | undefined;
    limit: number;
  },
) {
  const c = authorize(ctx, 'selfreg.read');
  const scope = await scopeOrArea(c, input.areaId);
  const now = c.clock.now();
  let q = selectCodes(c).where(inScope(scope, 'k.area_path'));
  if (input.status === 'expired') q = q.where('k.status', '=', 'active').where('k.expires_at', '<=', now);
  else if (input.status === 'active') q = q.where('k.status', '=', 'active').where('k.expires_at', '>', now);
  else if (input.status) q = q.where('k.status', '=', input.status);
  const cursor = decodeCursor(input.after, 2);
  if (cursor)
    q = q.where(sql<boolean>`(k.created_at, k.id) < (${new Date(String(cursor[0]))}, ${String(cursor[1])}::uuid)`);
  const rows = await q
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const p = page(rows, input.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { items: await Promise.all(p.items.map((r) => toDto(c, r))), nextCursor: p.nextCursor };
}

export async function get(ctx: Context, id: string): Promise<CodeDto> {
  const c = authorize(ctx, 'selfreg.read');
  return toDto(c, await codeInScope(c, id));
}

export async function update(
  ctx: Context,
  id: string,
  input: {
    responsibleName?: string | undefined;
    responsiblePhone?: string | undefined;
    expiresOn?: string | undefined;
    note?: string | null | undefined;
    askEveryone?: boolean | undefined;
  },
): Promise<CodeDto> {
  const c = authorize(ctx, 'selfreg.manage_codes');
  const before = await codeInScope(c, id, true);
  if (before.status === 'revoked') throw new AppError('CONFLICT', [fieldProblem('status', 'code_revoked')]);
  if (input.askEveryone !== undefined && input.askEveryone !== before.ask_everyone) requireCampaign(c);
  const set: Record<string, unknown> = { updated_at: c.clock.now() };
  if (input.responsibleName !== undefined) set.responsible_name = input.responsibleName;
  if (input.responsiblePhone !== undefined) set.responsible_phone = checkResponsiblePhone(input.responsiblePhone);
  if (input.expiresOn !== undefined) set.expires_at = checkExpiry(c, input.expiresOn);
  if (input.note !== undefined) set.note = input.note;
  if (input.askEveryone !== undefined) set.ask_everyone = input.askEveryone;
  await c.db
    .updateTable('reg_codes')
    .set(set)
    .where('district_id', '=', before.district_id)
    .where('id', '=', id)
    .execute();
  const after = await codeInScope(c, id);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(set))
    if (k !== 'updated_at') changes[k] = [(before as Record<string, unknown>)[k] ?? null, v];
  await audit(c, {
    action: 'selfreg.code_update',
    resourceType: 'reg_code',
    resourceId: id,
    area: { id: String(before.area_id), path: before.area_path, districtId: String(before.district_id) },
    changes,
  });
  return toDto(c, after);
}

/** Pause, resume or revoke. Revoking is final: the printed posters stop working for good. */
export async function setStatus(
  ctx: Context,
  id: string,
  input: { status: CodeStatus; reason: string },
): Promise<CodeDto> {
  const c = authorize(ctx, 'selfreg.manage_codes');
  const before = await codeInScope(c, id, true);
  if (before.status === 'revoked') throw new AppError('CONFLICT', [fieldProblem('status', 'code_revoked')]);
  if (before.status === input.status) return toDto(c, before);
  await c.db
    .updateTable('reg_codes')
    .set({ status: input.status, status_reason: input.reason, updated_at: c.clock.now() })
    .where('district_id', '=', before.district_id)
    .where('id', '=', id)
    .execute();
  await audit(c, {
    action: `selfreg.code_${input.status === 'active' ? 'resume' : input.status === 'paused' ? 'pause' : 'revoke'}`,
    resourceType: 'reg_code',
    resourceId: id,
    area: { id: String(before.area_id), path: before.area_path, districtId: String(before.district_id) },
    changes: { status: [before.status, input.status] },
    details: { reason: input.reason },
  });
  return toDto(c, await codeInScope(c, id));
}

/** What the QR encodes: the full link when PUBLIC_URL is known, else the path. */
function qrText(c: Context, r: CodeRow) {
  const token = printableToken(c.config, r);
  if (token === null) throw new AppError('REG_CODE_NOT_REPRINTABLE');
  return c.config.PUBLIC_URL ? `${c.config.PUBLIC_URL}${codePath(token)}` : codePath(token);
}

export async function poster(ctx: Context, id: string) {
  const c = authorize(ctx, 'selfreg.read');
  const r = await codeInScope(c, id);
  const code = await toDto(c, r);
  const purpose = CODE_PURPOSE_LABELS[r.purpose];
  return {
    code,
    qrSvg: await QRCode.toString(qrText(c, r), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    instructions: [
      `用手机微信或浏览器扫描二维码，进行${purpose}`,
      '选择您家的楼栋、单元和房号，填写全家成员信息，约需3分钟',
      '提交后请保存“家庭码”和修改链接，信息有变化可随时补录',
      `如有疑问请联系：${r.responsible_name} ${r.responsible_phone}`,
    ],
  };
}

export async function qrPng(ctx: Context, id: string): Promise<{ png: Buffer; filename: string }> {
  const c = authorize(ctx, 'selfreg.read');
  const r = await codeInScope(c, id);
  const png = await QRCode.toBuffer(qrText(c, r), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 1024,
  });
  return { png, filename: `reg-code-${r.id.slice(0, 8)}.png` };
}
