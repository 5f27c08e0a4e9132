import {
  chinaDateKey,
  chinaDayStart,
  chinaMonthKey,
  fixedClock,
  formatChinaDateTime,
  inChina,
} from '../../cloudfunctions/common/clock';

describe('China-time helpers (UTC+8, no daylight saving)', () => {
  test('date and month keys follow the wall clock in China', () => {
    expect(chinaDateKey('2026-11-10T15:59:59Z')).toBe('2026-11-10');
    expect(chinaDateKey('2026-11-10T16:00:00Z')).toBe('2026-11-11');
    expect(chinaMonthKey('2026-10-31T16:00:00Z')).toBe('2026-11');
    expect(chinaMonthKey('2026-12-31T16:00:00Z')).toBe('2027-01');
    expect(chinaDateKey(new Date(Date.UTC(2026, 6, 1, 12)))).toBe('2026-07-01');
  });

  test('in summer too (no daylight saving shift)', () => {
    expect(inChina('2026-07-15T16:00:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-07-16 00:00');
  });

  test('the instant a China day starts', () => {
    expect(chinaDayStart('2025-04-10').toISOString()).toBe('2025-04-09T16:00:00.000Z');
    expect(chinaDateKey(chinaDayStart('2026-01-01'))).toBe('2026-01-01');
    expect(chinaDateKey(new Date(chinaDayStart('2026-01-01').getTime() - 1))).toBe('2025-12-31');
  });

  test('human form for pages', () => {
    expect(formatChinaDateTime('2025-03-05T06:03:00Z')).toBe('2025年3月5日 14:03');
  });
});

describe('fixedClock', () => {
  test('stands still until told, then moves as told', () => {
    const c = fixedClock('2026-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    c.advance(86_400_000);
    expect(c.now().toISOString()).toBe('2026-01-02T00:00:00.000Z');
    c.set('2026-05-05T05:05:05Z');
    expect(c.now().toISOString()).toBe('2026-05-05T05:05:05.000Z');
  });

  test('a caller mutating the returned Date does not move the clock', () => {
    const c = fixedClock('2026-01-01T00:00:00Z');
    c.now().setFullYear(1999);
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
