/**
 * 扫码登记 figures of an area on a day: active codes, today's submissions, persons
 * registered, the share reviewed and persons proposed for a measure; the 30-day
 * trend; the totals per child area (a click drills into it).
 */
import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loaded } from '../../lib/useLoad.js';
import { percent } from './labels.js';
import { REG_COLORS, RegTrendChart } from './RegTrendChart.js';
import type { RegFiguresDto } from './types.js';

type Child = RegFiguresDto['children'][number];

interface Metric {
  key: string;
  value: string | number;
  note?: ReactNode;
}

export function FiguresPanel({ figures, onArea }: { figures: Loaded<RegFiguresDto>; onArea: (id: string) => void }) {
  const { t } = useTranslation();
  const data = figures.data;
  const loading = figures.loading && !data;

  const metrics: Metric[] = data
    ? [
        { key: 'codesActive', value: data.codesActive },
        {
          key: 'submissions',
          value: data.today.submissions,
          note: t('selfreg.figures.todayPersons', { count: data.today.persons }),
        },
        {
          key: 'persons',
          value: data.total.persons,
          note: t('selfreg.figures.todayPlus', { count: data.today.persons }),
        },
        {
          key: 'reviewedShare',
          value: percent(data.reviewedShare),
          note: t('selfreg.figures.reviewedOf', { reviewed: data.total.reviewed, total: data.total.submissions }),
        },
        {
          key: 'proposed',
          value: data.total.proposed,
          note: t('selfreg.figures.todayPlus', { count: data.today.proposed }),
        },
      ]
    : ['codesActive', 'submissions', 'persons', 'reviewedShare', 'proposed'].map((key) => ({ key, value: 0 }));

  const columns: TableColumnsType<Child> = [
    { title: t('home.name'), key: 'name', render: (_: unknown, c) => <a>{c.name}</a> },
    ...(['submissions', 'persons', 'reviewed', 'proposed'] as const).map((k) => ({
      title: t(`selfreg.series.${k}`),
      key: k,
      align: 'right' as const,
      sorter: (a: Child, b: Child) => a[k] - b[k],
      render: (_: unknown, c: Child) => (
        <span style={k === 'proposed' && c[k] > 0 ? { color: REG_COLORS.proposed, fontWeight: 600 } : undefined}>
          {c[k]}
        </span>
      ),
    })),
    {
      title: t('selfreg.figures.reviewedShare'),
      key: 'share',
      align: 'right' as const,
      render: (_: unknown, c) => (c.submissions > 0 ? percent(c.reviewed / c.submissions) : '—'),
    },
  ];

  return (
    <>
      <Row gutter={[16, 16]} data-testid="selfreg-figures">
        {metrics.map((m) => (
          <Col key={m.key} xs={12} md={8} xl={m.key === 'codesActive' ? 4 : 5}>
            <Card
              loading={loading}
              className="ss-metric-card"
              style={{ borderTop: `3px solid ${REG_COLORS[m.key] ?? '#1d5bbf'}`, height: '100%' }}
              data-testid={`selfreg-figure-${m.key}`}
            >
              <Statistic
                title={t(`selfreg.figures.${m.key}`)}
                value={m.value}
                styles={{ content: { fontWeight: 700, fontSize: 26, color: '#0b1f3a' } }}
              />
              {m.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.note}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('selfreg.figures.trend')} loading={loading} style={{ height: '100%' }}>
            {data ? <RegTrendChart trend={data.trend} /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('selfreg.figures.children')}
            extra={<Typography.Text type="secondary">{t('figures.drillHint')}</Typography.Text>}
            styles={{ body: { padding: 0 } }}
            style={{ height: '100%' }}
          >
            <Table<Child>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data?.children ?? []}
              loading={loading}
              pagination={(data?.children.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              scroll={{ x: 560 }}
              rowClassName={() => 'ss-clickable-row'}
              onRow={(c) => ({ onClick: () => onArea(c.id) })}
              locale={{ emptyText: <Empty description={t('home.noChildren')} /> }}
              data-testid="selfreg-children"
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
