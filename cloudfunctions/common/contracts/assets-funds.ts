/**
 * 资金: month-end balances of the village's accounts reconciled with the 财务公开 totals. Shared by
 * the server and the pages; assets.ts re-exports it.
 */

/**
 * How one month reconciles: the accounts' month-end balances against last month's plus the
 * month's disclosed income minus its disclosed expense.
 *  - matched / mismatch: both balances and the disclosure are there;
 *  - noBalance: some account held at the month's end has no month-end balance for it;
 *  - noOpening: last month's balances are missing, so there is nothing to start from;
 *  - noDisclosure: the month's 财务公开 has not been published.
 */
export const RECONCILIATION_STATES = [
  'matched',
  'mismatch',
  'noBalance',
  'noOpening',
  'noDisclosure',
] as const;
export type ReconciliationState = (typeof RECONCILIATION_STATES)[number];

export const RECONCILIATION_STATE_LABELS: Record<ReconciliationState, string> = {
  matched: '账实相符',
  mismatch: '余额与财务公开不符',
  noBalance: '月末余额未登记',
  noOpening: '上月余额未登记，无法核对',
  noDisclosure: '本月财务尚未公开',
};

/** Months shown and checked: the current month and the eleven before it. */
export const RECONCILIATION_MONTHS = 12;

export interface MonthReconciliation {
  /** 'YYYY-MM' (pages format it as 2026年11月). */
  month: string;
  state: ReconciliationState;
  /** Sum of the accounts' balances at the end of the month before; null when not all are known. */
  openingFen: number | null;
  /** Disclosed income and expense of the month; null without a disclosure. */
  incomeFen: number | null;
  expenseFen: number | null;
  /** Sum of the accounts' balances at the end of the month; null when not all are known. */
  closingFen: number | null;
  /** opening + income − expense; null when any of them is unknown. */
  expectedFen: number | null;
  /** closing − expected; 0 when matched. */
  differenceFen: number | null;
  /** The 财务公开 the totals come from (its current version). */
  disclosure: { seriesId: string; version: number; title: string } | null;
}

export interface FundsAccountView {
  id: string;
  code: string;
  name: string;
  balanceFen: number;
  /** Months ('YYYY-MM') of the window with a month-end balance recorded. */
  months: string[];
}

export interface FundsReconciliation {
  villageName: string;
  asOf: string;
  accounts: FundsAccountView[];
  /** Newest first, from the first month with a balance; months with neither balances nor a disclosure are left out. */
  months: MonthReconciliation[];
}
