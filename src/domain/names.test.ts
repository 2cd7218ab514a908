import { describe, expect, it } from 'vitest';
import { isNormalName, normaliseName, PERSON_NAME, PLACE_LABEL, PLACE_NAME, revealHidden } from './names.js';

const ok = (raw: string, bounds = PERSON_NAME) => normaliseName(raw, bounds);

describe('the name normaliser', () => {
  it('keeps real names as written: minority names with ·, foreign names with spaces, rare and private-use characters', () => {
    expect(ok('阿不都·热合曼')).toEqual({ ok: true, value: '阿不都·热合曼' });
    expect(ok('John Smith')).toEqual({ ok: true, value: 'John Smith' });
    expect(ok("Mary-Jane O'Neil")).toEqual({ ok: true, value: "Mary-Jane O'Neil" });
    expect(ok('𠀀𠀁')).toEqual({ ok: true, value: '𠀀𠀁' });
    expect(ok('王\uE000')).toEqual({ ok: true, value: '王\uE000' });
    expect(ok('1-101', PLACE_LABEL)).toEqual({ ok: true, value: '1-101' });
  });

  it('normalises: NFC, whitespace of every kind collapsed to one space, none at the ends', () => {
    expect(ok('Jose\u0301')).toEqual({ ok: true, value: 'José' });
    expect(ok('\u3000张三\u3000')).toEqual({ ok: true, value: '张三' });
    expect(ok(' John \u00A0\t Smith\n')).toEqual({ ok: true, value: 'John Smith' });
    expect(ok('幸福\u2028小区', PLACE_NAME)).toEqual({ ok: true, value: '幸福 小区' });
  });

  it('refuses invisible format characters, never strips them', () => {
    for (const s of [
      '\u200B',
      '张\u200B三',
      '张三\uFEFF',
      '\uFEFF张三',
      '\u202E三张',
      '张\u2066三\u2069',
      'Jo\u00ADhn',
      '\u3164',
    ])
      expect(ok(s), JSON.stringify(s)).toEqual({ ok: false, reason: 'invisible_character' });
  });

  it('refuses control characters that are not whitespace, C1 included', () => {
    expect(ok('张\u0007三')).toEqual({ ok: false, reason: 'control_character' });
    expect(ok('张\u0090三')).toEqual({ ok: false, reason: 'control_character' });
  });

  it('refuses noncharacters and lone surrogates', () => {
    for (const s of ['张\uFDD0', '张\uFFFE', '张\u{1FFFF}', '张\uD800', '\uDC00三'])
      expect(ok(s), JSON.stringify(s)).toEqual({ ok: false, reason: 'invalid_character' });
  });

  it('refuses a name with nothing visible in it', () => {
    for (const s of ['', '   ', '\u3000', '·', '\u0301', '--'])
      expect(ok(s), JSON.stringify(s)).toEqual({ ok: false, reason: 'name_empty' });
  });

  it('bounds the length in characters (code points), not UTF-16 units', () => {
    expect(ok('𠀀'.repeat(50)).ok).toBe(true);
    expect(ok('张'.repeat(51))).toEqual({ ok: false, reason: 'too_long' });
    expect(normaliseName('甲', { min: 2, max: 100 })).toEqual({ ok: false, reason: 'too_short' });
    expect(ok('x'.repeat(10_000), PLACE_NAME)).toEqual({ ok: false, reason: 'too_long' });
  });

  it('tells a stored name that is already normal, and shows hidden characters for a report', () => {
    expect(isNormalName('张三', PERSON_NAME)).toBe(true);
    expect(isNormalName(' 张三', PERSON_NAME)).toBe(false);
    expect(isNormalName('\u200B', PERSON_NAME)).toBe(false);
    expect(revealHidden('张\u200B三\u202E')).toBe('张<U+200B>三<U+202E>');
  });
});
