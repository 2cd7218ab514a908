import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** occupied / capacity as a bar: orange from 80 %, red when full. */
export function Occupancy({ occupied, capacity }: { occupied: number; capacity: number }) {
  const { t } = useTranslation();
  const percent = capacity > 0 ? Math.round((occupied / capacity) * 100) : 0;
  return (
    <div style={{ minWidth: 160 }} data-occupied={occupied} data-capacity={capacity}>
      <Progress
        percent={percent}
        size="small"
        status={percent >= 100 ? 'exception' : 'normal'}
        strokeColor={percent >= 100 ? undefined : percent >= 80 ? '#fa8c16' : undefined}
        showInfo={false}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sites.occupancy', { occupied, capacity, free: Math.max(0, capacity - occupied) })}
      </Typography.Text>
    </div>
  );
}
