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
 * Ended periods since `since` (a month) that must have each kind's meeting, oldest first, at
 * most the last `windowMonths` months; `today` a China date key.
 */
export function endedPeriods(since: string, today: string, windowMonths = 12): Missing[] {
  const thisMonth = today.slice(0, 7);
  const earliest = [since, addMonths(thisMonth, -windowMonths)].sort()[1]!;
  const ended = monthsBetween(earliest, addMonths(thisMonth, -1));
  const out: Missing[] = [];
  for (const m of ended) {
    out.push({ kind: 'attendance', periodKey: m });
    // A quarter has ended once its third month has; only quarters wholly inside the tracked time count.
    if (Number(m.slice(5, 7)) % 3 === 0 && addMonths(m, -2) >= since) {
      const q = quarterOfMonth(m);
      for (const kind of ['reportToParty', 'reportToRepresentatives'] as const)
        out.push({ kind, periodKey: q });
    }
  }
  return out;
}

/** Ended periods with no record of that kind, oldest first. `held` holds recordKey()s. */
export function missingMeetings(
  since: string,
  today: string,
  held: ReadonlySet<string>,
  windowMonths = 12,
): Missing[] {
  return endedPeriods(since, today, windowMonths).filter((p) => !held.has(recordKey(p.kind, p.periodKey)));
}

/**
 * A meeting may be entered late (the paper minutes come in after the month closes), but a
 * record entered more than this many days after its period ended is a 补录 and shown as one:
 * it clears the period's missing mark without passing for an on-time record.
 */
export const LATE_ENTRY_GRACE_DAYS = 15;

/** The last day of a period ('2026-10' or '2026-Q3') as a date key. */
export function periodLastDay(kind: RecordKind, periodKey: string): string {
  const year = Number(periodKey.slice(0, 4));
  const month = isQuarterly(kind) ? Number(periodKey.slice(-1)) * 3 : Number(periodKey.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Whether a record entered on `enteredOn` (China date) is a 补录 of its period. */
export function isLateEntry(kind: RecordKind, periodKey: string, enteredOn: string): boolean {
  const end = new Date(`${periodLastDay(kind, periodKey)}T00:00:00Z`);
  const deadline = new Date(end.getTime() + LATE_ENTRY_GRACE_DAYS * 86_400_000).toISOString().slice(0, 10);
  return enteredOn > deadline;
}

/** Of the ended periods in the window: how many were recorded on time, how many as 补录, and what is missing. */
export function meetingTally(
  since: string,
  today: string,
  held: ReadonlySet<string>,
  late: ReadonlySet<string>,
): { onTime: number; late: number; missing: Missing[] } {
  let onTime = 0;
  let lateCount = 0;
  const missing: Missing[] = [];
  for (const p of endedPeriods(since, today)) {
    const key = recordKey(p.kind, p.periodKey);
    if (!held.has(key)) missing.push(p);
    else if (late.has(key)) lateCount++;
    else onTime++;
  }
  return { onTime, late: lateCount, missing };
}
