/**
 * Key-population health management (BRIEF §4): three separate axes per person —
 * epidemiological status, exposure categories, management measure — and the rule
 * table, versioned by effective date, that turns categories and statuses into a
 * measure and its planned end. Pure rules, no I/O; days are Asia/Shanghai days
 * written YYYY-MM-DD.
 */
import { addDays } from './clock.js';

export const STATUSES = [
  'none',
  'close_contact',
  'secondary_contact',
  'suspected',
  'confirmed',
  'asymptomatic',
  'recovered',
  'released',
] as const;
export type EpiStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<EpiStatus, string> = {
  none: '无',
  close_contact: '密切接触者',
  secondary_contact: '次密接',
  suspected: '疑似',
  confirmed: '确诊',
  asymptomatic: '无症状感染者',
  recovered: '治愈出院',
  released: '解除',
};

export const MEASURES = [
  'home_isolation',
  'home_medical_observation',
  'central_isolation',
  'designated_hospital',
  'health_monitoring',
] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = {
  home_isolation: '居家隔离观察',
  home_medical_observation: '居家医学观察',
  central_isolation: '集中隔离医学观察',
  designated_hospital: '定点医院',
  health_monitoring: '健康监测',
};

/** Strictness: a stricter measure wins when several rules apply. */
const STRICTNESS: Record<Measure, number> = {
  health_monitoring: 1,
  home_medical_observation: 2,
  home_isolation: 3,
  central_isolation: 4,
  designated_hospital: 5,
};

export interface Category {
  key: string;
  label: string;
  /** In force from this day (inclusive); null until changed. */
  from: string;
  until: string | null;
}

/** The 2020 Chengdu list (BRIEF §4). */
export const CATEGORIES_2020: Category[] = [
  { key: 'from_wuhan', label: '来自武汉', from: '2020-01-23', until: null },
  { key: 'from_hubei', label: '来自湖北(除武汉)', from: '2020-01-23', until: null },
  { key: 'local_visited_hubei', label: '到过武汉·湖北的本地人员', from: '2020-01-23', until: null },
  { key: 'from_key_areas', label: '重点疫区抵蓉人员', from: '2020-02-15', until: null },
  { key: 'from_abroad', label: '境外入蓉', from: '2020-03-27', until: null },
  { key: 'close_contact', label: '密接', from: '2020-01-23', until: null },
];

export function categoriesInForce(list: Category[], day: string): Category[] {
  return list.filter((c) => c.from <= day && (c.until === null || day < c.until));
}

export interface ReleaseCondition {
  /** Negative nucleic-acid tests needed, at least `hoursApart` apart. */
  negativeTests: number;
  hoursApart: number;
  /** Days without fever or symptoms before release. */
  symptomFreeDays: number;
}

export interface Rule {
  /** A category key, or `status:<EpiStatus>`. */
  appliesTo: string;
  measure: Measure;
  days: number;
  /** Count the days from the last contact instead of from the placement. */
  fromLastContact: boolean;
  release: ReleaseCondition;
  /** In force from this day (inclusive) until the next version of the same rule. */
  effectiveFrom: string;
}

const standard = (negativeTests = 0): ReleaseCondition => ({ negativeTests, hoursApart: 24, symptomFreeDays: 3 });

/** The 2020 Longquanyi defaults. */
export const RULES_2020: Rule[] = [
  {
    appliesTo: 'from_wuhan',
    measure: 'home_isolation',
    days: 14,
    fromLastContact: false,
    release: standard(),
    effectiveFrom: '2020-01-23',
  },
  {
    appliesTo: 'from_hubei',
    measure: 'home_isolation',
    days: 14,
    fromLastContact: false,
    release: standard(),
    effectiveFrom: '2020-01-23',
  },
  {
    appliesTo: 'local_visited_hubei',
    measure: 'home_medical_observation',
    days: 14,
    fromLastContact: false,
    release: standard(),
    effectiveFrom: '2020-01-23',
  },
  {
    appliesTo: 'from_key_areas',
    measure: 'home_medical_observation',
    days: 14,
    fromLastContact: false,
    release: standard(),
    effectiveFrom: '2020-02-15',
  },
  {
    appliesTo: 'from_abroad',
    measure: 'central_isolation',
    days: 14,
    fromLastContact: false,
    release: standard(2),
    effectiveFrom: '2020-03-27',
  },
  {
    appliesTo: 'close_contact',
    measure: 'central_isolation',
    days: 14,
    fromLastContact: true,
    release: standard(2),
    effectiveFrom: '2020-01-23',
  },
  {
    appliesTo: 'status:close_contact',
    measure: 'central_isolation',
    days: 14,
    fromLastContact: true,
    release: standard(2),
    effectiveFrom: '2020-01-23',
  },
  {
    appliesTo: 'status:secondary_contact',
    measure: 'home_medical_observation',
    days: 14,
    fromLastContact: true,
    release: standard(),
    effectiveFrom: '2020-01-23',
  },
  // Suspected: released after two negative tests at least 24 h apart.
  {
    appliesTo: 'status:suspected',
    measure: 'central_isolation',
    days: 0,
    fromLastContact: false,
    release: { negativeTests: 2, hoursApart: 24, symptomFreeDays: 0 },
    effectiveFrom: '2020-01-23',
  },
  {
    appliesTo: 'status:confirmed',
    measure: 'designated_hospital',
    days: 0,
    fromLastContact: false,
    release: { negativeTests: 2, hoursApart: 24, symptomFreeDays: 3 },
    effectiveFrom: '2020-01-23',
  },
  // Asymptomatic: 14 days centralised.
  {
    appliesTo: 'status:asymptomatic',
    measure: 'central_isolation',
    days: 14,
    fromLastContact: false,
    release: standard(2),
    effectiveFrom: '2020-01-23',
  },
  // Confirmed, after discharge: 14 more days of observation.
  {
    appliesTo: 'status:recovered',
    measure: 'health_monitoring',
    days: 14,
    fromLastContact: false,
    release: standard(),
    effectiveFrom: '2020-01-23',
  },
];

/** For each subject, the version of its rule in force on the day. */
export function rulesInForce(rules: Rule[], day: string): Map<string, Rule> {
  const out = new Map<string, Rule>();
  for (const r of rules) {
    if (r.effectiveFrom > day) continue;
    const current = out.get(r.appliesTo);
    if (!current || current.effectiveFrom <= r.effectiveFrom) out.set(r.appliesTo, r);
  }
  return out;
}

export interface Placement {
  measure: Measure;
  start: string;
  /** Null while release depends on tests only (suspected, confirmed). */
  plannedEnd: string | null;
  release: ReleaseCondition;
  /** The rules that decided it, as they stood on the placement day (kept with the decision). */
  basis: Rule[];
}

/**
 * The measure for a person placed on `day` with these categories and status: the
 * strictest measure and the longest period of the rules in force that day win. A
 * period counted from the last contact ends `days` after that contact.
 */
export function placement(
  rules: Rule[],
  input: { day: string; categories: string[]; status: EpiStatus; lastContact?: string | null },
): Placement | null {
  const inForce = rulesInForce(rules, input.day);
  const subjects = [
    ...input.categories,
    ...(input.status === 'none' || input.status === 'released' ? [] : [`status:${input.status}`]),
  ];
  const applied = subjects.map((s) => inForce.get(s)).filter((r): r is Rule => r !== undefined);
  if (applied.length === 0) return null;
  const measure = applied.reduce(
    (m, r) => (STRICTNESS[r.measure] > STRICTNESS[m] ? r.measure : m),
    applied[0]!.measure,
  );
  let plannedEnd: string | null = null;
  let testsOnly = false;
  for (const r of applied) {
    if (r.days === 0) {
      testsOnly = true;
      continue;
    }
    const from = r.fromLastContact && input.lastContact ? input.lastContact : input.day;
    const end = addDays(from, r.days);
    if (plannedEnd === null || end > plannedEnd) plannedEnd = end;
  }
  const release: ReleaseCondition = {
    negativeTests: Math.max(...applied.map((r) => r.release.negativeTests)),
    hoursApart: Math.max(...applied.map((r) => r.release.hoursApart)),
    symptomFreeDays: Math.max(...applied.map((r) => r.release.symptomFreeDays)),
  };
  return {
    measure,
    start: input.day,
    plannedEnd: testsOnly && plannedEnd === null ? null : plannedEnd,
    release,
    basis: applied,
  };
}

export const SYMPTOMS = [
  '发热',
  '干咳',
  '乏力',
  '肌痛',
  '寒战',
  '呼吸困难',
  '咽痛',
  '头痛',
  '腹泻',
  '鼻塞',
  '嗅觉味觉减退',
  '其他',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const FEVER_AT = 37.3;
export const TEMPERATURE_RANGE = { min: 34.0, max: 42.5 } as const;

export type TemperatureProblem = 'not_a_number' | 'out_of_range' | 'too_precise';

/** 36.8 is a temperature; 3.0, 44.0 and 368 are not (BRIEF §8: peers accepted them). */
export function checkTemperature(value: number): TemperatureProblem | null {
  if (!Number.isFinite(value)) return 'not_a_number';
  if (value < TEMPERATURE_RANGE.min || value > TEMPERATURE_RANGE.max) return 'out_of_range';
  if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-6) return 'too_precise'; // one decimal, as thermometers read
  return null;
}

export type DayState = 'normal' | 'symptomatic' | 'not_reported' | 'to_review';
export const DAY_STATE_LABELS: Record<DayState, string> = {
  normal: '正常',
  symptomatic: '有症状',
  not_reported: '未报告',
  to_review: '待复核',
};

export interface CheckIn {
  temperature: number | null;
  symptoms: string[];
  /** Entered by staff after a visit or call that could not take a reading, or flagged for a look. */
  needsReview?: boolean;
}

/**
 * A person's state for a day: 有症状 with fever or any symptom; 待复核 when the
 * check-in is incomplete or flagged; 未报告 once the day's cut-off (HH:MM, Asia/Shanghai)
 * has passed without one; otherwise 正常 (before the cut-off, a missing check-in is
 * simply not due yet: null).
 */
export function dayState(
  checkIn: CheckIn | null,
  nowTime: string,
  cutOff: string,
  dayIsPast: boolean,
): DayState | null {
  if (!checkIn) return dayIsPast || nowTime >= cutOff ? 'not_reported' : null;
  if ((checkIn.temperature !== null && checkIn.temperature >= FEVER_AT) || checkIn.symptoms.length > 0)
    return 'symptomatic';
  if (checkIn.temperature === null || checkIn.needsReview) return 'to_review';
  return 'normal';
}

export interface TestResult {
  sampledAt: string; // ISO instant
  result: 'negative' | 'positive' | 'pending';
}

export type ReleaseBlocker = 'period_not_complete' | 'recent_symptoms' | 'tests_missing' | 'positive_test';

/**
 * What still stands between a person and release on `day`: the planned period, days
 * without symptoms, and the negative tests the rule asks for (the latest ones, far
 * enough apart; any positive result blocks).
 */
export function releaseBlockers(
  p: { plannedEnd: string | null; release: ReleaseCondition },
  day: string,
  lastSymptomDay: string | null,
  tests: TestResult[],
): ReleaseBlocker[] {
  const blockers: ReleaseBlocker[] = [];
  if (p.plannedEnd !== null && day < p.plannedEnd) blockers.push('period_not_complete');
  if (
    p.release.symptomFreeDays > 0 &&
    lastSymptomDay !== null &&
    addDays(lastSymptomDay, p.release.symptomFreeDays) > day
  )
    blockers.push('recent_symptoms');
  const done = tests.filter((t) => t.result !== 'pending').sort((a, b) => a.sampledAt.localeCompare(b.sampledAt));
  if (done.some((t) => t.result === 'positive')) blockers.push('positive_test');
  else if (p.release.negativeTests > 0) {
    // Count negatives greedily from the latest back, each at least hoursApart before the next.
    let count = 0;
    let next: number | null = null;
    for (const t of [...done].reverse()) {
      const at = Date.parse(t.sampledAt);
      if (next === null || next - at >= p.release.hoursApart * 3_600_000) {
        count++;
        next = at;
      }
    }
    if (count < p.release.negativeTests) blockers.push('tests_missing');
  }
  return blockers;
}
