/**
 * Personal check-in links: a grid worker hands a key person (or their household head)
 * a link, as text or QR code, and they report every day from their phone without an
 * account. Only a hash of the token is stored; a link shows masked names only and
 * works while someone it covers is under a measure and the link has neither expired
 * nor been revoked (manage.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { shanghaiDay } from '../../../../domain/clock.js';
import { MEASURE_LABELS, SYMPTOMS } from '../../../../domain/health.js';
import { MASKED } from '../../../kernel/present.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { districtOfToken, recordPublicToken } from '../../../kernel/public-tokens.js';
import { requireProfile } from '../measures/index.js';
import { checkEntry, saveCheckin } from './record.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
export const linkPath = (token: string) => `/m/checkin/${token}`;

export async function createLink(ctx: Context, personId: string, input: { scope: 'person' | 'household' }) {
  const c = authorize(ctx, 'health.record');
  const { person } = await requireProfile(c, personId);
  if (input.scope === 'household') {
    const head = await c.db
      .selectFrom('household_members')
      .select('relationship')
      .where('district_id', '=', person.districtId)
      .where('person_id', '=', person.id)
      .where('end_date', 'is', null)
      .executeTakeFirst();
    if (head?.relationship !== 'head') {
      throw validationError([fieldProblem('scope', 'not_head')]);
    }
  }
  const token = randomBytes(24).toString('base64url');
  const now = c.clock.now();
  const expiresAt = new Date(now.getTime() + c.config.HEALTH_LINK_DAYS * 86_400_000);
  const tokenHash = hashOf(token);
  const row = await c.db
    .insertInto('health_checkin_links')
    .values({
      token_hash: tokenHash,
      district_id: person.districtId,
      person_id: person.id,
      scope: input.scope,
      created_by: c.actor.id,
      created_at: now,
      expires_at: expiresAt,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await recordPublicToken(c.db, 'checkin_link', tokenHash, person.districtId);
  await audit(c, {
    action: 'health.checkin_link',
    resourceType: 'person',
    resourceId: person.id,
    area: { id: person.gridId, path: person.areaPath, districtId: person.districtId },
    details: { linkId: row.id, scope: input.scope },
  });
  const path = linkPath(token);
  // Without PUBLIC_URL the server does not know the address phones reach: the console
  // draws the code from its own origin instead, and the QR here carries the path only.
  const url = c.config.PUBLIC_URL ? `${c.config.PUBLIC_URL}${path}` : null;
  return {
    id: row.id,
    scope: input.scope,
    path,
    url,
    token,
    expiresAt: expiresAt.toISOString(),
    qrSvg: await QRCode.toString(url ?? path, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
  };
}

/**
 * The link behind a token, if it still works. The token's district comes first (one
 * lookup), then the link is read in that district. A submission locks it, so a
 * revocation committing meanwhile waits, and one committed before is seen: nothing is
 * recorded through a revoked link.
 */
async function linkOf(ctx: Context, token: string, lock = false) {
  const tokenHash = hashOf(token);
  const districtId = await districtOfToken(ctx.db, 'checkin_link', tokenHash);
  if (districtId === null) throw new AppError('CHECKIN_LINK_INVALID');
  let q = ctx.db
    .selectFrom('health_checkin_links')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('token_hash', '=', tokenHash);
  if (lock) q = q.forUpdate();
  const link = await q.executeTakeFirst();
  if (link?.revoked_at) throw new AppError('CHECKIN_LINK_REVOKED');
  if (!link || link.expires_at <= ctx.clock.now()) throw new AppError('CHECKIN_LINK_INVALID');
  return link;
}

/** Who the link reports for today: the person, or the household members under a measure. */
async function covered(
  ctx: Context,
  link: { district_id: string; person_id: string; scope: 'person' | 'household' },
  day: string,
) {
  let q = ctx.db
    .selectFrom('persons as p')
    .innerJoin('health_measures as m', (j) =>
      j
        .onRef('m.district_id', '=', 'p.district_id')
        .onRef('m.person_id', '=', 'p.id')
        .on('m.start_day', '<=', day)
        .on((eb) => eb.or([eb('m.actual_end', 'is', null), eb('m.actual_end', '>', day)])),
    )
    .leftJoin('household_members as hm', (j) =>
      j.onRef('hm.district_id', '=', 'p.district_id').onRef('hm.person_id', '=', 'p.id').on('hm.end_date', 'is', null),
    )
    .leftJoin('health_checkins as k', (j) =>
      j.onRef('k.district_id', '=', 'p.district_id').onRef('k.person_id', '=', 'p.id').on('k.day', '=', day),
    )
    .select([
      'p.id',
      'p.name',
      'hm.relationship',
      'm.measure',
      'm.planned_end',
      'k.temperature',
      'k.symptoms',
      'k.state',
    ])
    .where('p.district_id', '=', link.district_id)
    .where('p.merged_into', 'is', null);
  if (link.scope === 'person') q = q.where('p.id', '=', link.person_id);
  else {
    q = q.where('hm.household_id', '=', (eb) =>
      eb
        .selectFrom('household_members')
        .select('household_id')
        .where('district_id', '=', link.district_id)
        .where('person_id', '=', link.person_id)
        .where('end_date', 'is', null)
        .limit(1),
    );
  }
  return q
    .orderBy(sql`(hm.relationship = 'head') DESC`)
    .orderBy('p.id')
    .execute();
}

export async function view(ctx: Context, token: string) {
  const link = await linkOf(ctx, token);
  const day = shanghaiDay(ctx.clock.now());
  const people = await covered(ctx, link, day);
  if (people.length === 0) throw new AppError('CHECKIN_LINK_INVALID');
  return {
    day,
    cutOff: ctx.config.HEALTH_CHECKIN_CUTOFF,
    scope: link.scope,
    symptoms: [...SYMPTOMS],
    people: people.map((p) => ({
      personId: p.id,
      name: MASKED.value('name', p.name),
      relationship: p.relationship,
      measure: p.measure,
      measureLabel: MEASURE_LABELS[p.measure],
      plannedEnd: p.planned_end,
      self: p.id === link.person_id,
      today:
        p.state === null
          ? null
          : {
              temperature: p.temperature === null ? null : Number(p.temperature),
              symptoms: p.symptoms ?? [],
              state: p.state,
            },
    })),
  };
}

export async function submit(
  ctx: Context,
  token: string,
  input: { submissionId: string; entries: { personId: string; temperature: number | null; symptoms: string[] }[] },
) {
  const link = await linkOf(ctx, token, true);
  const now = ctx.clock.now();
  const day = shanghaiDay(now);
  const people = await covered(ctx, link, day);
  const allowed = new Set(people.map((p) => p.id));
  const problems = input.entries.flatMap((e, i) => [
    ...(allowed.has(e.personId) ? [] : [fieldProblem(`entries.${i}.personId`, 'invalid')]),
    ...checkEntry(e, `entries.${i}.`),
  ]);
  if (problems.length) throw validationError(problems);
  const saved = [];
  for (const e of input.entries) {
    const clientId = createHash('md5')
      .update(`${input.submissionId}:${e.personId}`)
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const self = e.personId === link.person_id;
    saved.push(
      await saveCheckin(ctx, {
        districtId: link.district_id,
        personId: e.personId,
        day,
        temperature: e.temperature,
        symptoms: e.symptoms,
        channel: self ? 'self' : 'household',
        reporterPerson: self ? null : link.person_id,
        clientId,
      }),
    );
  }
  await ctx.db
    .updateTable('health_checkin_links')
    .set({ last_used_at: now })
    .where('district_id', '=', link.district_id)
    .where('id', '=', link.id)
    .execute();
  const p = await ctx.db
    .selectFrom('persons')
    .select(['grid_id', 'area_path', 'district_id'])
    .where('district_id', '=', link.district_id)
    .where('id', '=', link.person_id)
    .executeTakeFirstOrThrow();
  await audit(ctx, {
    action: 'health.checkin_by_link',
    resourceType: 'checkin_link',
    resourceId: link.id,
    area: { id: p.grid_id, path: p.area_path, districtId: p.district_id },
    actorOverride: { id: null, username: null },
    details: { day, count: saved.length, symptomatic: saved.filter((s) => s.state === 'symptomatic').length },
  });
  return { day, saved: saved.map((s) => ({ personId: s.personId, state: s.state, amended: s.amended })) };
}
