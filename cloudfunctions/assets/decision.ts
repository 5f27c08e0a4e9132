import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { decisionFor, type DecisionRef } from '../decisions/public';

/**
 * The decision a contract, waiver or disposal rests on: of this village, passed, and passed on
 * or before `actOn` (the China date the act takes effect): decided first, then done, never a
 * resolution made afterwards to cover it.
 */
export async function requirePassedDecision(
  ctx: Ctx,
  villageId: string,
  decisionId: string,
  actOn: string,
): Promise<DecisionRef> {
  const d = await decisionFor(ctx.store, villageId, decisionId);
  if (!d) throw new DomainError('DECISION_NOT_FOUND');
  if (!d.passed) throw new DomainError('DECISION_NOT_PASSED');
  if (d.resolvedOn && d.resolvedOn > actOn) throw new DomainError('DECISION_AFTER_ACT');
  return d;
}
