import { describe, expect, it } from 'vitest';
import {
  CATEGORIES_2020,
  categoriesInForce,
  checkTemperature,
  dayState,
  placement,
  releaseBlockers,
  type Rule,
  RULES_2020,
} from './health.js';

describe('categories with effective dates', () => {
  it('knows 重点疫区抵蓉人员 from 2020-02-15 and 境外入蓉 from 2020-03-27', () => {
    expect(categoriesInForce(CATEGORIES_2020, '2020-02-14').map((c) => c.key)).not.toContain('from_key_areas');
    expect(categoriesInForce(CATEGORIES_2020, '2020-02-15').map((c) => c.key)).toContain('from_key_areas');
    expect(categoriesInForce(CATEGORIES_2020, '2020-03-26').map((c) => c.key)).not.toContain('from_abroad');
    expect(categoriesInForce(CATEGORIES_2020, '2020-03-27').map((c) => c.key)).toContain('from_abroad');
  });
});

describe('placing a person under a measure', () => {
  it('plans 14 days of home isolation for a returnee from Wuhan', () => {
    expect(placement(RULES_2020, { day: '2020-01-28', categories: ['from_wuhan'], status: 'none' })).toMatchObject({
      measure: 'home_isolation',
      start: '2020-01-28',
      plannedEnd: '2020-02-11',
    });
  });

  it('counts a close contact’s period from the last contact', () => {
    const p = placement(RULES_2020, {
      day: '2020-02-05',
      categories: ['close_contact'],
      status: 'close_contact',
      lastContact: '2020-02-01',
    });
    expect(p).toMatchObject({ measure: 'central_isolation', plannedEnd: '2020-02-15', release: { negativeTests: 2 } });
  });

  it('takes the strictest measure and the longest period when several categories apply', () => {
    const p = placement(RULES_2020, {
      day: '2020-02-05',
      categories: ['local_visited_hubei', 'close_contact'],
      status: 'none',
      lastContact: '2020-02-04',
    });
    expect(p).toMatchObject({ measure: 'central_isolation', plannedEnd: '2020-02-19' });
    expect(p!.basis.map((r) => r.appliesTo).sort()).toEqual(['close_contact', 'local_visited_hubei']);
  });

  it('uses the rules in force on the placement day; a later change does not rewrite it', () => {
    const changed: Rule[] = [...RULES_2020, { ...RULES_2020[0]!, days: 21, effectiveFrom: '2020-02-10' }];
    expect(placement(changed, { day: '2020-02-09', categories: ['from_wuhan'], status: 'none' })!.plannedEnd).toBe(
      '2020-02-23',
    );
    expect(placement(changed, { day: '2020-02-10', categories: ['from_wuhan'], status: 'none' })!.plannedEnd).toBe(
      '2020-03-02',
    );
    // A category not yet in force does not apply.
    expect(placement(RULES_2020, { day: '2020-03-01', categories: ['from_abroad'], status: 'none' })).toBeNull();
  });

  it('leaves a suspected case’s end to the tests, and sends a confirmed case to hospital', () => {
    expect(placement(RULES_2020, { day: '2020-02-05', categories: [], status: 'suspected' })).toMatchObject({
      measure: 'central_isolation',
      plannedEnd: null,
      release: { negativeTests: 2, hoursApart: 24 },
    });
    expect(placement(RULES_2020, { day: '2020-02-05', categories: ['from_wuhan'], status: 'confirmed' })).toMatchObject(
      { measure: 'designated_hospital', plannedEnd: '2020-02-19' },
    );
  });
});

describe('daily check-ins', () => {
  it('takes 34.0–42.5 °C to one decimal and refuses 3.0, 44.0 and 368', () => {
    expect([36.5, 34.0, 42.5, 37.3].map(checkTemperature)).toEqual([null, null, null, null]);
    expect([3.0, 44.0, 368, 33.9].map(checkTemperature)).toEqual([
      'out_of_range',
      'out_of_range',
      'out_of_range',
      'out_of_range',
    ]);
    expect(checkTemperature(36.55)).toBe('too_precise');
    expect(checkTemperature(Number.NaN)).toBe('not_a_number');
  });

  it('derives 正常, 有症状, 待复核 and 未报告 (after the cut-off only)', () => {
    expect(dayState({ temperature: 36.6, symptoms: [] }, '09:00', '14:00', false)).toBe('normal');
    expect(dayState({ temperature: 37.3, symptoms: [] }, '09:00', '14:00', false)).toBe('symptomatic');
    expect(dayState({ temperature: 36.6, symptoms: ['干咳'] }, '09:00', '14:00', false)).toBe('symptomatic');
    expect(dayState({ temperature: null, symptoms: [] }, '09:00', '14:00', false)).toBe('to_review');
    expect(dayState(null, '13:59', '14:00', false)).toBeNull();
    expect(dayState(null, '14:00', '14:00', false)).toBe('not_reported');
    expect(dayState(null, '08:00', '14:00', true)).toBe('not_reported');
  });
});

describe('release checklist', () => {
  const p = placement(RULES_2020, {
    day: '2020-02-01',
    categories: ['close_contact'],
    status: 'none',
    lastContact: '2020-02-01',
  })!;

  it('blocks release until the period ends, symptoms have gone and two negatives ≥ 24 h apart exist', () => {
    expect(releaseBlockers(p, '2020-02-10', null, [])).toEqual(['period_not_complete', 'tests_missing']);
    const close = [
      { sampledAt: '2020-02-13T01:00:00Z', result: 'negative' as const },
      { sampledAt: '2020-02-13T20:00:00Z', result: 'negative' as const },
    ];
    expect(releaseBlockers(p, '2020-02-15', null, close)).toEqual(['tests_missing']);
    const apart = [...close, { sampledAt: '2020-02-14T21:00:00Z', result: 'negative' as const }];
    expect(releaseBlockers(p, '2020-02-15', null, apart)).toEqual([]);
    expect(releaseBlockers(p, '2020-02-15', '2020-02-13', apart)).toEqual(['recent_symptoms']);
    expect(
      releaseBlockers(p, '2020-02-15', null, [...apart, { sampledAt: '2020-02-15T01:00:00Z', result: 'positive' }]),
    ).toEqual(['positive_test']);
  });
});
