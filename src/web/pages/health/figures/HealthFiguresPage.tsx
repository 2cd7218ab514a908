/**
 * 健康态势 (command center): an area's key-population figures on a day, per child
 * area with drill-down to the grid, and the 30-day trend.
 */
import { Card, Col, Empty, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURES } from '../../../../domain/health.js';
import { api } from '../../../api/client.js';
import { useMe } from '../../../auth/session.js';
import { AreaCrumbs } from '../../../components/AreaCrumbs.js';
import { DayPicker } from '../../../components/DayPicker.js';
import { RefreshButton } from '../../../components/RefreshButton.js';
import { levelLabel } from '../../../i18n/labels.js';
import { useAreaDay } from '../../../lib/useAreaDay.js';
import { useLoad } from '../../../lib/useLoad.js';
import { measureLabel } from '../labels.js';
import type { HealthFigures, HealthFiguresDto } from '../types.js';
import { FIGURE_COLORS, TrendChart } from './TrendChart.js';

type Child = HealthFiguresDto['children'][number];
const FIGURES = ['under', 'new', 'released', 'symptomatic', 'checkedIn', 'notReported', 'reportsMissing'] as const;
type Figure = (typeof FIGURES)[number];

export function HealthFiguresPage() {
  const { t } = useTranslation();
  const me = useMe();
  const asked = useAreaDay();
  const { day, set } = asked;
  const areaId = asked.areaId ?? me.scope.id;
  const [version, setVersion] = useState(0);
  const figures = useLoad(
    (signal) => api.get('/api/health-figures', { query: { areaId, day }, signal }),
    `${areaId}:${day}:${version}`,
  );
  const trend = useLoad(
    (signal) => api.get('/api/health-figures/trend', { query: { areaId, days: 30 }, signal }),
    `${areaId}:${version}`,
  );
  const area = useLoad((signal) => api.get('/api/areas/:id', { params: { id: areaId }, signal }), areaId, {
    quiet: () => true,
  });
  const data = figures.data;

  // Breadcrumbs from the user's scope down to the area (nothing above the scope).
  const above = new Set(
    me.scope.path
      .split('/')
      .filter(Boolean)
      .filter((id) => id !== me.scope.id),
  );
  const chain = [
    ...(area.data?.ancestors ?? []).filter((a) => !above.has(a.id)),
    ...(area.data ? [{ id: area.data.id, name: area.data.name }] : []),
  ];

  const value = (f: HealthFigures, k: Figure) => f[k];
  const columns: TableColumnsType<Child> = [
    { title: t('home.name'), key: 'name', render: (_: unknown, c) => <a>{c.name}</a> },
    { title: t('home.level'), key: 'level', render: (_: unknown, c) => levelLabel(t, c.level) },
    ...FIGURES.map((k) => ({
      title: t(`figures.${k}`),
      key: k,
      align: 'right' as const,
      sorter: (a: Child, b: Child) => value(a.figures, k) - value(b.figures, k),
      render: (_: unknown, c: Child) => (
        <span
          style={k === 'symptomatic' && c.figures[k] > 0 ? { color: FIGURE_COLORS[k], fontWeight: 600 } : undefined}
        >
          {value(c.figures, k)}
        </span>
      ),
    })),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <AreaCrumbs chain={chain} onPick={(id) => set({ areaId: id })} testId="figures-area" />
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('figures.title')} · {data?.area.name ?? area.data?.name ?? ''}
            </Typography.Title>
            {data && <Tag color="blue">{levelLabel(t, data.area.level)}</Tag>}
            {data?.live && <Tag color="green">{t('figures.live', { cutOff: data.cutOff })}</Tag>}
          </Space>
          <Space wrap>
            <DayPicker day={day} onChange={(d) => set({ day: d })} />
            <RefreshButton onClick={() => setVersion((v) => v + 1)} loading={figures.loading} />
          </Space>
        </Flex>
      </Card>

      <Row gutter={[16, 16]} data-testid="health-figures">
        {FIGURES.map((k) => (
          <Col key={k} xs={12} md={8} xl={k === 'under' ? 6 : 3}>
            <Card
              loading={figures.loading && !data}
              className="ss-metric-card"
              style={{ borderTop: `3px solid ${FIGURE_COLORS[k]}`, height: '100%' }}
              data-testid={`figure-${k}`}
            >
              <Statistic
                title={t(`figures.${k}`)}
                value={data ? value(data.figures, k) : 0}
                styles={{ content: { fontWeight: 700, fontSize: 26, color: '#0b1f3a' } }}
              />
              {k === 'under' && data && (
                <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                  {MEASURES.map((m) => (
                    <Tag key={m}>
                      {measureLabel(t, m)} {data.figures.byMeasure[m] ?? 0}
                    </Tag>
                  ))}
                </Space>
              )}
            </Card>
          </Col>
        ))}
      </Row>

      <Card title={t('figures.trendTitle')} loading={trend.loading && !trend.data}>
        {trend.data ? <TrendChart trend={trend.data} /> : <Empty />}
      </Card>

      <Card
        title={t('figures.children')}
        extra={<Typography.Text type="secondary">{t('figures.drillHint')}</Typography.Text>}
        styles={{ body: { padding: 0 } }}
      >
        <Table<Child>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.children ?? []}
          loading={figures.loading && !data}
          pagination={(data?.children.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 900 }}
          rowClassName={() => 'ss-clickable-row'}
          onRow={(c) => ({ onClick: () => set({ areaId: c.id }) })}
          locale={{ emptyText: <Empty description={t('home.noChildren')} /> }}
          data-testid="figures-children"
        />
      </Card>
    </Space>
  );
}
