import type { MonthReconciliation, ReconciliationState } from '../../common/contracts/assets';
import { addMonths } from '../../common/periods';
import { stateAt, type ChangeFacts } from './register';

/**
 * 资金 reconciled with 财务公开: a month's closing funds (the sum of the accounts' month-end
 * balances) must equal last month's closing funds plus the month's disclosed income minus its
 * disclosed expense. An account's month-end balance is its register value at the month's last
 * day, known only when a month-end balance entry was recorded in that month. Pure.
 */

export interface AccountHistory {
  id: string;
  changes: readonly ChangeFacts[];
}

export interface DisclosedMonth {
  periodKey: string;
  seriesId: string;
  version: number;
  title: string;
  incomeFen: number;
  expenseFen: number;
}

/** '2026-02' -> '2026-02-28' (the calendar's own last day). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 0, m ?? 1, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** The window ending with `month`, oldest first. */
export function monthsUpTo(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
}

/**
 * The funds held at the end of `month`, or null when some account held then has no month-end
 * balance recorded in that month (or no account was held at all).
 */
export function closingOf(accounts: readonly AccountHistory[], month: string): number | null {
  const end = monthEnd(month);
  let sum = 0;
  let held = 0;
  for (const a of accounts) {
    const s = stateAt(a.changes, end);
    if (!s || s.status === 'disposed') continue;
    held++;
    if (!a.changes.some((c) => c.kind === 'balance' && c.on.startsWith(month))) return null;
    sum += s.valueFen;
  }
  return held ? sum : null;
}

/**
 * Each month of `months` (oldest first) with its state. Checking starts with the first month a
 * balance was recorded in; months with neither balances nor a disclosure are left out.
 */
export function reconcile(
  accounts: readonly AccountHistory[],
  disclosed: readonly DisclosedMonth[],
  months: readonly string[],
): MonthReconciliation[] {
  const out: MonthReconciliation[] = [];
  const balances = accounts.flatMap((a) => a.changes.filter((c) => c.kind === 'balance').map((c) => c.on));
  const first = balances.length ? balances.reduce((a, b) => (a < b ? a : b)).slice(0, 7) : null;
  if (!first) return out;
  for (const month of months) {
    if (month < first) continue;
    const d = disclosed.find((x) => x.periodKey === month) ?? null;
    const closingFen = closingOf(accounts, month);
    if (closingFen === null && !d) continue;
    const openingFen = closingOf(accounts, addMonths(month, -1));
    const expectedFen = openingFen !== null && d ? openingFen + d.incomeFen - d.expenseFen : null;
    const differenceFen = expectedFen !== null && closingFen !== null ? closingFen - expectedFen : null;
    const state: ReconciliationState =
      closingFen === null
        ? 'noBalance'
        : openingFen === null
          ? 'noOpening'
          : !d
            ? 'noDisclosure'
            : differenceFen === 0
              ? 'matched'
              : 'mismatch';
    out.push({
      month,
      state,
      openingFen,
      incomeFen: d?.incomeFen ?? null,
      expenseFen: d?.expenseFen ?? null,
      closingFen,
      expectedFen,
      differenceFen,
      disclosure: d ? { seriesId: d.seriesId, version: d.version, title: d.title } : null,
    });
  }
  return out;
}
