/**
 * Labels and tags for the health enumerations the server sends as codes (measures,
 * statuses, day states, alert kinds, release blockers, symptoms). Each falls back to
 * the raw value when the console does not know it yet.
 */
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AlertState, Blocker, DayState } from './types.js';

function lookup(t: TFunction, prefix: string, value: string | null | undefined, fallback?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  return t(`${prefix}.${value}`, { defaultValue: fallback ?? value });
}

export const measureLabel = (t: TFunction, v: string) => lookup(t, 'measure', v);
export const statusLabel = (t: TFunction, v: string) => lookup(t, 'epiStatus', v);
export const alertKindLabel = (t: TFunction, v: string) => lookup(t, 'alertKind', v);
export const blockerLabel = (t: TFunction, v: Blocker) => lookup(t, 'blocker', v);
export const symptomLabel = (t: TFunction, v: string) => lookup(t, 'symptom', v);
export const checkinChannelLabel = (t: TFunction, v: string) => lookup(t, 'checkinChannel', v);
export const healthEventLabel = (t: TFunction, v: string) => lookup(t, 'healthEvent', v);
/** Categories are data (the server sends a Chinese label): English keys for the known ones. */
export const categoryLabel = (t: TFunction, key: string, label?: string) => lookup(t, 'category', key, label);
export const testResultLabel = (t: TFunction, v: string) => lookup(t, 'testResult', v);

/** "核酸阴性 2 次（间隔 ≥24 小时）· 连续 3 天无症状", or "期满即可解除". */
export function releaseText(
  t: TFunction,
  r: { negativeTests: number; hoursApart: number; symptomFreeDays: number },
): string {
  const parts = [
    ...(r.negativeTests > 0 ? [t('health.release.tests', { tests: r.negativeTests, hours: r.hoursApart })] : []),
    ...(r.symptomFreeDays > 0 ? [t('health.release.symptomFree', { days: r.symptomFreeDays })] : []),
  ];
  return parts.length ? parts.join(' · ') : t('health.release.periodOnly');
}

const DAY_STATE_COLORS: Record<DayState, string> = {
  normal: 'green',
  symptomatic: 'red',
  not_reported: 'orange',
  to_review: 'gold',
};

/** 正常 / 有症状 / 未报告 / 待复核, or "not due yet" before the cut-off. */
export function DayStateTag({ state }: { state: string | null }) {
  const { t } = useTranslation();
  if (state === null) return <Tag data-state="pending">{t('dayState.pending')}</Tag>;
  return (
    <Tag color={DAY_STATE_COLORS[state as DayState] ?? 'default'} data-state={state}>
      {lookup(t, 'dayState', state)}
    </Tag>
  );
}

const ALERT_STATE_COLORS: Record<AlertState, string> = { new: 'red', acknowledged: 'blue', handled: 'green' };

export function AlertStateTag({ state }: { state: AlertState }) {
  const { t } = useTranslation();
  return (
    <Tag color={ALERT_STATE_COLORS[state]} data-state={state}>
      {lookup(t, 'alertState', state)}
    </Tag>
  );
}

const MEASURE_COLORS: Record<string, string> = {
  home_isolation: 'orange',
  home_medical_observation: 'gold',
  central_isolation: 'volcano',
  designated_hospital: 'red',
  health_monitoring: 'cyan',
};

export function MeasureTag({ measure }: { measure: string }) {
  const { t } = useTranslation();
  return <Tag color={MEASURE_COLORS[measure] ?? 'default'}>{measureLabel(t, measure)}</Tag>;
}

/** "36.8℃", highlighted from 37.3 (fever). */
export function Temperature({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <span>{t('health.noTemperature')}</span>;
  return <span style={value >= 37.3 ? { color: '#cf1322', fontWeight: 600 } : undefined}>{value.toFixed(1)}℃</span>;
}
