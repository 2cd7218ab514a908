/** First district and system admin on an empty production database. */
import { randomBytes } from 'node:crypto';
import { checkAreaCode, statisticalCode } from '../../domain/areas.js';
import { checkPassword } from '../../domain/password.js';
import type { Database } from '../db/connection.js';
import { seedDistrictDefaults } from '../db/district-defaults.js';
import { notifyAreasChanged } from '../kernel/area-directory.js';
import { hashPassword } from '../kernel/passwords.js';

export async function bootstrap(
  db: Database,
  o: { districtCode: string; districtName: string; vintage: number; adminUsername: string; adminPassword?: string },
): Promise<{ districtId: string; password: string }> {
  if (checkAreaCode('district', o.districtCode, null).length)
    throw new Error('--district-code must be a 6-digit GB/T 2260 code not ending in 00');
  const password = o.adminPassword ?? `${randomBytes(9).toString('base64url')}7a`;
  const problems = checkPassword(password, o.adminUsername);
  if (problems.length) throw new Error(`BOOTSTRAP_PASSWORD: ${problems.join(', ')}`);
  return db.transaction().execute(async (tx) => {
    const district = await tx
      .insertInto('areas')
      .values({
        parent_id: null,
        level: 'district',
        code: o.districtCode,
        stat_code: statisticalCode('district', o.districtCode),
        vintage: o.vintage,
        name: o.districtName,
      })
      .returning(['id', 'path'])
      .executeTakeFirstOrThrow();
    await seedDistrictDefaults(tx, district.id);
    await notifyAreasChanged(tx);
    const admin = await tx
      .insertInto('users')
      .values({
        username: o.adminUsername,
        display_name: '系统管理员',
        role: 'system_admin',
        area_id: district.id,
        password_hash: await hashPassword(password),
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('audit_log')
      .values({
        at: new Date(),
        action: 'system.bootstrap',
        resource_type: 'user',
        resource_id: admin.id,
        district_id: district.id,
        area_id: district.id,
        area_path: district.path,
      })
      .execute();
    return { districtId: district.id, password };
  });
}
