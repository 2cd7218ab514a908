/** Every version of one rule (oldest first), the one in force on the chosen day marked. */
import { Drawer, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { formatTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import type { RuleDto } from '../types.js';
import { ruleVersionColumns } from './ruleColumns.js';

interface Props {
  /** The rule in force whose versions to list; null when closed. */
  rule: RuleDto | null;
  title: string;
  onClose: () => void;
}

export function HistoryDrawer({ rule, title, onClose }: Props) {
  const { t } = useTranslation();
  const appliesTo = rule?.appliesTo ?? null;
  const { data, loading } = useLoad(
    (signal) =>
      appliesTo ? api.get('/api/health-rules/history', { query: { appliesTo }, signal }) : Promise.resolve(null),
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
    ...ruleVersionColumns(t),
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
