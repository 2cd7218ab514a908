/**
 * Demo QR self-registration (扫码登记): a code for every demo community and one for the
 * showcase grid, and families who registered themselves over the last week through
 * the same services the endpoints call — some from 武汉 with a temperature, some who
 * wrote an address that is not listed, some already in the registry with another
 * phone. The older ones are reviewed (most accepted, a few rejected), so the queue,
 * the registry and the command-center figures hold what the platform would have.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { addDays, type Clock, ManualClock, shanghaiDay, shanghaiInstant, systemClock } from '../../domain/clock.js';
import type { Config } from '../config.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/connection.js';
import { loadActor } from '../kernel/actors.js';
import type { Actor, Context } from '../kernel/context.js';
import { AreaDirectory } from '../kernel/area-directory.js';
import { recordPublicToken } from '../kernel/public-tokens.js';
import { codeToken, tokenHash } from '../modules/self-registration/codes/index.js';
import { accept, reject } from '../modules/self-registration/review/index.js';
import { submit } from '../modules/self-registration/intake/index.js';
import { birthDate, givenName, HOME, idNumber, mobile, pick, type Rand, seeded, surname } from './people.js';
import { SHOWCASE_GRID } from './health.js';

const FAMILIES = 36;
const DAYS = 7;

export interface SelfRegistrationDemo {
  codes: number;
  submissions: number;
  accepted: number;
  rejected: number;
}

export async function seedSelfRegistrationDemo(
  db: Database,
  opts: { clock?: Clock; config?: Config; seed?: number } = {},
): Promise<SelfRegistrationDemo | null> {
  const now = (opts.clock ?? systemClock).now();
  const config = opts.config ?? loadConfig({}, 'demo');
  const grid = await db
    .selectFrom('areas')
    .select(['id', 'path', 'district_id', 'parent_id'])
    .where('code', '=', SHOWCASE_GRID)
    .executeTakeFirst();
  const worker = await loadActor(db, { username: 'demo-grid' });
  const staff = await loadActor(db, { username: 'demo-community' });
  if (!grid || !worker || !staff) return null;
  const dwellings = await db
    .selectFrom('dwellings')
    .select('id')
    .where('district_id', '=', grid.district_id)
    .where('area_path', '=', grid.path)
    .where('retired_at', 'is', null)
    .where('use', '=', 'residential')
    .orderBy('sort_key')
    .limit(400)
    .execute();
  if (dwellings.length === 0) return null;
  const known = await db
    .selectFrom('persons')
    .select(['name', 'doc_type', 'doc_number'])
    .where('district_id', '=', grid.district_id)
    .where('area_path', '=', grid.path)
    .where('merged_into', 'is', null)
    .orderBy('id')
    .limit(3)
    .execute();

  const r: Rand = seeded(opts.seed ?? 20200210);
  const areas = new AreaDirectory(db, pino({ level: 'silent' }));
  const clock = new ManualClock(now.toISOString());
  const context = (actor: Actor | null, tx: Database): Context => ({
    db: tx,
    root: db,
    actor,
    sessionExpired: false,
    requestId: `demo-${randomUUID()}`,
    ip: null,
    clock,
    config,
    log: pino({ level: 'silent' }),
    areas,
    afterCommit: (fn) => fn(),
  });

  // Codes: one per demo community (its staff are responsible), one for the showcase grid.
  const communities = await db
    .selectFrom('areas')
    .select(['id', 'path', 'district_id', 'name'])
    .where('level', '=', 'community')
    .where('retired_at', 'is', null)
    .where('demo', '=', true)
    .orderBy('code')
    .execute();
  const today = shanghaiDay(now);
  const made = addDays(today, -DAYS);
  // Tokens as the service makes them (derived from the id; only their hash stored), so the posters print.
  const codeRow = (
    area: { id: string; path: string; district_id: string },
    by: Actor,
    name: string,
    phone: string,
    id = randomUUID(),
  ) => ({
    id,
    district_id: area.district_id,
    area_id: area.id,
    area_path: area.path,
    token_hash: tokenHash(codeToken(config, id)),
    purpose: 'resident' as const,
    responsible_name: name,
    responsible_phone: phone,
    expires_at: shanghaiInstant(addDays(today, 30), '00:00'),
    created_by: by.id,
    created_at: shanghaiInstant(made, '09:00'),
    updated_at: shanghaiInstant(made, '09:00'),
  });
  // Each code with its token's district (public_tokens), in one transaction, as the service writes them.
  const insertCode = (row: ReturnType<typeof codeRow>) =>
    db.transaction().execute(async (tx) => {
      await tx.insertInto('reg_codes').values(row).execute();
      await recordPublicToken(tx, 'reg_code', row.token_hash, row.district_id);
    });
  for (const c of communities) await insertCode(codeRow(c, staff, `${c.name}居委会`, '028-84851234'));
  const showcaseId = randomUUID();
  await insertCode(codeRow(grid, worker, '李网格', '13800138000', showcaseId));
  const showcaseToken = codeToken(config, showcaseId);

  const taken = new Set<string>();
  let accepted = 0;
  let rejected = 0;
  const relationships = ['head', 'spouse', 'child', 'parent'] as const;
  for (let i = 0; i < FAMILIES; i++) {
    const day = addDays(today, -(DAYS - 1) + Math.floor((i * DAYS) / FAMILIES));
    clock.set(
      shanghaiInstant(
        day,
        `${String(9 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
      ).toISOString(),
    );
    const family = surname(r);
    const size = 2 + (i % 3);
    const members = Array.from({ length: size }, (_, j) => {
      const gender = j === 1 ? 'female' : pick(r, ['male', 'female'] as const);
      const birth = birthDate(r, j === 0 || j === 1 ? 1965 + (i % 20) : 2005 + (i % 12));
      const reused = i < known.length && j === 0 ? known[i]! : null;
      return {
        key: randomBytes(6).toString('base64url'),
        name: reused?.name ?? `${family}${givenName(r, gender)}`,
        docType: 'resident_id' as const,
        docNumber: reused?.doc_number ?? idNumber(r, HOME, birth, gender, taken),
        phone: j === 0 || j === 1 ? mobile(r) : null,
        relationship: relationships[Math.min(j, 3)]!,
        hukouPlace: '四川省成都市龙泉驿区',
        localHukou: true,
        health: null as { temperature: number; symptoms: string[] } | null,
      };
    });
    const fromWuhan = i % 5 === 2;
    if (fromWuhan)
      members[0]!.health = { temperature: i % 10 === 2 ? 37.6 : 36.5, symptoms: i % 10 === 2 ? ['发热', '乏力'] : [] };
    const unlisted = i % 12 === 7;
    const form = {
      dwellingId: unlisted ? null : dwellings[(i * 11) % dwellings.length]!.id,
      address: unlisted ? `东华村${3 + (i % 5)}组${10 + i}号（新建房）` : null,
      livingType: pick(r, ['owned', 'owned', 'rented'] as const),
      members,
      trips: fromWuhan
        ? [
            {
              place: '武汉',
              returnDate: addDays(day, -3),
              transport: 'train' as const,
              transportNo: `G${300 + i}`,
              members: [members[0]!.key],
            },
          ]
        : [],
      contacts: [],
    };
    const id = randomUUID();
    await db
      .transaction()
      .execute((tx) =>
        submit(context(null, tx), showcaseToken, { id, editToken: randomBytes(32).toString('base64url'), form }),
      );
    // Families of two days ago and older have been reviewed.
    if (day <= addDays(today, -2) && !unlisted && i >= known.length) {
      clock.set(shanghaiInstant(addDays(day, 1), '10:30').toISOString());
      if (i % 9 === 4) {
        await db
          .transaction()
          .execute((tx) =>
            reject(context(worker, tx), id, { version: 1, reason: '房号与实际居住不符，请核对后重新填报' }),
          );
        rejected++;
      } else {
        await db.transaction().execute((tx) => accept(context(worker, tx), id, { version: 1, members: [] }));
        accepted++;
      }
    }
  }
  await areas.close();
  return { codes: communities.length + 1, submissions: FAMILIES, accepted, rejected };
}
