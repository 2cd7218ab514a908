/**
 * 扫码登记 overview: the figures of an area (picked from the user's scope down) and
 * its registration codes. The area and day live in the address (shareable links).
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useMe } from '../../auth/session.js';
import { shanghaiToday } from '../../lib/registry.js';
import { useLoad } from '../../lib/useLoad.js';
import { AreaFilter } from './AreaFilter.js';
import { CodesCard } from './CodesCard.js';
import { FiguresPanel } from './FiguresPanel.js';

export function SelfRegPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = shanghaiToday();
  const areaId = params.get('areaId') ?? undefined;
  const day = params.get('day') ?? today;
  const [version, setVersion] = useState(0);
  const set = (next: { areaId?: string | undefined; day?: string }) => {
    const merged: Record<string, string | undefined> = { areaId, day: params.get('day') ?? undefined, ...next };
    if (merged.areaId === me.scope.id) merged.areaId = undefined;
    if (merged.day === today) merged.day = undefined;
    setParams(Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => !!e[1])));
  };
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
            <DatePicker
              value={dayjs(day)}
              allowClear={false}
              onChange={(v) => v && set({ day: v.format('YYYY-MM-DD') })}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            />
            <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)} loading={figures.loading}>
              {t('common.refresh')}
            </Button>
          </Space>
        </Flex>
      </Card>
      <FiguresPanel figures={figures} onArea={(id) => set({ areaId: id })} />
      <CodesCard areaId={areaId} onChanged={() => setVersion((v) => v + 1)} />
    </Space>
  );
}
