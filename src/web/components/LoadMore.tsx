import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Footer for keyset-paginated tables: how many are loaded, and "load more" while a cursor remains. */
export function LoadMore({
  count,
  hasMore,
  loading,
  onMore,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '12px 16px' }}>
      <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        count > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      )}
    </div>
  );
}
