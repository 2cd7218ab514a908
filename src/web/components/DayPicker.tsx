import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { shanghaiToday } from '../lib/registry.js';

/** A day of the figures or lists shown: today (Asia/Shanghai) or before, as YYYY-MM-DD; never empty. */
export function DayPicker(props: { day: string; onChange: (day: string) => void; size?: 'small'; label?: string }) {
  const today = shanghaiToday();
  return (
    <DatePicker
      size={props.size}
      value={dayjs(props.day)}
      allowClear={false}
      onChange={(v) => v && props.onChange(v.format('YYYY-MM-DD'))}
      disabledDate={(d) => d.format('YYYY-MM-DD') > today}
      aria-label={props.label}
    />
  );
}
