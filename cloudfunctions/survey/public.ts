import type { Store } from '../common/store/port';

/**
 * What other contexts (report, assessment) may read of survey results: the latest closed
 * round of each village. Only aggregates, never anything about a voter.
 */
export interface IndicatorResult {
  indicatorId: string;
  name: string;
  /** Approval as a fraction 0..1; null when results are withheld (too few answers). */
  approvalRate: number | null;
  answers: number;
  status: 'met' | 'notMet' | 'insufficient';
}

export interface RoundResults {
  roundId: string;
  villageId: string;
  /** e.g. '2025-Q4' */
  periodKey: string;
  closedAt: string;
  indicators: IndicatorResult[];
}

/** Latest closed round per village (villages without one are absent from the map). */
export async function latestSurveyResults(store: Store, villageIds: string[]): Promise<Map<string, RoundResults>> {
  void store;
  void villageIds;
  return new Map();
}
