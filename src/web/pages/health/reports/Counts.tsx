/** A daily report's figures: persons under each measure, new, released, symptomatic, transferred. */
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEASURES } from '../../../../domain/health.js';
import type { ReportDto } from '../types.js';
import { measureLabel } from '../labels.js';

export type Counts = ReportDto['counts'];

export const underTotal = (c: Counts) => MEASURES.reduce((n, m) => n + c.under[m], 0);

export function CountsTable({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="report-counts"
      items={[
        ...MEASURES.map((m) => ({
          key: m,
          label: t('reports.under', { measure: measureLabel(t, m) }),
          children: <span data-count={`under.${m}`}>{counts.under[m]}</span>,
        })),
        { key: 'new', label: t('reports.new'), children: <span data-count="new">{counts.new}</span> },
        {
          key: 'released',
          label: t('reports.released'),
          children: <span data-count="released">{counts.released}</span>,
        },
        {
          key: 'symptomatic',
          label: t('reports.symptomatic'),
          children: <span data-count="symptomatic">{counts.symptomatic}</span>,
        },
        {
          key: 'transferred',
          label: t('reports.transferred'),
          children: <span data-count="transferred">{counts.transferred}</span>,
        },
      ]}
    />
  );
}
