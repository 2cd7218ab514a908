/** Who has filed the day's report in the scope (or an area of it), and who has not. */
import { Alert, Card, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Result } from '../../../api/client.js';
import { AreaTreeSelect } from '../../../components/AreaTreeSelect.js';
import { DayPicker } from '../../../components/DayPicker.js';
import { formatTime } from '../../../lib/format.js';
import { shanghaiToday } from '../../../lib/registry.js';
import { useLoad } from '../../../lib/useLoad.js';
import type { ReportDto } from '../types.js';
import { underTotal } from './Counts.js';

type Missing = Result<'GET', '/api/daily-reports/missing'>['items'][number];

export function ReportsOverview() {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const [day, setDay] = useState(today);
  const [areaId, setAreaId] = useState<string | undefined>();
  const key = `${day}:${areaId ?? ''}`;
  const missing = useLoad((signal) => api.get('/api/daily-reports/missing', { query: { day, areaId }, signal }), key);
  const filed = useLoad((signal) => api.get('/api/daily-reports', { query: { day, areaId }, signal }), key);
  const m = missing.data;

  return (
    <Card title={t('reports.overviewTitle')} data-testid="reports-overview">
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <DayPicker day={day} onChange={setDay} />
        <AreaTreeSelect
          value={areaId}
          onChange={setAreaId}
          allowClear
          placeholder={t('reports.area')}
          levels={['district', 'street', 'community']}
          style={{ minWidth: 240 }}
        />
        {m && (
          <Typography.Text type="secondary">
            {t('reports.cutoff', { time: m.cutoff })}
            {m.pastCutoff && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t('reports.pastCutoff')}
              </Tag>
            )}
          </Typography.Text>
        )}
      </Flex>
      <Tabs
        items={[
          {
            key: 'missing',
            label: (
              <span data-testid="reports-tab-missing">
                {t('reports.missing')} {m ? `(${m.items.length})` : ''}
              </span>
            ),
            children: (
              <>
                {m && m.items.length === 0 && (
                  <Alert type="success" showIcon title={t('reports.allFiled')} style={{ marginBottom: 12 }} />
                )}
                <Table<Missing>
                  rowKey={(r) => r.community.id}
                  size="small"
                  loading={missing.loading && !m}
                  dataSource={m?.items ?? []}
                  pagination={(m?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
                  locale={{ emptyText: <Empty description={t('reports.noneMissing')} /> }}
                  data-testid="reports-missing"
                  columns={[
                    { title: t('reports.community'), key: 'community', render: (_: unknown, r) => r.community.name },
                    {
                      title: t('home.code'),
                      key: 'code',
                      className: 'ss-mono',
                      render: (_: unknown, r) => r.community.code,
                    },
                    { title: t('reports.street'), key: 'street', render: (_: unknown, r) => r.street.name },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'filed',
            label: (
              <span data-testid="reports-tab-filed">
                {t('reports.filedList')} {filed.data ? `(${filed.data.items.length})` : ''}
              </span>
            ),
            children: (
              <Table<ReportDto>
                rowKey="id"
                size="small"
                loading={filed.loading && !filed.data}
                dataSource={filed.data?.items ?? []}
                pagination={(filed.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 900 }}
                data-testid="reports-filed"
                columns={[
                  { title: t('reports.community'), key: 'community', render: (_: unknown, r) => r.community.name },
                  { title: t('reports.street'), key: 'street', render: (_: unknown, r) => r.street.name },
                  {
                    title: t('reports.underTotal'),
                    key: 'under',
                    align: 'right',
                    render: (_: unknown, r) => underTotal(r.counts),
                  },
                  { title: t('reports.new'), key: 'new', align: 'right', render: (_: unknown, r) => r.counts.new },
                  {
                    title: t('reports.released'),
                    key: 'released',
                    align: 'right',
                    render: (_: unknown, r) => r.counts.released,
                  },
                  {
                    title: t('reports.symptomatic'),
                    key: 'symptomatic',
                    align: 'right',
                    render: (_: unknown, r) => r.counts.symptomatic,
                  },
                  {
                    title: t('reports.state'),
                    key: 'state',
                    render: (_: unknown, r) => (
                      <>
                        {r.zero && <Tag color="green">{t('reports.zero')}</Tag>}
                        {r.late && <Tag color="orange">{t('reports.late')}</Tag>}
                      </>
                    ),
                  },
                  {
                    title: t('reports.notes'),
                    dataIndex: 'notes',
                    key: 'notes',
                    render: (v: string | null) => v ?? t('common.none'),
                  },
                  {
                    title: t('reports.filedBy'),
                    key: 'by',
                    render: (_: unknown, r) => `${r.filedBy} · ${formatTime(r.filedAt).slice(11, 16)}`,
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
