import { describe, expect, it } from 'vitest';
import { FIELD_REASONS, fieldProblem } from './errors.js';

describe('field reasons', () => {
  it('come from the catalogue, with the values that make them clear', () => {
    expect(fieldProblem('rooms.1.label', 'duplicate_label', { label: '101' })).toEqual({
      field: 'rooms.1.label',
      reason: 'duplicate_label',
      messages: { 'zh-CN': '房间号“101”重复', en: 'room “101” appears twice' },
    });
    expect(fieldProblem('beds', 'below_occupancy', { placed: 3 }).messages.en).toBe(
      'cannot be below the 3 persons placed there now',
    );
  });

  it('have both languages for every reason, and placeholders alike in both', () => {
    for (const [reason, texts] of Object.entries(FIELD_REASONS)) {
      expect(texts['zh-CN'], reason).toBeTruthy();
      expect(texts.en, reason).toBeTruthy();
      const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(texts['zh-CN']), reason).toEqual(names(texts.en));
    }
  });
});
