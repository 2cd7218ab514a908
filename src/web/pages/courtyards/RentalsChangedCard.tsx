/** 今日租住变动: the grid's rental move-ins and move-outs of one day (GET /api/rentals-changed). */
import { LoginOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { OccupancyDto } from '../../api/registry.js';
import { DayPicker } from '../../components/DayPicker.js';
import { occupancyLabel } from '../../i18n/labels.js';
import { OCCUPANCY_COLORS, shanghaiToday } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';

export function RentalsChangedCard({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const [day, setDay] = useState(today);
  const { data, loading } = useLoad(
    async (signal) => (gridId ? api.get('/api/rentals-changed', { query: { gridId, day }, signal }) : null),
    `${gridId}:${day}`,
  );

  const title = (
    <Space>
      <SwapOutlined />
      {day === today ? t('rentals.title') : t('rentals.titleDay', { day })}
    </Space>
  );
  const extra = <DayPicker size="small" day={day} onChange={setDay} label={t('rentals.title')} />;

  let body;
  if (!gridId) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rentals.pickGrid')} />;
  else if (data && data.movedIn.length + data.movedOut.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rentals.none')} />;
  else {
    body = (
      <>
        <Moves
          label={t('rentals.movedIn')}
          icon={<LoginOutlined style={{ color: '#389e0d' }} />}
          items={data?.movedIn ?? []}
        />
        <Moves
          label={t('rentals.movedOut')}
          icon={<LogoutOutlined style={{ color: '#cf1322' }} />}
          items={data?.movedOut ?? []}
        />
      </>
    );
  }

  return (
    <Card
      title={title}
      extra={gridId ? extra : null}
      size="small"
      loading={loading && !data && !!gridId}
      data-testid="rentals-changed"
    >
      {body}
    </Card>
  );
}

/** One side of the day's changes (every item started or ended on the card's day). */
function Moves({ label, icon, items }: { label: string; icon: React.ReactNode; items: OccupancyDto[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <>
      <Typography.Text strong>
        <Space size={6}>
          {icon}
          {label}
          <Tag>{items.length}</Tag>
        </Space>
      </Typography.Text>
      <List
        size="small"
        dataSource={items}
        renderItem={(o) => (
          <List.Item key={o.id}>
            <Space size={6} wrap>
              <Link to={`/households/${o.householdId}`}>{o.address.text ?? '—'}</Link>
              <Tag color={OCCUPANCY_COLORS[o.type]}>{occupancyLabel(t, o.type)}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
