/**
 * The health datasets kept about key populations, each with its legal basis,
 * purpose and retention (BRIEF §8: minimum necessary, purpose limitation, purge or
 * de-identify after the emergency). These are the defaults; admins change the
 * retention, and every change and purge is audited.
 */
export type DatasetKey = 'checkins' | 'tests' | 'measures';
export type RetentionAction = 'purge' | 'deidentify';

export interface Dataset {
  key: DatasetKey;
  label: string;
  legalBasis: string;
  purpose: string;
  /** Days after the person's last measure ended. */
  retentionDays: number;
  action: RetentionAction;
}

const BASIS =
  '《中华人民共和国个人信息保护法》第十三条第一款第（四）项、第二十八条（为应对突发公共卫生事件所必需）；《中华人民共和国传染病防治法》第十二条；中央网信办《关于做好个人信息保护利用大数据支撑联防联控工作的通知》（2020年2月）';

export const DATASETS: Dataset[] = [
  {
    key: 'checkins',
    label: '每日健康打卡（体温、症状）',
    legalBasis: BASIS,
    purpose: '管控期间每日健康监测，发现发热或症状及时处置',
    retentionDays: 30,
    action: 'purge',
  },
  {
    key: 'tests',
    label: '核酸检测记录',
    legalBasis: BASIS,
    purpose: '判断解除隔离条件（如两次阴性间隔24小时）',
    retentionDays: 90,
    action: 'purge',
  },
  {
    key: 'measures',
    label: '管控措施与健康时间线（状态、人员类别、措施）',
    legalBasis: BASIS,
    purpose: '落实居家隔离、集中隔离、定点救治等管控措施并统计',
    retentionDays: 180,
    action: 'deidentify',
  },
];
