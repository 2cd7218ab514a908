import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Refresh": reads the page's data again (spinning while it loads, when told). */
export function RefreshButton(props: { onClick: () => void; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button icon={<ReloadOutlined />} onClick={props.onClick} loading={props.loading}>
      {t('common.refresh')}
    </Button>
  );
}
