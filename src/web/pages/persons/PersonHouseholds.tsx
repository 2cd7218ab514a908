/** The households a person has belonged to, and the dwellings each lived in (newest first). */
import { HomeOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { occupancyLabel, relationshipLabel } from '../../i18n/labels.js';
import { OCCUPANCY_COLORS, period } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';

export function PersonHouseholds({ personId, version }: { personId: string; version: number }) {
  const { t } = useTranslation();
  const { data, loading } = useLoad(
    (signal) => api.get('/api/persons/:id/households', { params: { id: personId }, signal }),
    `${personId}:${version}`,
  );
  const items = data?.items ?? [];

  return (
    <Card
      title={
        <Space>
          <HomeOutlined />
          {t('personPage.households')}
        </Space>
      }
      loading={loading && !data}
      data-testid="person-households"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('personPage.householdsEmpty')} />
      ) : (
        <Timeline
          items={items.map((h) => ({
            key: h.householdId,
            color: h.endDate ? 'gray' : 'green',
            content: (
              <div>
                <Space wrap size={6}>
                  <Link to={`/households/${h.householdId}`}>{t('personPage.household')}</Link>
                  <Tag>{relationshipLabel(t, h.relationship)}</Tag>
                  {!h.endDate && <Tag color="green">{t('personPage.current')}</Tag>}
                  <Typography.Text type="secondary">{period(t, h.startDate, h.endDate)}</Typography.Text>
                </Space>
                <ul className="ss-plain-list">
                  {h.occupancies.map((o) => (
                    <li key={o.id}>
                      <Link to={`/dwellings/${o.dwellingId}`}>{o.address.text ?? '—'}</Link>{' '}
                      <Tag color={OCCUPANCY_COLORS[o.type]}>{occupancyLabel(t, o.type)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {period(t, o.startDate, o.endDate)}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
