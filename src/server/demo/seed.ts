/**
 * Demo data for `npm start`: the district tree, one account per role, the registry
 * (courtyards, dwellings, households, a few thousand persons) and its key persons.
 * Runs once, on a database without areas; production mode never calls it.
 */
import { statisticalCode, AREA_LEVELS } from '../../domain/areas.js';
import type { Clock } from '../../domain/clock.js';
import type { Role } from '../../domain/permissions.js';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import { seedDistrictDefaults } from '../db/district-defaults.js';
import { notifyAreasChanged } from '../kernel/area-directory.js';
import { hashPassword } from '../kernel/passwords.js';
import { DEMO_DISTRICT, DEMO_VINTAGE, type DemoArea } from './areas.js';
import { seedHealthDemo } from './health.js';
import { seedSelfRegistrationDemo } from './self-registration.js';
import { seedRegistry } from './registry.js';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; areaCode: string }[] = [
  { username: 'demo-admin', displayName: '系统管理员（演示）', role: 'system_admin', areaCode: '510112' },
  { username: 'demo-commander', displayName: '区指挥长（演示）', role: 'district_commander', areaCode: '510112' },
  { username: 'demo-district', displayName: '区指挥部工作人员（演示）', role: 'district_staff', areaCode: '510112' },
  { username: 'demo-street', displayName: '柏合街道工作人员（演示）', role: 'street_staff', areaCode: '510112005' },
  {
    username: 'demo-community',
    displayName: '东华村工作人员（演示）',
    role: 'community_staff',
    areaCode: '510112005201',
  },
  { username: 'demo-grid', displayName: '三盛都会城网格员（演示）', role: 'grid_worker', areaCode: '510112005201001' },
  {
    username: 'demo-checkpoint',
    displayName: '洛带镇卡口值守（演示）',
    role: 'checkpoint_officer',
    areaCode: '510112101',
  },
  {
    username: 'demo-doctor',
    displayName: '东华村卫生室医生（演示）',
    role: 'medical_officer',
    areaCode: '510112005201',
  },
  { username: 'demo-medical', displayName: '区疾控医务人员（演示）', role: 'medical_officer', areaCode: '510112' },
  {
    username: 'demo-commissioner',
    displayName: '企业服务专员（演示）',
    role: 'service_commissioner',
    areaCode: '510112',
  },
  { username: 'demo-enterprise', displayName: '企业账号（演示）', role: 'enterprise', areaCode: '510112005' },
];

export async function hasAreas(db: Database): Promise<boolean> {
  return (await db.selectFrom('areas').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function hasRegistry(db: Database): Promise<boolean> {
  return (await db.selectFrom('persons').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * With the registry come the key persons of the last 30 days (days of `clock`, the
 * platform's clock) and the last week's self-registered families; without it (tests, `npm run demo` before its COPY load) neither.
 */
export async function seedDemo(
  db: Database,
  password: string,
  opts: { registry?: boolean; persons?: number; clock?: Clock; config?: Config } = {},
) {
  const seeded = await seedAreasAndAccounts(db, password);
  const registry = opts.registry === false ? null : await seedRegistry(db, { persons: opts.persons });
  const health = registry ? await seedHealthDemo(db, { clock: opts.clock, config: opts.config }) : null;
  const selfRegistration = registry
    ? await seedSelfRegistrationDemo(db, { clock: opts.clock, config: opts.config })
    : null;
  return { ...seeded, registry, health, selfRegistration };
}

async function seedAreasAndAccounts(db: Database, password: string): Promise<{ areas: number; accounts: number }> {
  const hash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    const ids = new Map<string, string>();
    let count = 0;
    const insert = async (a: DemoArea, depth: number, parentId: string | null) => {
      const level = AREA_LEVELS[depth]!;
      const row = await tx
        .insertInto('areas')
        .values({
          parent_id: parentId,
          level,
          code: a.code,
          stat_code: statisticalCode(level, a.code),
          vintage: DEMO_VINTAGE,
          name: a.name,
          demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(a.code, row.id);
      count++;
      for (const child of a.children ?? []) await insert(child, depth + 1, row.id);
      if (depth === 0) await notifyAreasChanged(tx);
    };
    await insert(DEMO_DISTRICT, 0, null);
    await seedDistrictDefaults(tx, ids.get(DEMO_DISTRICT.code)!);
    await tx
      .insertInto('users')
      .values(
        DEMO_ACCOUNTS.map((u) => ({
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          area_id: ids.get(u.areaCode)!,
          password_hash: hash,
        })),
      )
      .execute();
    await tx
      .insertInto('audit_log')
      .values({
        at: new Date(),
        action: 'demo.seed',
        details: JSON.stringify({ areas: count, accounts: DEMO_ACCOUNTS.length }),
        district_id: ids.get('510112')!,
        area_id: ids.get('510112')!,
        area_path: `/${ids.get('510112')}/`,
      })
      .execute();
    return { areas: count, accounts: DEMO_ACCOUNTS.length };
  });
}
