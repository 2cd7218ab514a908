import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/permissions.js';
import type { ActorContext } from './context.js';
import { MASKED, presenter } from './present.js';

const GRID = '/1/30/300/3000/';
const as = (role: Role, areaPath = GRID) => presenter({ actor: { role, areaPath } } as unknown as ActorContext);
const home = { courtyard: '三盛都会城', building: '3栋', unit: '2单元', room: '1201' };

describe('the presenter', () => {
  it('shows, masks or hides a value by role; hidden is null', () => {
    expect(as('grid_worker').value('phone', '13800138000')).toBe('13800138000');
    expect(as('street_staff').value('name', '张晓明')).toBe('张*明');
    expect(as('grid_worker').value('idNumber', '510112199001011230')).toBe('5101**********1230');
    expect(as('enterprise').value('name', '张晓明')).toBeNull();
    expect(as('street_staff').value('name', undefined)).toBeNull();
    expect(as('community_staff').masked).toEqual(['idNumber', 'phone']);
  });

  it("shows a full address only in the grid worker's own grid", () => {
    expect(as('grid_worker').address(home, GRID)).toEqual({ text: '三盛都会城 3栋 2单元 1201', masked: false });
    expect(as('grid_worker').address(home, '/1/30/300/3001/')).toEqual({ text: '三盛都会城 3栋 **', masked: true });
    expect(as('community_staff', '/1/30/300/').address(home, GRID).masked).toBe(true);
    expect(as('checkpoint_officer').address(home, GRID)).toEqual({ text: null, masked: true });
    expect(as('grid_worker').writtenAddress('成都市龙泉驿区柏合街道东华村5组', GRID)).toBe(
      '成都市龙泉驿区柏合街道东华村5组',
    );
    expect(as('street_staff', '/1/30/').writtenAddress('成都市龙泉驿区柏合街道东华村5组', GRID)).toBe('成都市龙泉驿**');
  });

  it('presents personal keys at any depth of a record or form, and nothing else', () => {
    const form = { members: [{ name: '张晓明', docNumber: '510112199001011230', relationship: 'head' }], note: 'x' };
    expect(as('street_staff').deep(form)).toEqual({
      members: [{ name: '张*明', docNumber: '5101**********1230', relationship: 'head' }],
      note: 'x',
    });
    expect(as('street_staff').deep('13800138000', 'members.0.phone')).toBe('138****8000');
    expect(as('enterprise').deep({ doc_number: '510112199001011230', tags: ['a'] })).toEqual({
      doc_number: null,
      tags: ['a'],
    });
  });

  it('masks everything for nobody in particular (exports, public pages)', () => {
    expect(MASKED.value('phone', '13800138000')).toBe('138****8000');
    expect(MASKED.address(home, GRID).masked).toBe(true);
  });
});
