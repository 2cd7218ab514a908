/**
 * The measure today with its release checklist and the decisions on it (extend,
 * change, release: each needs a reason and is audited), and the earlier measures.
 */
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { toastSuccess } from '../../../api/feedback.js';
import { useCan } from '../../../auth/session.js';
import { blockerLabel, categoryLabel, MeasureTag, releaseText, statusLabel } from '../labels.js';
import type { MeasureDto, TimelineDto } from '../types.js';
import { ChecklistDetail } from './Checklist.js';
import { ChangeModal, ExtendModal } from './MeasureDecisions.js';
import { ReasonModal } from './ReasonModal.js';

/** "柏合隔离点 · 203" / "区人民医院 · 12床" / "—". */
export function placeOf(m: MeasureDto): string | null {
  if (!m.site) return null;
  if (m.room) return `${m.site.name} · ${m.room.label}`;
  if (m.bed) return `${m.site.name} · ${m.bed}`;
  return m.site.name;
}

export function MeasuresCard({ data, onChanged }: { data: TimelineDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [decision, setDecision] = useState<'extend' | 'change' | 'release' | null>(null);
  const active = data.measures.find((m) => m.actualEnd === null) ?? null;
  const past = data.measures.filter((m) => m !== active).reverse();
  const checklist = data.checklist;
  const blocked = (checklist?.blockers.length ?? 0) > 0;
  const done = () => {
    setDecision(null);
    onChanged();
  };

  const release = async (reason: string) => {
    if (!active) return;
    await api.post('/api/measures/:id/release', { params: { id: active.id }, body: { reason } });
    toastSuccess(t('health.release.done'));
    done();
  };

  return (
    <Card title={t('health.measures')} data-testid="health-measures">
      {active ? (
        <div data-testid="health-active-measure" data-measure={active.measure}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'measure', label: t('health.measure'), children: <MeasureTag measure={active.measure} /> },
              { key: 'place', label: t('health.place'), children: placeOf(active) ?? t('health.atHome') },
              { key: 'start', label: t('health.startDay'), children: active.startDay },
              {
                key: 'end',
                label: t('health.plannedEnd'),
                children: <span data-testid="health-planned-end">{active.plannedEnd ?? t('health.endByTests')}</span>,
              },
              {
                key: 'basis',
                label: t('health.basis'),
                span: 2,
                children: (
                  <Space size={[4, 4]} wrap>
                    {active.categories.map((k) => (
                      <Tag key={k}>{categoryLabel(t, k, data.categories.find((c) => c.key === k)?.label)}</Tag>
                    ))}
                    {active.status !== 'none' && <Tag color="magenta">{statusLabel(t, active.status)}</Tag>}
                    {active.lastContact && (
                      <Typography.Text type="secondary">
                        {t('health.lastContactOn', { day: active.lastContact })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                key: 'release',
                label: t('health.release'),
                span: 2,
                children: releaseText(t, active.release),
              },
            ]}
          />
          {checklist && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('health.checklist.title', { day: checklist.day })}</Typography.Text>
              <ChecklistDetail checklist={checklist} measure={active} />
            </div>
          )}
          {can('health.manage') && (
            <Space wrap style={{ marginTop: 12 }}>
              <Button onClick={() => setDecision('extend')} data-testid="measure-extend">
                {t('health.extend.action')}
              </Button>
              <Button onClick={() => setDecision('change')} data-testid="measure-change">
                {t('health.change.action')}
              </Button>
              <Button type="primary" onClick={() => setDecision('release')} data-testid="measure-release">
                {t('health.release.action')}
              </Button>
            </Space>
          )}
        </div>
      ) : (
        <Empty description={t('health.noActiveMeasure')} />
      )}

      {past.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
            {t('health.pastMeasures')}
          </Typography.Text>
          <Table<MeasureDto>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={past}
            scroll={{ x: 560 }}
            columns={[
              {
                title: t('health.measure'),
                key: 'measure',
                render: (_: unknown, m) => <MeasureTag measure={m.measure} />,
              },
              { title: t('health.place'), key: 'place', render: (_: unknown, m) => placeOf(m) ?? t('health.atHome') },
              { title: t('health.startDay'), dataIndex: 'startDay', key: 'start' },
              { title: t('health.actualEnd'), dataIndex: 'actualEnd', key: 'end' },
              {
                title: t('health.endReason'),
                dataIndex: 'endReason',
                key: 'why',
                render: (v: string | null) => (v ? t(`health.endReason.${v}`, { defaultValue: v }) : t('common.none')),
              },
            ]}
          />
        </>
      )}

      {active && (
        <>
          <ExtendModal open={decision === 'extend'} measure={active} onClose={() => setDecision(null)} onSaved={done} />
          <ChangeModal open={decision === 'change'} measure={active} onClose={() => setDecision(null)} onSaved={done} />
          <ReasonModal
            open={decision === 'release'}
            title={t('health.release.title')}
            okText={t('health.release.action')}
            okDisabled={blocked}
            onClose={() => setDecision(null)}
            onSubmit={release}
            testId="measure-release-modal"
          >
            {blocked && checklist ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('health.release.blocked')}
                description={checklist.blockers.map((b) => blockerLabel(t, b)).join('；')}
                data-testid="release-blocked"
              />
            ) : (
              <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('health.release.ready')} />
            )}
          </ReasonModal>
        </>
      )}
    </Card>
  );
}
