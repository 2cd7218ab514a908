/**
 * 日报告/零报告: a community files its daily report (figures derived from the day's
 * records, plus notes; a nil day still needs a zero report); streets and the district
 * see who has filed and who has not.
 */
import { Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session.js';
import { FileReportCard } from './FileReportCard.js';
import { ReportsOverview } from './ReportsOverview.js';

export function DailyReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
      </Flex>
      {can('daily_report.file') && <FileReportCard />}
      {can('daily_report.read') && <ReportsOverview />}
    </Space>
  );
}
