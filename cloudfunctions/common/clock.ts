import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China Standard Time has no daylight saving: always UTC+8. */
export const CHINA_OFFSET_MINUTES = 8 * 60;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (next) => {
      t = new Date(next).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A date as seen on a wall clock in China. */
export function inChina(d: Date | number | string) {
  return dayjs(d).utcOffset(CHINA_OFFSET_MINUTES);
}

/** 'YYYY-MM' of the month the instant falls in, China time. */
export function chinaMonthKey(d: Date | number | string): string {
  return inChina(d).format('YYYY-MM');
}

/** 'YYYY-MM-DD', China time. */
export function chinaDateKey(d: Date | number | string): string {
  return inChina(d).format('YYYY-MM-DD');
}

/** Human form for pages: 2025年3月5日 14:03 (China time). */
export function formatChinaDateTime(d: Date | number | string): string {
  return inChina(d).format('YYYY年M月D日 HH:mm');
}

/** The instant a China-time wall-clock date starts, e.g. chinaDayStart('2025-04-10'). */
export function chinaDayStart(dateKey: string): Date {
  return dayjs.utc(`${dateKey}T00:00:00`).subtract(CHINA_OFFSET_MINUTES, 'minute').toDate();
}
