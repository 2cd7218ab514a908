/**
 * 扫码登记 overview: the figures of an area (picked from the user's scope down) and
 * its registration codes. The area and day live in the address (shareable links).
 */
import { Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useMe } from '../../auth/session.js';
import { DayPicker } from '../../components/DayPicker.js';
import { RefreshButton } from '../../components/RefreshButton.js';
import { useAreaDay } from '../../lib/useAreaDay.js';
import { useLoad } from '../../lib/useLoad.js';
import { AreaFilter } from './AreaFilter.js';
import { CodesCard } from './CodesCard.js';
import { FiguresPanel } from './FiguresPanel.js';

export function SelfRegPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { areaId, day, set } = useAreaDay();
  const [version, setVersion] = useState(0);
  const figures = useLoad(
    (signal) => api.get('/api/reg-figures', { query: { areaId, day }, signal }),
    `${areaId ?? ''}:${day}:${version}`,
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space orientation="vertical" size={0}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('selfreg.title')} · {figures.data?.area.name ?? me.scope.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('selfreg.intro')} <Link to="/self-registration/queue">{t('selfreg.toQueue')}</Link>
            </Typography.Text>
          </Space>
          <Space wrap>
            <AreaFilter areaId={areaId} onChange={(id) => set({ areaId: id })} testId="selfreg-area" />
            <DayPicker day={day} onChange={(d) => set({ day: d })} />
            <RefreshButton onClick={() => setVersion((v) => v + 1)} loading={figures.loading} />
          </Space>
        </Flex>
      </Card>
      <FiguresPanel figures={figures} onArea={(id) => set({ areaId: id })} />
      <CodesCard areaId={areaId} onChanged={() => setVersion((v) => v + 1)} />
    </Space>
  );
}
