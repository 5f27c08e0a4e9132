/**
 * 五好 survey results as the assessment reads them, built from one approval rate per indicator
 * (null: too few answers for the indicator to count), for tests of the satisfaction points and
 * the 示范点 ranking.
 */
import { FIVE_GOOD_INDICATORS } from '../cloudfunctions/survey/domain/indicators';
import type { RoundResults } from '../cloudfunctions/survey/public';
import { at } from './must';

export function fiveGoodIndicators(rates: readonly (number | null)[]): RoundResults['indicators'] {
  if (rates.length !== FIVE_GOOD_INDICATORS.length)
    throw new Error(`one rate per indicator: ${FIVE_GOOD_INDICATORS.length} expected, ${rates.length} given`);
  return FIVE_GOOD_INDICATORS.map((i, n) => {
    const rate = at(rates, n);
    return {
      indicatorId: i.id,
      name: i.name,
      approvalRate: rate,
      answers: rate === null ? 2 : 40,
      status: rate === null ? 'insufficient' : rate >= 0.9 ? 'met' : 'notMet',
    };
  });
}

/** A closed round of 2026's third quarter in one village, with the given rates. */
export function fiveGoodRound(
  rates: readonly (number | null)[],
  villageId = 'v-dongling',
  closedAt = '2026-10-08T02:00:00.000Z',
): RoundResults {
  return {
    roundId: `${villageId}:2026-Q3`,
    villageId,
    periodKey: '2026-Q3',
    closedAt,
    indicators: fiveGoodIndicators(rates),
  };
}
