import type { AssetRefusal, ContractKind, TermState } from '../../common/contracts/assets';

/** Rules of a contract (租赁、承包、土地流转): its term, its schedule, its decision, its state. */

/** Days before the end of a term when a contract shows as expiring. */
export const EXPIRY_WARNING_DAYS = 90;

/** `YYYY-MM-DD` plus `days` (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface ContractTerms {
  kind: ContractKind;
  startOn: string;
  endOn: string;
  amountFen: number;
  schedule: readonly { dueOn: string; amountFen: number }[];
}

/**
 * The first rule the terms break, or null: the term runs forward; the schedule lies within it in
 * date order; its amounts add up to the contract amount exactly (integer fen).
 */
export function termsProblem(t: ContractTerms): AssetRefusal | null {
  if (t.endOn <= t.startOn) return 'TERM_INVALID';
  let previous = '';
  for (const p of t.schedule) {
    if (p.dueOn < t.startOn || p.dueOn > t.endOn || p.dueOn < previous) return 'SCHEDULE_OUT_OF_TERM';
    previous = p.dueOn;
  }
  const sum = t.schedule.reduce((n, p) => n + p.amountFen, 0);
  return sum === t.amountFen ? null : 'SCHEDULE_MISMATCH';
}

/** Every land transfer, and any contract at or above the town's threshold, needs a passed decision. */
export function needsDecision(kind: ContractKind, amountFen: number, thresholdFen: number): boolean {
  return kind === 'landTransfer' || amountFen >= thresholdFen;
}

/**
 * Where a contract's term stands on `today`: ended once the object is handed back, expired but
 * still occupied after its end date until then, expiring within EXPIRY_WARNING_DAYS.
 */
export function termState(endOn: string, vacatedOn: string | null, today: string): TermState {
  if (vacatedOn) return 'ended';
  if (endOn < today) return 'expiredOccupied';
  if (endOn <= addDays(today, EXPIRY_WARNING_DAYS)) return 'expiring';
  return 'active';
}

/** Compound surnames read as one surname (欧阳某, not 欧某). */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '夏侯',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '独孤',
  '南宫',
  '西门',
  '端木',
  '呼延',
  '澹台',
  '万俟',
  '申屠',
  '轩辕',
];

/** A private person shown to villagers: surname only (张某). Organizations keep their name. */
export function publicCounterparty(kind: 'person' | 'organization', name: string): string {
  if (kind === 'organization') return name;
  const n = name.trim();
  const surname = COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > 2) ?? n.slice(0, 1);
  return `${surname}某`;
}
