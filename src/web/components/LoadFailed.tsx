import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** A page whose record could not be loaded, with "retry". */
export function LoadFailed({ retry }: { retry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('error.loadFailed')}
      extra={<Button onClick={retry}>{t('error.retry')}</Button>}
    />
  );
}
