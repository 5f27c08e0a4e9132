import type { ReceivableState } from '../../common/contracts/assets';

/** A receivable's state, from its facts and today's China date (the clock is the caller's). */
export interface ReceivableFacts {
  dueOn: string;
  receivedOn: string | null;
  waivedOn: string | null;
}

/** Received or waived settles it; otherwise it is overdue from the day after its due date. */
export function receivableState(r: ReceivableFacts, today: string): ReceivableState {
  if (r.receivedOn) return 'received';
  if (r.waivedOn) return 'waived';
  return r.dueOn < today ? 'overdue' : 'due';
}

/** Open receivables due within `days` of today (for reminders), not yet overdue. */
export function dueWithin(r: ReceivableFacts, today: string, until: string): boolean {
  return receivableState(r, today) === 'due' && r.dueOn <= until;
}
