/** One person's check-in on the phone page: temperature (34.0–42.5 ℃, one decimal) and symptoms. */
import { Card, Checkbox, Input, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { FEVER_AT, TEMPERATURE_RANGE } from '../../../domain/health.js';
import type { Result } from '../../api/client.js';
import { relationshipLabel } from '../../i18n/labels.js';
import { measureLabel, symptomLabel } from '../health/labels.js';

export type Person = Result<'GET', '/api/public/checkin/:token'>['people'][number];

export interface Entry {
  temperature: string;
  noReading: boolean;
  symptoms: string[];
}

export const emptyEntry = (p: Person): Entry => ({
  temperature: p.today?.temperature != null ? p.today.temperature.toFixed(1) : '',
  noReading: p.today !== null && p.today.temperature === null,
  symptoms: p.today?.symptoms ?? [],
});

export type EntryProblem = 'required' | 'format' | 'range' | null;
/** What the server found wrong with a temperature the page let through. */
export type ServerProblem = 'format' | 'range';

/** What is wrong with a typed temperature, if anything (the server checks the same rules). */
export function problemOf(e: Entry): EntryProblem {
  if (e.noReading) return null;
  const text = e.temperature.trim();
  if (!text) return 'required';
  if (!/^\d{2}(\.\d)?$/.test(text)) return 'format';
  const value = Number(text);
  if (value < TEMPERATURE_RANGE.min || value > TEMPERATURE_RANGE.max) return 'range';
  return null;
}

export const temperatureOf = (e: Entry): number | null => (e.noReading ? null : Number(e.temperature.trim()));

interface Props {
  index: number;
  person: Person;
  symptoms: string[];
  entry: Entry;
  problem: EntryProblem | ServerProblem;
  onChange: (e: Entry) => void;
}

export function PersonEntry({ index, person, symptoms, entry, problem, onChange }: Props) {
  const { t } = useTranslation();
  const temp = problemOf(entry) === null && !entry.noReading ? Number(entry.temperature) : null;
  const fever = temp !== null && temp >= FEVER_AT;
  return (
    <Card
      className="ss-m-person"
      data-testid={`checkin-person-${index}`}
      data-person-id={person.personId}
      title={
        <Space align="center" wrap style={{ '--gap': '6px' }}>
          <span className="ss-m-name" data-testid={`checkin-name-${index}`}>
            {person.name ?? '—'}
          </span>
          {person.relationship && (
            <Tag color="primary" fill="outline">
              {relationshipLabel(t, person.relationship)}
            </Tag>
          )}
          {person.self && <Tag color="default">{t('checkin.self')}</Tag>}
        </Space>
      }
      extra={<span className="ss-m-measure">{measureLabel(t, person.measure)}</span>}
    >
      {person.plannedEnd && <div className="ss-m-hint">{t('checkin.until', { day: person.plannedEnd })}</div>}
      {person.today && (
        <div className="ss-m-reported" data-testid={`checkin-reported-${index}`}>
          {t('checkin.reportedToday')}
        </div>
      )}
      <div className="ss-m-label">{t('checkin.temperature')}</div>
      <div className="ss-m-temp-row">
        <div className={`ss-m-temp${problem ? ' ss-m-invalid' : ''}`} data-testid={`checkin-temp-${index}`}>
          <Input
            type="text"
            inputMode="decimal"
            placeholder="36.5"
            maxLength={4}
            value={entry.temperature}
            disabled={entry.noReading}
            onChange={(v) => onChange({ ...entry, temperature: v.replace(/[^\d.]/g, '') })}
            aria-label={t('checkin.temperature')}
            style={{ '--font-size': '22px' }}
          />
          <span className="ss-m-unit">℃</span>
        </div>
        <Checkbox
          checked={entry.noReading}
          onChange={(v) => onChange({ ...entry, noReading: v, temperature: v ? '' : entry.temperature })}
          data-testid={`checkin-noreading-${index}`}
        >
          {t('checkin.noReading')}
        </Checkbox>
      </div>
      {problem ? (
        <div className="ss-m-error" data-testid={`checkin-temp-error-${index}`}>
          {t(`checkin.problem.${problem}`, {
            min: TEMPERATURE_RANGE.min.toFixed(1),
            max: TEMPERATURE_RANGE.max.toFixed(1),
            defaultValue: problem,
          })}
        </div>
      ) : fever ? (
        <div className="ss-m-fever" data-testid={`checkin-fever-${index}`}>
          {t('checkin.fever', { at: FEVER_AT.toFixed(1) })}
        </div>
      ) : null}
      <div className="ss-m-label">{t('checkin.symptoms')}</div>
      <Checkbox.Group value={entry.symptoms} onChange={(v) => onChange({ ...entry, symptoms: v.map(String) })}>
        <div className="ss-m-symptoms">
          {symptoms.map((s) => (
            <Checkbox
              key={s}
              value={s}
              data-testid={`checkin-symptom-${index}-${s}`}
              style={{ '--icon-size': '18px', '--font-size': '15px', '--gap': '6px' }}
            >
              {symptomLabel(t, s)}
            </Checkbox>
          ))}
        </div>
      </Checkbox.Group>
    </Card>
  );
}
