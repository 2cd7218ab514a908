import { describe, expect, it } from 'vitest';
import { areaKind, checkAreaCode, childLevel, statisticalCode } from './areas.js';
import { ManualClock, shanghaiDay } from './clock.js';
import { checkPassword } from './password.js';
import { can, RESOURCE_ACTIONS, ROLES, ROLE_PERMISSIONS, roleFitsLevel } from './permissions.js';

describe('area codes', () => {
  it('reads 街道/镇/乡 and 社区/村 from the code ranges', () => {
    expect(areaKind('street', '510112005')).toBe('subdistrict');
    expect(areaKind('street', '510112101')).toBe('town');
    expect(areaKind('street', '510112201')).toBe('township');
    expect(areaKind('community', '510112005001')).toBe('residential');
    expect(areaKind('community', '510112005201')).toBe('village');
  });

  it('pads codes to the 12-digit statistical form; grids have none', () => {
    expect(statisticalCode('district', '510112')).toBe('510112000000');
    expect(statisticalCode('street', '510112005')).toBe('510112005000');
    expect(statisticalCode('grid', '510112005201001')).toBeNull();
  });

  it('checks length, parent prefix and sequence ranges', () => {
    expect(checkAreaCode('street', '510112005', '510112')).toEqual([]);
    expect(checkAreaCode('street', '51011200', '510112')).toEqual([{ field: 'code', reason: 'format' }]);
    expect(checkAreaCode('street', '510113005', '510112')).toEqual([{ field: 'code', reason: 'parent_prefix' }]);
    expect(checkAreaCode('street', '510112400', '510112')).toEqual([{ field: 'code', reason: 'street_range' }]);
    expect(checkAreaCode('grid', '510112005201000', '510112005201')).toEqual([{ field: 'code', reason: 'grid_range' }]);
    expect(checkAreaCode('district', '510100', null)).toEqual([{ field: 'code', reason: 'format' }]);
  });

  it('orders levels district → street → community → grid', () => {
    expect(childLevel('district')).toBe('street');
    expect(childLevel('community')).toBe('grid');
    expect(childLevel('grid')).toBeNull();
  });
});

describe('permissions', () => {
  it('denies what a role is not granted', () => {
    expect(can('grid_worker', 'area.create')).toBe(false);
    expect(can('street_staff', 'user.manage')).toBe(false);
    expect(can('system_admin', 'user.manage')).toBe(true);
    expect(can('enterprise', 'area.read')).toBe(false);
  });

  it('gives every role a permission list and a scope rule', () => {
    const known = new Set(
      Object.entries(RESOURCE_ACTIONS).flatMap(([res, actions]) => actions.map((a) => `${res}.${a}`)),
    );
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(known.has(p)).toBe(true);
    expect(ROLE_PERMISSIONS.enterprise).not.toContain('person.read');
    expect(roleFitsLevel('grid_worker', 'grid')).toBe(true);
    expect(roleFitsLevel('grid_worker', 'community')).toBe(false);
    expect(roleFitsLevel('checkpoint_officer', 'street')).toBe(true);
  });
});

describe('time', () => {
  it('takes the Asia/Shanghai calendar day', () => {
    expect(shanghaiDay(new Date('2020-01-24T15:59:59Z'))).toBe('2020-01-24');
    expect(shanghaiDay(new Date('2020-01-24T16:00:00Z'))).toBe('2020-01-25');
  });

  it('moves a manual clock', () => {
    const c = new ManualClock('2020-01-25T00:00:00Z');
    c.advance(60_000);
    expect(c.now().toISOString()).toBe('2020-01-25T00:01:00.000Z');
  });
});

describe('password policy', () => {
  it('wants ten characters with letters and digits, not the username', () => {
    expect(checkPassword('Longquan2020')).toEqual([]);
    expect(checkPassword('short1')).toEqual(['too_short']);
    expect(checkPassword('onlyletters')).toEqual(['needs_letter_and_digit']);
    expect(checkPassword('demo-grid-2020', 'demo-grid')).toEqual(['same_as_username']);
  });
});
