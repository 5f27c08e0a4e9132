/**
 * What other contexts may ask of the disclosure context: functions, never collections. The
 * reads live in reads.ts (this context's actions use them too); publishing for another context
 * goes through the publish use case itself.
 */
export {
  cadenceOf,
  disclosureVersionRef,
  disclosuresPublished,
  financeDisclosures,
  type CadenceEvaluation,
  type CadenceQuery,
  type DisclosureRef,
  type FinanceDisclosure,
  type PeriodReading,
  type PeriodState,
  type PublishedDisclosure,
} from './reads';
export { villageHome } from './home';
export { putHomeFeed, type HomeFeedPart } from './homeFeed';
export { disclosureContent, disclosureRecordOf } from './record';
export { payoutContent, payoutRowRef } from './payoutRecord';
export { refreshPayoutFlags } from './payoutFlags';
import type { Attachment } from '../common/contracts/disclosure';
import { disclosureInputs } from '../common/contracts/disclosure';
import type { Ctx } from '../common/router';
import { disclosureActions } from './actions';
import { DEFAULT_RULES } from './domain/cadence';

/** Days within which a major matter must be made public (disclosure's cadence rule, read here). */
export const MAJOR_MATTER_DAYS = DEFAULT_RULES.majorDays;

/**
 * Publishes a 村务 major matter (重大事项) for another context (decisions: 决议公开, 实施结果公开)
 * through disclosure's own publish use case, so the caller's role is checked, the record is
 * versioned and the cadence rules and the town overview see it. The same requestId returns the
 * same record (a retry publishes nothing twice). Returns the disclosure's seriesId.
 */
export async function publishMajorMatter(
  ctx: Ctx,
  m: {
    villageId: string;
    requestId: string;
    title: string;
    body: string;
    occurredOn: string;
    attachments?: Attachment[];
  },
): Promise<string> {
  const input = disclosureInputs.publish.parse({
    requestId: m.requestId,
    villageId: m.villageId,
    category: 'affairs',
    major: true,
    occurredOn: m.occurredOn,
    periodKey: m.occurredOn.slice(0, 7),
    title: m.title,
    body: m.body,
    attachments: m.attachments ?? [],
  });
  const detail = await disclosureActions.publish.run(input, ctx);
  return detail.seriesId;
}
