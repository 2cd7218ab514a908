import { describe, expect, it } from 'vitest';
import { checkCharacter, checkDocument } from './id-number.js';

const TODAY = '2020-02-10';

// Fixtures: the brief's known-good sample, and numbers whose check characters were
// computed once by hand from the GB 11643 weights and written down here (never
// generated at test time, never random).
const GOOD = '11010519491231002X';
const CHENGDU_MALE = '510112199001011230';
const CHENGDU_FEMALE = '510112198503074229';
const LEAP_DAY = '51011220000229002X';
const HONG_KONG = '810000199001010027';
const TAIWAN = '830000198510100038';
const FOREIGN = '912345198001010019';

describe('GB 11643 check character', () => {
  it('matches the known-good sample', () => {
    expect(checkCharacter(GOOD.slice(0, 17))).toBe('X');
    expect(checkCharacter(CHENGDU_MALE.slice(0, 17))).toBe('0');
  });
});

describe('resident identity numbers', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    expect(checkDocument('resident_id', GOOD, TODAY)).toEqual({
      ok: true,
      number: GOOD,
      birthDate: '1949-12-31',
      gender: 'female',
      warnings: [],
    });
    expect(checkDocument('resident_id', CHENGDU_MALE, TODAY)).toMatchObject({
      ok: true,
      birthDate: '1990-01-01',
      gender: 'male',
    });
    expect(checkDocument('resident_id', CHENGDU_FEMALE, TODAY)).toMatchObject({ ok: true, gender: 'female' });
    expect(checkDocument('resident_id', LEAP_DAY, TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('refuses a wrong check character', () => {
    expect(checkDocument('resident_id', '110105194912310021', TODAY)).toEqual({
      ok: false,
      number: '110105194912310021',
      problems: ['checksum'],
    });
    expect(checkDocument('resident_id', '510112199001011231', TODAY)).toMatchObject({
      ok: false,
      problems: ['checksum'],
    });
  });

  it('refuses impossible and future birth dates even with a right check character', () => {
    const feb30 = `51011219900230123`;
    expect(checkDocument('resident_id', feb30 + checkCharacter(feb30), TODAY)).toMatchObject({
      ok: false,
      problems: ['birth_date_invalid'],
    });
    const feb29of2019 = `51011220190229123`;
    expect(checkDocument('resident_id', feb29of2019 + checkCharacter(feb29of2019), TODAY)).toMatchObject({
      ok: false,
      problems: ['birth_date_invalid'],
    });
    const future = `51011220200211123`;
    expect(checkDocument('resident_id', future + checkCharacter(future), TODAY)).toMatchObject({
      ok: false,
      problems: ['birth_date_future'],
    });
    expect(checkDocument('resident_id', future + checkCharacter(future), '2020-02-11')).toMatchObject({ ok: true });
  });

  it('normalises lowercase x, full-width characters and spaces', () => {
    expect(checkDocument('resident_id', '11010519491231002x', TODAY)).toMatchObject({ ok: true, number: GOOD });
    expect(checkDocument('resident_id', '１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({
      ok: true,
      number: GOOD,
    });
    expect(checkDocument('resident_id', ' 110105 19491231 002X ', TODAY)).toMatchObject({ ok: true, number: GOOD });
  });

  it('accepts a 15-digit legacy number, upgraded to 18 digits with a warning', () => {
    expect(checkDocument('resident_id', '110105491231002', TODAY)).toEqual({
      ok: true,
      number: GOOD,
      birthDate: '1949-12-31',
      gender: 'female',
      warnings: ['legacy_15_digit'],
    });
  });

  it('only warns about an unknown address code', () => {
    const first17 = '00010519491231002';
    expect(checkDocument('resident_id', first17 + checkCharacter(first17), TODAY)).toMatchObject({
      ok: true,
      warnings: ['unknown_region'],
    });
  });

  it('refuses wrong lengths and characters', () => {
    expect(checkDocument('resident_id', '5101121990010112', TODAY)).toMatchObject({ ok: false, problems: ['format'] });
    expect(checkDocument('resident_id', '51011219900101123A', TODAY)).toMatchObject({
      ok: false,
      problems: ['format'],
    });
    expect(checkDocument('resident_id', '  ', TODAY)).toMatchObject({ ok: false, problems: ['empty'] });
  });

  it('tells a residence permit or foreign card number typed as a resident ID', () => {
    expect(checkDocument('resident_id', HONG_KONG, TODAY)).toMatchObject({
      ok: false,
      problems: ['hmt_number_as_resident_id'],
    });
    expect(checkDocument('resident_id', FOREIGN, TODAY)).toMatchObject({
      ok: false,
      problems: ['foreign_number_as_resident_id'],
    });
  });
});

describe('other documents', () => {
  it('checks Hong Kong, Macao and Taiwan residence permits like resident IDs', () => {
    expect(checkDocument('hmt_residence_permit', HONG_KONG, TODAY)).toMatchObject({
      ok: true,
      birthDate: '1990-01-01',
      gender: 'female',
    });
    expect(checkDocument('hmt_residence_permit', TAIWAN, TODAY)).toMatchObject({
      ok: true,
      birthDate: '1985-10-10',
      gender: 'male',
    });
    expect(checkDocument('hmt_residence_permit', CHENGDU_MALE, TODAY)).toMatchObject({
      ok: false,
      problems: ['not_hmt_number'],
    });
    expect(checkDocument('hmt_residence_permit', '810000199001010028', TODAY)).toMatchObject({
      ok: false,
      problems: ['checksum'],
    });
  });

  it('checks the 2023 foreign permanent residence card (leading 9, MOD 11-2)', () => {
    expect(checkDocument('foreign_permanent_id', FOREIGN, TODAY)).toMatchObject({
      ok: true,
      birthDate: '1980-01-01',
      gender: null,
    });
    expect(checkDocument('foreign_permanent_id', '912345198001010018', TODAY)).toMatchObject({
      ok: false,
      problems: ['checksum'],
    });
    expect(checkDocument('foreign_permanent_id', GOOD, TODAY)).toMatchObject({
      ok: false,
      problems: ['not_foreign_number'],
    });
  });

  it('accepts passports and other documents by shape only', () => {
    expect(checkDocument('passport', 'e 1234５６７８', TODAY)).toMatchObject({ ok: true, number: 'E12345678' });
    expect(checkDocument('passport', '护照', TODAY)).toMatchObject({ ok: false, problems: ['format'] });
  });
});
