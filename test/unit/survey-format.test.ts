import { periodChoices } from '../../src/features/survey/format';

describe('periods the town may open', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  // 2025-12-31 17:00 UTC is already 2026-01-01 01:00 in China: the first quarter of 2026.
  test.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('follow China time on a phone set to %s', (tz) => {
    process.env.TZ = tz;
    expect(periodChoices(new Date('2025-12-31T17:00:00Z'))).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2026-01',
      '2025-12',
      '2026',
    ]);
    // One minute before midnight in China it is still the fourth quarter.
    expect(periodChoices(new Date('2025-12-31T15:59:00Z'))).toEqual([
      '2025-Q4',
      '2025-Q3',
      '2025-12',
      '2025-11',
      '2025',
    ]);
  });
});
