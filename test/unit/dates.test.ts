import {
  DateKey,
  MonthKey,
  PeriodKey,
  QuarterKey,
  isCalendarDate,
} from '../../cloudfunctions/common/contracts/shared';
import { SurveyPeriod } from '../../cloudfunctions/common/contracts/survey';

describe('one date schema for every contract', () => {
  test.each(['2026-02-31', '2026-04-31', '2025-02-29', '2026-13-01', '2026-00-10', '2026-01-00'])(
    '%s is refused, never rolled into the next month',
    (key) => {
      expect(isCalendarDate(key)).toBe(false);
      const r = DateKey.safeParse(key);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  test.each(['2024-02-29', '2026-02-28', '2026-12-31', '2026-04-30'])('%s is a real day', (key) => {
    expect(DateKey.parse(key)).toBe(key);
  });

  test.each(['2025-Q4', '2025-10', '2025'])('a survey period %s (quarter, month, year) is taken', (key) => {
    expect(SurveyPeriod.parse(key)).toBe(key);
  });

  test.each([
    ['month', MonthKey, '0000-01'],
    ['month', MonthKey, '9999-12'],
    ['quarter', QuarterKey, '0000-Q1'],
    ['quarter', QuarterKey, '9999-Q4'],
    ['period', PeriodKey, '0000-Q1'],
    ['period', PeriodKey, '9999-12'],
    ['survey period', SurveyPeriod, '0000-Q1'],
    ['survey period', SurveyPeriod, '0000'],
    ['survey period', SurveyPeriod, '9999-12'],
    ['date', DateKey, '1999-12-31'],
    ['date', DateKey, '2100-01-01'],
  ])('a %s key outside the sane years is refused: %s', (_kind, schema, key) => {
    const r = schema.safeParse(key);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('年份应在');
  });

  test('the messages a person reads name no ISO pattern', () => {
    for (const [schema, bad] of [
      [MonthKey, '2026-3'],
      [QuarterKey, '2026-Q5'],
      [PeriodKey, '2026'],
      [DateKey, '2026/03/05'],
      [SurveyPeriod, '2026-Q5'],
    ] as const) {
      const msg = schema.safeParse(bad).error?.issues[0]?.message ?? '';
      expect(msg).toMatch(/^请选择/);
      expect(msg).not.toMatch(/\d{4}-/);
    }
  });
});
