/** Formatting in the district's time zone (Asia/Shanghai, fixed UTC+8). */
import type { Dayjs } from 'dayjs';

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** "2020-02-01 10:00:00" in Beijing time; "—" for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return shanghai.format(date);
}

/** A picker value read as Beijing wall-clock time, as an ISO datetime with offset. */
export function toShanghaiIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

export function currentShanghaiYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}
