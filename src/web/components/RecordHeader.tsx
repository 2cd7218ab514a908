import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** "Back" to the page the user came from, above a record's page. */
export function BackButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} style={{ padding: 0 }}>
      {t('common.back')}
    </Button>
  );
}

/**
 * A record page's header card: the title with its tags, what is said under it, the
 * actions at the right; `children` (the actions' dialogs) inside the card, after.
 */
export function RecordHeader(props: {
  title: ReactNode;
  titleTestId: string;
  icon?: ReactNode;
  tags?: ReactNode;
  about?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card styles={{ body: { padding: '16px 24px' } }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap align="start">
        <div>
          <Space align="center" wrap>
            {props.icon}
            <Typography.Title level={3} style={{ margin: 0 }} data-testid={props.titleTestId}>
              {props.title}
            </Typography.Title>
            {props.tags}
          </Space>
          {props.about}
        </div>
        {props.actions}
      </Space>
      {props.children}
    </Card>
  );
}
