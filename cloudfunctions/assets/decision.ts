import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { decisionFor, type DecisionRef } from '../decisions/public';

/** The decision a contract, waiver or disposal rests on: of this village, and passed. */
export async function requirePassedDecision(
  ctx: Ctx,
  villageId: string,
  decisionId: string,
): Promise<DecisionRef> {
  const d = await decisionFor(ctx.store, villageId, decisionId);
  if (!d) throw new DomainError('DECISION_NOT_FOUND');
  if (!d.passed) throw new DomainError('DECISION_NOT_PASSED');
  return d;
}
