import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhone,
  MASKING_POLICY,
  MAY_REVEAL,
  MASKS,
  visibility,
  addressVisibility,
  isOwnGrid,
} from './masking.js';
import { ROLES } from './permissions.js';
import { checkPhone } from './phone.js';

describe('phone numbers', () => {
  it('normalises spaces, dashes, +86 and full-width digits', () => {
    expect(checkPhone('+86 138-0013-8000')).toEqual({ ok: true, number: '13800138000', kind: 'mobile' });
    expect(checkPhone('0086 13800138000')).toMatchObject({ number: '13800138000' });
    expect(checkPhone('8613800138000')).toMatchObject({ number: '13800138000' });
    expect(checkPhone('１３８００１３８０００')).toMatchObject({ ok: true, number: '13800138000' });
  });

  it('accepts 16x and 19x mobiles and refuses 12x', () => {
    expect(checkPhone('16612345678')).toMatchObject({ ok: true });
    expect(checkPhone('19912345678')).toMatchObject({ ok: true });
    expect(checkPhone('12345678901')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkPhone('1380013800')).toMatchObject({ ok: false, problem: 'format' });
  });

  it('accepts landlines with their area code', () => {
    expect(checkPhone('028-84851234')).toEqual({ ok: true, number: '028-84851234', kind: 'landline' });
    expect(checkPhone('(028) 8485 1234')).toMatchObject({ number: '028-84851234' });
    expect(checkPhone('0832-2345678')).toMatchObject({ number: '0832-2345678' });
    expect(checkPhone('010 62345678')).toMatchObject({ number: '010-62345678' });
  });

  it('keeps a leading zero: stored as text, never a number', () => {
    expect(typeof checkPhone('028-84851234').number).toBe('string');
  });
});

describe('masking', () => {
  it('masks as GB/T 35273 examples show', () => {
    expect(maskIdNumber('510112199001011230')).toBe('5101**********1230');
    expect(maskPhone('13856785678')).toBe('138****5678');
    expect(maskPhone('028-84851234')).toBe('028-****1234');
    expect(maskName('张晓明')).toBe('张*明');
    expect(maskName('张明')).toBe('张*');
    expect(maskName('欧阳明锋')).toBe('欧**锋');
    expect(maskName('买买提·艾力')).toBe('买**·*力');
    expect(maskAddress({ courtyard: '三盛都会城', building: '3栋', unit: '2单元', room: '1201' })).toBe(
      '三盛都会城 3栋 **',
    );
  });

  it('has a rule for every role and field, and hides everything from enterprise accounts', () => {
    for (const r of ROLES)
      expect(Object.keys(MASKING_POLICY[r]).sort()).toEqual(['address', 'birthDate', 'idNumber', 'name', 'phone']);
    expect(visibility('enterprise', 'name')).toBe('hidden');
    expect(MASKS.name('张晓明')).toBe('张*明');
  });

  it("shows a full address only inside the viewer's own grid", () => {
    expect(addressVisibility('grid_worker', true)).toBe('full');
    expect(addressVisibility('grid_worker', false)).toBe('masked');
    expect(addressVisibility('community_staff', true)).toBe('masked');
    expect(addressVisibility('checkpoint_officer', true)).toBe('hidden');
    expect(isOwnGrid('/1/30/300/3000/', '/1/30/300/3000/')).toBe(true);
    expect(isOwnGrid('/1/30/300/', '/1/30/300/3000/')).toBe(false);
  });

  it('only lets a role reveal a field that it sees masked', () => {
    for (const r of ROLES) for (const f of MAY_REVEAL[r]) expect(MASKING_POLICY[r][f]).toBe('masked');
  });
});
