/** Time: every "day" is an Asia/Shanghai calendar day. Code that needs "now" takes a Clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string = '2020-02-01T02:00:00Z') {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return dayFormat.format(at);
}

export function shanghaiYear(at: Date): number {
  return Number(shanghaiDay(at).slice(0, 4));
}

/** A calendar day `n` days after (or before) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant a Shanghai wall-clock time (HH:MM) occurs on a day (China keeps no DST: UTC+8). */
export function shanghaiInstant(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/** The Shanghai wall-clock time of an instant, as HH:MM. */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}
