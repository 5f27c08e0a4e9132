/**
 * Meetings of record (001 二(四)): every quarter the 两委 report to the 党员大会 and to the
 * 村民代表会议; every month party members and representatives attend (列席) the 两委 meeting.
 * A period that has ended without its meeting is missing.
 */

import type { RecordKind } from '../../common/contracts/decisions';

/** Quarterly kinds use quarter keys ('2026-Q3'); attendance uses month keys ('2026-10'). */
export function isQuarterly(kind: RecordKind): boolean {
  return kind !== 'attendance';
}

export function periodOfDate(kind: RecordKind, dateKey: string): string {
  const month = dateKey.slice(0, 7);
  return isQuarterly(kind) ? quarterOfMonth(month) : month;
}

export function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive ('YYYY-MM'). */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export const recordKey = (kind: RecordKind, periodKey: string) => `${kind}:${periodKey}`;

export interface Missing {
  kind: RecordKind;
  periodKey: string;
}

/**
 * Ended periods since `since` (a month) with no record of that kind, oldest first, at most the
 * last `windowMonths` months. `held` holds recordKey()s; `today` a China date key.
 */
export function missingMeetings(
  since: string,
  today: string,
  held: ReadonlySet<string>,
  windowMonths = 12,
): Missing[] {
  const thisMonth = today.slice(0, 7);
  const earliest = [since, addMonths(thisMonth, -windowMonths)].sort()[1]!;
  const ended = monthsBetween(earliest, addMonths(thisMonth, -1));
  const out: Missing[] = [];
  for (const m of ended) {
    if (!held.has(recordKey('attendance', m))) out.push({ kind: 'attendance', periodKey: m });
    // A quarter has ended once its third month has.
    if (Number(m.slice(5, 7)) % 3 === 0) {
      const q = quarterOfMonth(m);
      // Only quarters wholly inside the tracked time count.
      if (addMonths(m, -2) < since) continue;
      for (const kind of ['reportToParty', 'reportToRepresentatives'] as const)
        if (!held.has(recordKey(kind, q))) out.push({ kind, periodKey: q });
    }
  }
  return out;
}
