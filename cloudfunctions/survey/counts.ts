import { chinaDateKey } from '../common/clock';
import { surveyPeriodSpan } from './domain/periods';
import type { RoundDoc } from './store';

/** Which rounds stand for their village, and in which order: one rule for every reader. */

/** A round counts for its village: closed, valid, and describing a period begun by its close. */
export function countsForVillage(r: RoundDoc): boolean {
  if (r.status !== 'closed' || r.valid === false) return false;
  const span = surveyPeriodSpan(r.periodKey);
  return !!span && span.first <= chinaDateKey(r.closedAt ?? r.openedAt);
}

/** Latest first: by close, then by opening. */
export function byLatestClose(a: RoundDoc, b: RoundDoc): number {
  const x = a.closedAt ?? a.openedAt;
  const y = b.closedAt ?? b.openedAt;
  return x === y ? (b.openedAt > a.openedAt ? 1 : -1) : y > x ? 1 : -1;
}
