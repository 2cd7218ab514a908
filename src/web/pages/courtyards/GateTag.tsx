import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CourtyardDto } from '../../api/registry.js';
import { gateLabel } from '../../i18n/labels.js';

/** 封闭管理（自 2020-02-03 起 至 2020-03-20）or 正常开放. */
export function GateTag({
  courtyard,
  withDates = true,
}: {
  courtyard: Pick<CourtyardDto, 'gateStatus' | 'gateSince' | 'gateUntil'>;
  withDates?: boolean;
}) {
  const { t } = useTranslation();
  const closed = courtyard.gateStatus === 'closed';
  const dates = [
    courtyard.gateSince ? t('courtyards.gateSince', { date: courtyard.gateSince }) : null,
    courtyard.gateUntil ? t('courtyards.gateUntil', { date: courtyard.gateUntil }) : null,
  ].filter(Boolean);
  return (
    <Space size={4} wrap>
      <Tag
        color={closed ? 'red' : 'green'}
        icon={closed ? <LockOutlined /> : <UnlockOutlined />}
        data-testid="gate-status"
      >
        {gateLabel(t, courtyard.gateStatus)}
      </Tag>
      {withDates && closed && dates.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dates.join(' ')}
        </Typography.Text>
      )}
    </Space>
  );
}
