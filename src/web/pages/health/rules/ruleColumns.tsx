/** The columns of a rule version wherever one is listed: its measure, period, start and release conditions. */
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { MeasureTag, releaseText } from '../labels.js';
import type { RuleDto } from '../types.js';
import { daysText } from './subject.js';

export function ruleVersionColumns(t: TFunction): TableColumnsType<RuleDto> {
  return [
    { title: t('rules.measure'), dataIndex: 'measure', render: (m: string) => <MeasureTag measure={m} /> },
    { title: t('rules.days'), dataIndex: 'days', render: (d: number) => daysText(t, d) },
    {
      title: t('rules.startFrom'),
      dataIndex: 'fromLastContact',
      render: (v: boolean) => t(v ? 'rules.fromLastContact' : 'rules.fromPlacement'),
    },
    { title: t('rules.release'), key: 'release', render: (_: unknown, r) => releaseText(t, r.release) },
  ];
}
