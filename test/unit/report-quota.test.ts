import {
  classify,
  DEFAULT_DELIVERY_RULES,
  nextChinaDayStart,
  QUOTA_EXCEEDED,
} from '../../cloudfunctions/report/domain/delivery';

test("WeChat's daily quota (45009) is its own outcome, whatever the attempt: never a failure", () => {
  const quota = { ok: false as const, code: QUOTA_EXCEEDED };
  expect(classify(quota, 1, DEFAULT_DELIVERY_RULES)).toBe('quota');
  expect(classify(quota, DEFAULT_DELIVERY_RULES.maxAttempts, DEFAULT_DELIVERY_RULES)).toBe('quota');
  // Other WeChat errors keep their rules.
  expect(classify({ ok: false, code: -1 }, 1, DEFAULT_DELIVERY_RULES)).toBe('retry');
  expect(classify({ ok: false, code: -1 }, 5, DEFAULT_DELIVERY_RULES)).toBe('failed');
});

test.each([
  // [now (UTC), start of the next China day (UTC)]
  ['2026-11-23T02:00:00.000Z', '2026-11-23T16:00:00.000Z'], // 10:00 China time
  ['2026-11-23T15:59:59.999Z', '2026-11-23T16:00:00.000Z'], // 23:59:59 China time
  ['2026-11-23T16:00:00.000Z', '2026-11-24T16:00:00.000Z'], // midnight China time: the day after
  ['2026-12-31T17:00:00.000Z', '2027-01-01T16:00:00.000Z'], // New Year's Day, 01:00 China time
])('a quota used up at %s renews at %s (UTC+8 midnight)', (now, next) => {
  expect(nextChinaDayStart(new Date(now))).toBe(next);
});
