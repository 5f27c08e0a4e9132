import { addMonths, monthIndex, monthKeyOf } from '../../common/periods';

/** 日常监管台账: each month's ledger is due by the 2nd of the next month (seed 000). */
export const LEDGER_DUE_DAY = 2;

export function ledgerDueOn(month: string): string {
  return `${addMonths(month, 1)}-${String(LEDGER_DUE_DAY).padStart(2, '0')}`;
}

export type LedgerState = 'onTime' | 'late' | 'missing' | 'notDue';

/** `submittedOn` and `today` are China dates ('YYYY-MM-DD'). */
export function ledgerState(month: string, submittedOn: string | null, today: string): LedgerState {
  const dueOn = ledgerDueOn(month);
  if (submittedOn) return submittedOn <= dueOn ? 'onTime' : 'late';
  return today > dueOn ? 'missing' : 'notDue';
}

/** Months of `year` from `since` whose ledger is past due on `today`. */
export function monthsDue(year: number, since: string, today: string): string[] {
  const out: string[] = [];
  const start = Math.max(monthIndex(since), monthIndex(`${year}-01`));
  for (let i = start; i <= monthIndex(`${year}-12`); i++) {
    const m = monthKeyOf(i);
    if (today > ledgerDueOn(m)) out.push(m);
  }
  return out;
}

/** Late and missing ledgers of one village, from what was filed per month and unit. */
export function ledgerMarks(
  filed: Record<string, Record<string, 'onTime' | 'late'>>,
  units: readonly string[],
  months: readonly string[],
): { late: number; missing: number; marks: { month: string; unitId: string; state: 'late' | 'missing' }[] } {
  const marks: { month: string; unitId: string; state: 'late' | 'missing' }[] = [];
  for (const m of months) {
    for (const u of units) {
      const s = filed[m]?.[u];
      if (!s) marks.push({ month: m, unitId: u, state: 'missing' });
      else if (s === 'late') marks.push({ month: m, unitId: u, state: 'late' });
    }
  }
  return {
    late: marks.filter((x) => x.state === 'late').length,
    missing: marks.filter((x) => x.state === 'missing').length,
    marks,
  };
}

/** The default schedule of seed 000: self-assessment by 6-25, forms by 6-30, to the city by 7-10. */
export function defaultSchedule(year: number) {
  return { selfAssessBy: `${year}-06-25`, submitBy: `${year}-06-30`, reportBy: `${year}-07-10` };
}
