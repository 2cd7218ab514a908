/** 集中隔离点 and 定点医院 serving the user's scope, with occupancy; create and manage rooms. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useCan } from '../../../auth/session.js';
import { RefreshButton } from '../../../components/RefreshButton.js';
import { useLoad } from '../../../lib/useLoad.js';
import type { SiteDto, SiteKind } from '../types.js';
import { Occupancy } from './Occupancy.js';
import { SiteDrawer } from './SiteDrawer.js';
import { SiteFormModal } from './SiteFormModal.js';

type KindFilter = SiteKind | 'all';

export function CareSitesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [kind, setKind] = useState<KindFilter>('all');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const { data, loading } = useLoad(
    (signal) =>
      api.get('/api/care-sites', {
        query: { kind: kind === 'all' ? undefined : kind, includeRetired: includeRetired ? 'true' : undefined },
        signal,
      }),
    `${kind}:${includeRetired}:${version}`,
  );
  const items = data?.items ?? [];
  const totals = items
    .filter((s) => !s.retiredAt)
    .reduce((a, s) => ({ capacity: a.capacity + s.capacity, occupied: a.occupied + s.occupied }), {
      capacity: 0,
      occupied: 0,
    });

  const columns: TableColumnsType<SiteDto> = [
    {
      title: t('sites.name'),
      key: 'name',
      render: (_: unknown, s) => (
        <>
          <a data-testid="site-name">{s.name}</a>
          {s.retiredAt && (
            <Tag style={{ marginLeft: 8 }} data-testid="site-retired">
              {t('sites.retired')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('sites.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: SiteKind) => <Tag color={k === 'hospital' ? 'red' : 'volcano'}>{t(`sites.kind.${k}`)}</Tag>,
    },
    { title: t('sites.area'), key: 'area', render: (_: unknown, s) => s.area.name },
    {
      title: t('sites.address'),
      dataIndex: 'address',
      key: 'address',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('sites.size'),
      key: 'size',
      render: (_: unknown, s) =>
        s.kind === 'hospital' ? t('sites.beds', { count: s.beds ?? 0 }) : t('sites.rooms', { count: s.roomCount }),
    },
    {
      title: t('sites.occupancyTitle'),
      key: 'occ',
      render: (_: unknown, s) => <Occupancy occupied={s.occupied} capacity={s.capacity} />,
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sites.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <RefreshButton onClick={() => setVersion((v) => v + 1)} loading={loading} />
          {can('care_site.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="site-create">
              {t('sites.create')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Card styles={{ body: { padding: 16 } }} style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={(['all', 'isolation_site', 'hospital'] as const).map((k) => ({
              value: k,
              label: k === 'all' ? t('common.all') : t(`sites.kind.${k}`),
            }))}
          />
          <Checkbox checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)}>
            {t('sites.includeRetired')}
          </Checkbox>
          <div style={{ flex: 1 }} />
          <div style={{ width: 260 }} data-testid="sites-total">
            <Occupancy occupied={totals.occupied} capacity={totals.capacity} />
          </div>
        </Flex>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<SiteDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading && !data}
          pagination={items.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 900 }}
          rowClassName={(s) => `ss-clickable-row${s.retiredAt ? ' ss-retired-row' : ''}`}
          onRow={(s) => ({ onClick: () => setOpenId(s.id) })}
          locale={{ emptyText: <Empty description={t('sites.empty')} /> }}
          data-testid="sites-table"
        />
      </Card>
      <SiteFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          setVersion((v) => v + 1);
          setOpenId(s.id);
        }}
      />
      <SiteDrawer siteId={openId} onClose={() => setOpenId(null)} onChanged={() => setVersion((v) => v + 1)} />
    </>
  );
}
