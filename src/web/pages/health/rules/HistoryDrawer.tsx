/** Every version of one rule (oldest first), the one in force on the chosen day marked. */
import { Drawer, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../../../api/legacy.js';
import type { RuleDto, RuleHistoryDto } from '../../../api/health.js';
import { formatTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { MeasureTag, releaseText } from '../labels.js';
import { daysText } from './subject.js';

interface Props {
  /** The rule in force whose versions to list; null when closed. */
  rule: RuleDto | null;
  title: string;
  onClose(): void;
}

export function HistoryDrawer({ rule, title, onClose }: Props) {
  const { t } = useTranslation();
  const appliesTo = rule?.appliesTo ?? null;
  const { data, loading } = useLoad<RuleHistoryDto | null>(
    (signal) =>
      appliesTo
        ? legacyApi.get<RuleHistoryDto>('/api/health-rules/history', { appliesTo }, signal)
        : Promise.resolve(null),
    appliesTo ?? '',
  );

  const columns: TableColumnsType<RuleDto> = [
    {
      title: t('rules.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 130,
      render: (v: string, r) => (
        <>
          {v}
          {r.id === rule?.id && (
            <Tag color="green" style={{ marginLeft: 6 }}>
              {t('rules.inForce')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('rules.measure'), dataIndex: 'measure', render: (m: string) => <MeasureTag measure={m} /> },
    { title: t('rules.days'), dataIndex: 'days', render: (d: number) => daysText(t, d) },
    {
      title: t('rules.startFrom'),
      dataIndex: 'fromLastContact',
      render: (v: boolean) => t(v ? 'rules.fromLastContact' : 'rules.fromPlacement'),
    },
    { title: t('rules.release'), key: 'release', render: (_: unknown, r) => releaseText(t, r.release) },
    { title: t('rules.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('rules.by'),
      key: 'by',
      render: (_: unknown, r) => `${r.createdBy ?? '—'} · ${formatTime(r.createdAt)}`,
    },
  ];

  return (
    <Drawer open={rule !== null} onClose={onClose} size={900} title={title} destroyOnHidden data-testid="rule-history">
      <Table<RuleDto>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Drawer>
  );
}
