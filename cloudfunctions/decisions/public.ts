import type { DecisionStatus } from '../common/contracts/decisions';
import type { Store } from '../common/store/port';
import { decisionsOf } from './store';

/**
 * What other contexts may ask of decisions (e.g. a 三资 contract that needs a passed decision):
 * a decision of one village, with where it stands. null when there is none in that village.
 */
export interface DecisionRef {
  id: string;
  villageId: string;
  title: string;
  status: DecisionStatus;
  /** Whether the 村民代表会议 (村民会议) passed it: resolved or completed. */
  passed: boolean;
  /** China date of the passing resolution meeting. */
  resolvedOn: string | null;
}

export async function decisionFor(
  store: Store,
  villageId: string,
  decisionId: string,
): Promise<DecisionRef | null> {
  const d = await decisionsOf(store).get(decisionId);
  if (!d || d.villageId !== villageId) return null;
  const passed = d.status === 'resolved' || d.status === 'completed';
  return {
    id: d._id,
    villageId: d.villageId,
    title: d.title,
    status: d.status,
    passed,
    resolvedOn: passed ? (d.steps.find((s) => s.step === 'resolution')?.on ?? null) : null,
  };
}

/**
 * What anyone of the village may read of one decision (every decision is shown to the whole
 * village from its proposal on), so another context can point at it (e.g. 问题反映 about it).
 * null when there is none.
 */
export async function decisionRef(
  store: Store,
  decisionId: string,
): Promise<{ id: string; villageId: string; townId: string; title: string; label: string } | null> {
  const d = await decisionsOf(store).get(decisionId);
  if (!d) return null;
  return {
    id: d._id,
    villageId: d.villageId,
    townId: d.townId,
    title: d.title,
    label: `村级决策《${d.title}》`,
  };
}

/** The public content of a published step in the public record chain (record/read.ts). */
export { decisionStepContent } from './publicRecord';
