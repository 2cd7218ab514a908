/** The phone page's own rules: what it sends for what the resident typed, and the courtyard search. */
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../domain/id-number.js';
import type { CodeView } from './api.js';
import { emptyForm, matchingCourtyards, newMember, problemsOf, toFamilyForm } from './model.js';

const courtyards = ['东华小区', '东华村三组', '桃园小区', '柏合镇政府宿舍'].map((name, i) => ({
  id: `c${i}`,
  name,
  kind: 'residential',
}));
const code: CodeView = {
  purpose: 'resident',
  place: { name: '东华村', level: 'community' },
  responsible: { name: '李网格', phone: '13800138000' },
  expiresAt: '2020-03-31T16:00:00Z',
  today: '2020-02-20',
  askEveryone: false,
  courtyards,
  categories: [],
  places: [],
  symptoms: [],
};

describe('courtyard search', () => {
  it('keeps the courtyards whose name contains every word typed, and the one already chosen', () => {
    expect(matchingCourtyards(courtyards, '', null)).toHaveLength(4);
    expect(matchingCourtyards(courtyards, ' 东华 ', null).map((c) => c.name)).toEqual(['东华小区', '东华村三组']);
    expect(matchingCourtyards(courtyards, '东华 小区', null).map((c) => c.name)).toEqual(['东华小区']);
    expect(matchingCourtyards(courtyards, '桃园', 'c3').map((c) => c.name)).toEqual(['桃园小区', '柏合镇政府宿舍']);
    expect(matchingCourtyards(courtyards, '火星', null)).toEqual([]);
  });
});

describe('gender and birth date', () => {
  const draft = () => {
    const d = {
      ...emptyForm(code),
      courtyardId: 'c0',
      dwellingId: '8f7e0c1a-6a4e-4c52-9d8e-4f6f1c2b3a4d',
      livingType: 'owned' as const,
      travelled: false,
      contacted: false,
    };
    const head = {
      ...newMember('head'),
      name: '韩正',
      docNumber: `11010519491231002${checkCharacter('11010519491231002')}`,
      phone: '13912345678',
      gender: 'female' as const,
      birthDate: '2001-01-01',
    };
    const spouse = { ...newMember('spouse'), name: 'Anna Müller', docType: 'passport' as const, docNumber: 'C1234567' };
    return { ...d, members: [head, spouse] };
  };

  it('are sent only for a document that does not carry them', () => {
    const d = draft();
    d.members[1] = { ...d.members[1]!, gender: 'female', birthDate: '1988-04-09' };
    const [head, spouse] = toFamilyForm(d, code).members;
    expect(head).not.toHaveProperty('gender');
    expect(head).not.toHaveProperty('birthDate');
    expect(spouse).toMatchObject({ gender: 'female', birthDate: '1988-04-09' });
  });

  it('are asked of a passport holder on the members step', () => {
    const problems = problemsOf(draft(), code).map((p) => `${p.field}:${p.reason}`);
    expect(problems).toEqual(['members.1.gender:gender_needed', 'members.1.birthDate:birth_date_needed']);
  });
});
