/** The release checklist: what still stands between a person and release today. */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Blocker, ChecklistDto, MeasureDto } from '../types.js';
import { blockerLabel } from '../labels.js';

/** Tags: "可解除" when clear, otherwise one tag per blocker. */
export function Blockers({ checklist, compact }: { checklist: ChecklistDto; compact?: boolean }) {
  const { t } = useTranslation();
  if (checklist.blockers.length === 0) {
    return (
      <Tag color="green" data-testid="checklist-clear">
        {t('health.checklist.clear')}
      </Tag>
    );
  }
  return (
    <Space size={[4, 4]} wrap={!compact} data-testid="checklist-blockers">
      {checklist.blockers.map((b) => (
        <Tag key={b} color="red" data-blocker={b}>
          {blockerLabel(t, b)}
        </Tag>
      ))}
    </Space>
  );
}

function Line({ ok, children, testId }: { ok: boolean; children: React.ReactNode; testId: string }) {
  return (
    <li data-testid={testId} data-ok={ok}>
      {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}{' '}
      {children}
    </li>
  );
}

/** Each release condition of the measure, met or not, with the figures behind it. */
export function ChecklistDetail({ checklist, measure }: { checklist: ChecklistDto; measure: MeasureDto }) {
  const { t } = useTranslation();
  const blocked = (b: Blocker) => checklist.blockers.includes(b);
  const r = measure.release;
  return (
    <div data-testid="release-checklist">
      <ul className="ss-plain-list" style={{ display: 'grid', gap: 4 }}>
        <Line ok={!blocked('period_not_complete')} testId="checklist-period">
          {checklist.plannedEnd
            ? t('health.checklist.period', { end: checklist.plannedEnd })
            : t('health.checklist.periodByTests')}
        </Line>
        {r.symptomFreeDays > 0 && (
          <Line ok={!blocked('recent_symptoms')} testId="checklist-symptoms">
            {t('health.checklist.symptomFree', { days: r.symptomFreeDays })}
            {checklist.lastSymptomDay && (
              <Typography.Text type="secondary">
                {' '}
                {t('health.checklist.lastSymptom', { day: checklist.lastSymptomDay })}
              </Typography.Text>
            )}
          </Line>
        )}
        {r.negativeTests > 0 && (
          <Line ok={!blocked('tests_missing') && !blocked('positive_test')} testId="checklist-tests">
            {t('health.checklist.tests', { need: r.negativeTests, hours: r.hoursApart, have: checklist.negativeTests })}
          </Line>
        )}
        {blocked('positive_test') && (
          <Line ok={false} testId="checklist-positive">
            {blockerLabel(t, 'positive_test')}
          </Line>
        )}
      </ul>
    </div>
  );
}
