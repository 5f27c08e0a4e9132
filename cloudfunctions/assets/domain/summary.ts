import type { ContractKind } from '../../common/contracts/assets';
import { needsDecision, termState } from './contracts';

/**
 * What a village's 三资 figures are on a given day, from its summary: one place for the town
 * view, the monthly report and the index to read the same numbers.
 */
export interface SummaryFacts {
  contracts: readonly {
    kind: ContractKind;
    amountFen: number;
    endOn: string;
    vacatedOn: string | null;
    decided: boolean;
  }[];
  open: readonly { dueOn: string; amountFen: number }[];
}

export interface Warnings {
  overdue: { count: number; amountFen: number };
  expiring: number;
  expiredOccupied: number;
  withoutDecision: number;
}

export function warningsOf(s: SummaryFacts, today: string, thresholdFen: number): Warnings {
  const overdue = s.open.filter((r) => r.dueOn < today);
  const terms = s.contracts.map((c) => termState(c.endOn, c.vacatedOn, today));
  return {
    overdue: { count: overdue.length, amountFen: overdue.reduce((n, r) => n + r.amountFen, 0) },
    expiring: terms.filter((t) => t === 'expiring').length,
    expiredOccupied: terms.filter((t) => t === 'expiredOccupied').length,
    withoutDecision: s.contracts.filter(
      (c) => !c.decided && !c.vacatedOn && needsDecision(c.kind, c.amountFen, thresholdFen),
    ).length,
  };
}
