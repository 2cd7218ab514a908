import { describe, expect, it } from 'vitest';
import { CATEGORIES_2020 } from './health.js';
import { checkCharacter } from './id-number.js';
import {
  asksHealth,
  checkFamilyForm,
  CRITERIA_2020,
  diffForms,
  exposures,
  type FamilyForm,
  isStrongSecret,
  minimiseForm,
} from './self-registration.js';

const categories = CATEGORIES_2020.filter((c) => c.from <= '2020-02-20').map((c) => ({
  key: c.key,
  label: c.label,
  criteria: CRITERIA_2020[c.key] ?? null,
}));
const member = (key: string, over: Partial<FamilyForm['members'][number]> = {}): FamilyForm['members'][number] => ({
  key,
  name: '张三',
  docType: 'resident_id',
  docNumber: '11010519491231002X',
  phone: '13912345678',
  relationship: 'head',
  localHukou: true,
  ...over,
});
const form = (over: Partial<FamilyForm> = {}): FamilyForm => ({
  dwellingId: 'd',
  livingType: 'owned',
  members: [member('a')],
  trips: [],
  contacts: [],
  ...over,
});
const check = (f: FamilyForm, askEveryone = false) =>
  checkFamilyForm(f, { day: '2020-02-20', categories, askEveryone, dwellingListed: true });

describe("exposure categories from a family's answers", () => {
  it('puts a local back from 武汉 in the local and key-area categories, a non-local in 来自武汉, within 14 days only', () => {
    const f = form({
      members: [
        member('a'),
        member('b', { localHukou: false, relationship: 'spouse' }),
        member('c', { relationship: 'child' }),
      ],
      trips: [
        { place: '武汉', returnDate: '2020-02-10', transport: 'train', members: ['a', 'b'] },
        { place: '广东', returnDate: '2020-02-05', transport: 'plane', members: ['c'] },
      ],
    });
    expect(exposures(f, categories, '2020-02-20').map((e) => e.categories)).toEqual([
      ['local_visited_hubei', 'from_key_areas'],
      ['from_wuhan', 'from_key_areas'],
      [],
    ]);
    // Before 2020-02-15 the key areas were not a category.
    const early = CATEGORIES_2020.filter((c) => c.from <= '2020-02-12').map((c) => ({
      key: c.key,
      label: c.label,
      criteria: CRITERIA_2020[c.key] ?? null,
    }));
    expect(exposures(f, early, '2020-02-12')[0]!.categories).toEqual(['local_visited_hubei']);
  });

  it('counts a close contact from the last contact, and asks health only of those in a category', () => {
    const f = form({
      members: [member('a'), member('b', { relationship: 'spouse' })],
      contacts: [
        { member: 'b', lastContact: '2020-02-18' },
        { member: 'b', lastContact: '2020-02-12' },
      ],
    });
    const e = exposures(f, categories, '2020-02-20');
    expect(e[1]).toEqual({ key: 'b', categories: ['close_contact'], lastContact: '2020-02-18' });
    expect(asksHealth(e[0], false)).toBe(false);
    expect(asksHealth(e[1], false)).toBe(true);
    expect(asksHealth(e[0], true)).toBe(true);
  });
});

describe('the family form check', () => {
  it('accepts a sound form', () => {
    expect(check(form())).toEqual([]);
  });

  it('names each problem by its field', () => {
    const f = form({
      members: [
        member('a', { relationship: 'spouse', phone: '' }),
        member('b', { name: 'x', docNumber: '110105194912310021', phone: '1234' }),
        member('c', { relationship: 'child', docNumber: '11010519491231002x' }),
      ],
      trips: [{ place: '火星', returnDate: '2020-02-21', transport: 'car', members: ['z'] }],
    });
    expect(check(f).map((p) => `${p.field}:${p.reason}`)).toEqual([
      'members.0.relationship:one_head',
      'members.0.phone:required',
      'members.1.name:name',
      'members.1.docNumber:checksum',
      'members.1.phone:phone_format',
      'members.2.docNumber:duplicate_document',
      'trips.0.place:unknown_place',
      'trips.0.returnDate:return_after_today',
      'trips.0.members:unknown_member',
    ]);
  });

  it('checks names with the shared name rules: invisible characters refused, spaces tidied as kept', () => {
    const names = ['\u200B', '张\u202E三', '张三\uFEFF', '\u3000\u3000', '阿不都·热合曼', '\u3000李\u3000四\u3000'];
    const f = form({ members: names.map((name, i) => member(`m${i}`, { name, relationship: i ? 'child' : 'head' })) });
    expect(check(f).filter((p) => p.field.endsWith('.name'))).toEqual([
      { field: 'members.0.name', reason: 'invisible_character' },
      { field: 'members.1.name', reason: 'invisible_character' },
      { field: 'members.2.name', reason: 'invisible_character' },
      { field: 'members.3.name', reason: 'name_empty' },
    ]);
    const kept = minimiseForm(
      form({ members: [member('a', { name: '\u3000李\u3000四\u3000' })] }),
      '2020-02-20',
      [],
      false,
    );
    expect(kept.members[0]!.name).toBe('李 四');
  });

  it('needs a temperature in range from those asked, and an address when the dwelling is not listed', () => {
    const travelled = {
      trips: [{ place: '武汉', returnDate: '2020-02-10', transport: 'train' as const, members: ['a'] }],
    };
    expect(check(form(travelled)).map((p) => p.reason)).toEqual(['required_health']);
    expect(
      check(form({ ...travelled, members: [member('a', { health: { temperature: 44, symptoms: ['发热'] } })] })).map(
        (p) => p.reason,
      ),
    ).toEqual(['temperature_range']);
    expect(
      check(form({ members: [member('a', { health: { temperature: 36.55, symptoms: ['打喷嚏'] } })] }), true).map(
        (p) => p.reason,
      ),
    ).toEqual(['temperature_precision', 'unknown_symptom']);
    expect(check(form({ dwellingId: null, address: '东华' })).map((p) => `${p.field}:${p.reason}`)).toEqual([
      'dwellingId:address_needed',
    ]);
  });

  it('asks gender and birth date only when the document does not carry them, and checks the date', () => {
    const passport = (over: Partial<FamilyForm['members'][number]> = {}) =>
      form({ members: [member('a', { docType: 'passport', docNumber: 'E12345678', ...over })] });
    const reasons = (f: FamilyForm) => check(f).map((p) => `${p.field}:${p.reason}`);
    expect(reasons(passport())).toEqual(['members.0.gender:gender_needed', 'members.0.birthDate:birth_date_needed']);
    expect(reasons(passport({ gender: 'female', birthDate: '1990-02-30' }))).toEqual([
      'members.0.birthDate:date_not_real',
    ]);
    expect(reasons(passport({ gender: 'female', birthDate: '2020-02-21' }))).toEqual([
      'members.0.birthDate:future_day',
    ]);
    expect(reasons(passport({ gender: 'female', birthDate: '1879-12-31' }))).toEqual(['members.0.birthDate:too_early']);
    expect(reasons(passport({ gender: 'female', birthDate: '1990-02-28' }))).toEqual([]);
    // The foreign permanent-residence card carries the birth date, not the gender.
    const foreign = form({
      members: [
        member('a', {
          docType: 'foreign_permanent_id',
          docNumber: `91100519901231001${checkCharacter('91100519901231001')}`,
        }),
      ],
    });
    expect(reasons(foreign)).toEqual(['members.0.gender:gender_needed']);
    // A resident ID carries both: nothing is asked.
    expect(reasons(form({ members: [member('a', { gender: null, birthDate: null })] }))).toEqual([]);
  });
});

describe('minimising and versions', () => {
  it('drops health answers nobody was asked and tidies numbers as stored', () => {
    const f = form({
      members: [
        member('a', {
          docNumber: '11010519491231002x',
          phone: '+86 139 1234 5678',
          health: { temperature: 36.5, symptoms: [] },
        }),
      ],
    });
    const m = minimiseForm(f, '2020-02-20', categories, false).members[0]!;
    expect(m).toMatchObject({ docNumber: '11010519491231002X', phone: '13912345678', health: null });
  });

  it('keeps gender and birth date only where the document does not carry them', () => {
    const f = form({
      members: [
        member('a', { gender: 'female', birthDate: '1980-01-01' }),
        member('b', {
          relationship: 'spouse',
          docType: 'passport',
          docNumber: 'e1234567',
          gender: 'male',
          birthDate: ' 1985-06-01 ',
        }),
      ],
    });
    const [a, b] = minimiseForm(f, '2020-02-20', categories, false).members;
    expect(a).toMatchObject({ gender: null, birthDate: null });
    expect(b).toMatchObject({ docNumber: 'E1234567', gender: 'male', birthDate: '1985-06-01' });
  });

  it('takes an absent answer and an empty one as the same', () => {
    const before = form({ members: [member('a')] });
    const after = form({ members: [member('a', { gender: null, birthDate: null, hukouPlace: null })] });
    expect(diffForms(before, after)).toEqual([]);
  });

  it('diffs members by key, not position', () => {
    const before = form({ members: [member('a'), member('b', { relationship: 'child', phone: '13600001111' })] });
    const after = form({ members: [member('b', { relationship: 'child', phone: '13600002222' }), member('a')] });
    expect(diffForms(before, after)).toEqual([
      { path: 'members[b].phone', before: '13600001111', after: '13600002222' },
    ]);
    expect(diffForms(before, form({ members: [member('a')] }))).toEqual([
      { path: 'members[b]', before: before.members[1], after: null },
    ]);
  });
});

describe('edit secrets', () => {
  it('accept what the phone page makes and refuse guessable ones', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 43 characters of 6 random bits each, as base64url of 32 random bytes.
    const random = () => Array.from(crypto.getRandomValues(new Uint8Array(43)), (x) => alphabet[x % 64]).join('');
    for (let i = 0; i < 2_000; i++) expect(isStrongSecret(random())).toBe(true);
    for (const weak of ['a'.repeat(43), 'ab'.repeat(22), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq', 'short']) {
      expect(isStrongSecret(weak), weak).toBe(false);
    }
  });
});
