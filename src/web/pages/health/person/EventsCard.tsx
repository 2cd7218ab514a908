/** Every recorded decision on the person, newest first, with who made it and why. */
import { Card, Empty, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineDto } from '../types.js';
import { formatTime } from '../../../lib/format.js';
import { categoryLabel, healthEventLabel, measureLabel, statusLabel, testResultLabel } from '../labels.js';

type Event = TimelineDto['events'][number];
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** One line saying what the event changed. */
function summary(t: TFunction, e: Event): string {
  const d = e.details;
  switch (e.kind) {
    case 'status':
      return `${statusLabel(t, str(d.from))} → ${statusLabel(t, str(d.to))}`;
    case 'category_added':
    case 'category_ended':
      return categoryLabel(t, str(d.key));
    case 'measure_started':
      return t('health.event.started', {
        measure: measureLabel(t, str(d.measure)),
        start: str(d.start),
        end: str(d.plannedEnd) || t('health.endByTests'),
      });
    case 'measure_extended':
      return t('health.event.extended', { from: str(d.from) || '—', to: str(d.to) });
    case 'measure_changed':
      return `${measureLabel(t, str(obj(d.from).measure))} → ${measureLabel(t, str(obj(d.to).measure))}`;
    case 'measure_released':
      return measureLabel(t, str(d.measure));
    case 'test':
      return [testResultLabel(t, str(d.result)), str(d.lab)].filter(Boolean).join(' · ');
    default:
      return '';
  }
}

const COLORS: Record<string, string> = {
  measure_started: 'blue',
  measure_released: 'green',
  measure_changed: 'orange',
  measure_extended: 'orange',
  status: 'red',
};

export function EventsCard({ events }: { events: Event[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('health.events')} data-testid="health-events">
      {events.length === 0 ? (
        <Empty />
      ) : (
        <Timeline
          items={events.map((e, i) => ({
            key: `${e.at}:${i}`,
            color: COLORS[e.kind] ?? 'gray',
            content: (
              <div data-kind={e.kind}>
                <Typography.Text strong>{healthEventLabel(t, e.kind)}</Typography.Text>{' '}
                <Typography.Text>{summary(t, e)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(e.at)}
                    {e.actor ? ` · ${e.actor}` : ''}
                  </Typography.Text>
                </div>
                {e.reason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('health.reason.label')}：{e.reason}
                  </Typography.Text>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
