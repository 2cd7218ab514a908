import {
  ApartmentOutlined,
  BankOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  MedicineBoxOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Empty, Result, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { AREA_LEVELS, levelDepth } from '../../../domain/areas.js';
import type { AreaLevel } from '../../../domain/areas.js';
import { api, type Result as ResultOf } from '../../api/client.js';
import { useCan, useMe } from '../../auth/session.js';
import { AreaCrumbs } from '../../components/AreaCrumbs.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { RefreshButton } from '../../components/RefreshButton.js';
import { levelLabel, metricLabel, roleLabel } from '../../i18n/labels.js';
import { useLoad } from '../../lib/useLoad.js';
import { ChildrenChart, metricColor } from './ChildrenChart.js';

type Child = ResultOf<'GET', '/api/dashboard'>['children'][number];

/**
 * An "areas.<level>" count only means something for levels below the area
 * (a street's own "streets" figure is always 0, and a child street counts itself).
 */
function metricsBelow(metrics: string[], level: string): string[] {
  const depth = (AREA_LEVELS as readonly string[]).includes(level) ? levelDepth(level as AreaLevel) : -1;
  return metrics.filter((m) => {
    const counted = m.startsWith('areas.') ? m.slice('areas.'.length) : null;
    if (!counted || !(AREA_LEVELS as readonly string[]).includes(counted)) return true;
    return levelDepth(counted as AreaLevel) > depth;
  });
}

const REGISTRY_ICONS: Record<string, React.ReactNode> = {
  'registry.courtyards': <BankOutlined />,
  'registry.dwellings': <HomeOutlined />,
  'registry.households': <TeamOutlined />,
  'registry.persons': <IdcardOutlined />,
  'registry.rentals': <KeyOutlined />,
  'registry.vacant': <ApartmentOutlined />,
};

function metricIcon(metric: string) {
  return REGISTRY_ICONS[metric] ?? (metric.startsWith('users.') ? <UserOutlined /> : <ApartmentOutlined />);
}

/** Chart groups: figures of similar size side by side (persons dwarf dwellings, which dwarf grids). */
type ChartGroup = 'registry' | 'persons' | 'areas';
function groupOf(metric: string): ChartGroup {
  if (metric === 'registry.persons') return 'persons';
  return metric.startsWith('registry.') ? 'registry' : 'areas';
}
const isRegistry = (m: string) => m.startsWith('registry.');

export function HomePage() {
  const can = useCan();
  return can('dashboard.read') ? <Dashboard /> : <Welcome />;
}

function Welcome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Card>
      <Result
        status="info"
        title={t('home.welcome', { name: me.user.displayName })}
        subTitle={`${roleLabel(t, me.user.role)} · ${me.scope.name}`}
        extra={<Typography.Paragraph type="secondary">{t('home.noDashboard')}</Typography.Paragraph>}
      />
    </Card>
  );
}

function Dashboard() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const areaId = params.get('areaId') ?? '';
  const dashboard = useLoad(
    (signal) => api.get('/api/dashboard', { query: { areaId: areaId || undefined }, signal }),
    areaId,
  );
  const { data, loading, error } = dashboard;
  const reload = () => dashboard.reload();

  const drill = (id: string | null) => setParams(id ? { areaId: id } : {});
  const [group, setGroup] = useState<ChartGroup | null>(null);

  if (error && !data) return <LoadFailed retry={reload} />;

  const children = data?.children ?? [];
  const metrics = data ? metricsBelow(data.metrics, data.area.level) : [];
  const childMetrics = data && children[0] ? metricsBelow(data.metrics, children[0].level) : [];
  // The registry (一标三实) first: it is what the command center is about.
  const registryMetrics = metrics.filter(isRegistry);
  const otherMetrics = metrics.filter((m) => !isRegistry(m));
  const groups = (['registry', 'persons', 'areas'] as const).filter((g) => childMetrics.some((m) => groupOf(m) === g));
  const chartGroup = group && groups.includes(group) ? group : (groups[0] ?? 'areas');
  const chartMetrics = childMetrics.filter((m) => groupOf(m) === chartGroup);
  const tableMetrics = [...childMetrics.filter(isRegistry), ...childMetrics.filter((m) => !isRegistry(m))];
  const columns: TableColumnsType<Child> = [
    { title: t('home.name'), dataIndex: 'name', key: 'name', render: (name: string) => <a>{name}</a> },
    { title: t('home.code'), dataIndex: 'code', key: 'code', className: 'ss-mono' },
    { title: t('home.level'), dataIndex: 'level', key: 'level', render: (level: string) => levelLabel(t, level) },
    ...tableMetrics.map((m) => ({
      title: metricLabel(t, m),
      key: m,
      align: 'right' as const,
      render: (_: unknown, row: Child) => (row.figures[m] ?? 0).toLocaleString(),
      sorter: (a: Child, b: Child) => (a.figures[m] ?? 0) - (b.figures[m] ?? 0),
    })),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card loading={loading && !data} styles={{ body: { padding: '16px 24px' } }}>
        <AreaCrumbs
          chain={data ? [...data.ancestors, data.area] : []}
          onPick={(id, index) => drill(index === 0 ? null : id)}
          testId="home-current-area"
        />
        <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space align="center" size={12}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-area-name">
              {data?.area.name}
            </Typography.Title>
            {data && <Tag color="blue">{levelLabel(t, data.area.level)}</Tag>}
            {data && (
              <Typography.Text type="secondary" className="ss-mono">
                {data.area.code}
              </Typography.Text>
            )}
          </Space>
          <Space wrap>
            <Typography.Text type="secondary">{t('home.title')}</Typography.Text>
            {can('health.read') && (
              <Link
                to={areaId ? `/health/figures?areaId=${areaId}` : '/health/figures'}
                data-testid="home-health-figures"
              >
                <Button icon={<MedicineBoxOutlined />}>{t('figures.title')}</Button>
              </Link>
            )}
            <RefreshButton onClick={reload} loading={loading} />
          </Space>
        </Space>
      </Card>

      {registryMetrics.length > 0 && (
        <Row gutter={[16, 16]} data-testid="registry-metrics">
          {registryMetrics.map((m) => (
            <Col key={m} xs={12} md={8} xl={4}>
              <Card
                loading={loading && !data}
                data-testid={`metric-${m}`}
                className="ss-metric-card"
                style={{ borderTop: `3px solid ${metricColor(m)}` }}
              >
                <Statistic
                  title={
                    <Space size={6}>
                      <span style={{ color: metricColor(m) }}>{metricIcon(m)}</span>
                      {metricLabel(t, m)}
                    </Space>
                  }
                  value={data?.figures[m] ?? 0}
                  styles={{ content: { fontWeight: 700, fontSize: 28, color: '#0b1f3a' } }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}

      {otherMetrics.length > 0 && (
        <Card
          size="small"
          title={registryMetrics.length > 0 ? t('home.otherFigures') : undefined}
          loading={loading && !data}
        >
          <Row gutter={[16, 8]}>
            {otherMetrics.map((m) => (
              <Col
                key={m}
                xs={12}
                sm={8}
                xl={Math.max(4, Math.floor(24 / otherMetrics.length))}
                data-testid={`metric-${m}`}
              >
                <Statistic
                  title={
                    <Space size={6}>
                      {metricIcon(m)}
                      {metricLabel(t, m)}
                    </Space>
                  }
                  value={data?.figures[m] ?? 0}
                  styles={{
                    content: { fontWeight: 600, fontSize: registryMetrics.length > 0 ? 18 : 24, color: '#0b1f3a' },
                  }}
                />
              </Col>
            ))}
          </Row>
        </Card>
      )}

      <Card
        title={t('home.chartTitle')}
        extra={
          children.length > 0 ? (
            <Space wrap>
              {groups.length > 1 && (
                <Segmented<ChartGroup>
                  size="small"
                  value={chartGroup}
                  onChange={setGroup}
                  options={groups.map((g) => ({ value: g, label: t(`home.chartGroup.${g}`) }))}
                  data-testid="chart-group"
                />
              )}
              <Typography.Text type="secondary">{t('home.drillHint')}</Typography.Text>
            </Space>
          ) : null
        }
      >
        {children.length > 0 ? (
          <ChildrenChart items={children} metrics={chartMetrics} onSelect={drill} />
        ) : (
          <Empty description={loading ? t('app.loading') : t('home.noChildren')} />
        )}
      </Card>

      {children.length > 0 && (
        <Card title={t('home.children')} styles={{ body: { padding: 0 } }}>
          <Table<Child>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={children}
            pagination={children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            rowClassName={() => 'ss-clickable-row'}
            onRow={(row) => ({ onClick: () => drill(row.id) })}
            data-testid="children-table"
          />
        </Card>
      )}
    </Space>
  );
}
