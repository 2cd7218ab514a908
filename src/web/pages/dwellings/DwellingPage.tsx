/** 一房一户: a dwelling and the households that have lived in it (occupancy type, dates, members). */
import { FormOutlined, HomeOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type Result } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { VersionHistory } from '../../components/VersionHistory.js';
import { occupancyLabel } from '../../i18n/labels.js';
import { OCCUPANCY_COLORS } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';

type Occ = Result<'GET', '/api/dwellings/:id'>['occupancies'][number];

export function DwellingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const loaded = useLoad((signal) => api.get('/api/dwellings/:id', { params: { id }, signal }), id);
  const d = loaded.data;

  if (loaded.error && !d) return <LoadFailed retry={() => loaded.reload()} />;
  if (!d || d.id !== id) return <Card loading={loaded.loading} />;

  const current = d.occupancies.filter((o) => o.endDate === null);
  const columns: TableColumnsType<Occ> = [
    {
      title: t('dwelling.household'),
      key: 'household',
      render: (_: unknown, o) => (
        <Link to={`/households/${o.householdId}`} data-testid="occupancy-household">
          {t('dwelling.openHousehold')}
        </Link>
      ),
    },
    {
      title: t('dwelling.type'),
      key: 'type',
      render: (_: unknown, o) => <Tag color={OCCUPANCY_COLORS[o.type]}>{occupancyLabel(t, o.type)}</Tag>,
    },
    { title: t('dwelling.start'), dataIndex: 'startDate', key: 'start' },
    { title: t('dwelling.end'), dataIndex: 'endDate', key: 'end', render: (v: string | null) => v ?? t('common.none') },
    { title: t('dwelling.members'), dataIndex: 'members', key: 'members', align: 'right' },
    {
      title: t('courtyard.status'),
      key: 'status',
      render: (_: unknown, o) =>
        o.endDate ? <Tag>{t('dwelling.ended')}</Tag> : <Tag color="green">{t('dwelling.current')}</Tag>,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { key: 'list', title: <Link to="/courtyards">{t('courtyards.title')}</Link> },
          { key: 'yard', title: <Link to={`/courtyards/${d.address.courtyardId}`}>{t('courtyard.archive')}</Link> },
          { key: 'this', title: d.address.text ?? '—' },
        ]}
      />
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Space align="center" wrap>
              <HomeOutlined style={{ fontSize: 22, color: '#1d5bbf' }} />
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="dwelling-address">
                {d.address.text ?? '—'}
              </Typography.Title>
              {current.length === 0 ? (
                <Tag>{t('courtyard.vacant')}</Tag>
              ) : (
                current.map((o) => (
                  <Tag key={o.id} color={OCCUPANCY_COLORS[o.type]}>
                    {occupancyLabel(t, o.type)}
                  </Tag>
                ))
              )}
            </Space>
            <div>
              <Typography.Text type="secondary">{t('dwelling.title')}</Typography.Text>
            </div>
          </div>
          {can('person.create') && !d.address.masked && (
            <Link to={`/register?courtyardId=${d.address.courtyardId}&dwellingId=${d.id}`}>
              <Button type={current.length === 0 ? 'primary' : 'default'} icon={<FormOutlined />}>
                {t('courtyard.registerHere')}
              </Button>
            </Link>
          )}
        </Space>
        {d.address.masked && (
          <Alert type="info" showIcon title={t('dwelling.maskedAddress')} style={{ marginTop: 12 }} />
        )}
      </Card>
      <Card title={t('dwelling.occupancies')} styles={{ body: { padding: 0 } }}>
        <Table<Occ>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={d.occupancies}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('dwelling.occupanciesEmpty') }}
          rowClassName={(o) => (o.endDate ? 'ss-retired-row' : '')}
          data-testid="dwelling-occupancies"
        />
      </Card>
      <VersionHistory type="dwelling" id={d.id} />
    </Space>
  );
}
