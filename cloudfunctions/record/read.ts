import type { ChainEntry } from '../common/chain/chain';
import type { ChainItem } from '../common/contracts/record';
import type { Store } from '../common/store/port';
import { disclosureContent, payoutContent } from '../disclosure/public';
import { assetContent } from '../assets/public';
import { decisionStepContent } from '../decisions/public';
import { answerContent } from '../oversight/public';
import { noticeContent, reportContent, withdrawalContent } from '../report/public';
import { chainEntryOf, entriesOf } from './store';

/**
 * The public content of the record an entry names, read afresh from its context (null when it
 * is gone). Contexts added later register their kind here, next to the function that appends.
 */
async function contentOf(store: Store, e: ChainEntry): Promise<unknown | null> {
  switch (e.kind) {
    case 'disclosure':
      return disclosureContent(store, e.recordId, e.version);
    case 'notice':
      return noticeContent(store, e.recordId, e.version);
    case 'noticeWithdrawal':
      return withdrawalContent(store, e.recordId);
    case 'report':
      return reportContent(store, e.recordId);
    case 'payout':
      return payoutContent(store, e.recordId, e.version);
    case 'decision':
      return decisionStepContent(store, e.recordId);
    case 'answer':
      return answerContent(store, e.recordId, e.version);
    case 'asset':
      return assetContent(store, e.recordId);
    default:
      return null;
  }
}

/** Entries after `afterSeq` in chain order, each with its record's public content now. */
export async function chainPage(
  store: Store,
  villageId: string,
  afterSeq: number,
  limit: number,
): Promise<{ items: ChainItem[]; hasMore: boolean }> {
  const docs = await entriesOf(store).find(
    { villageId, seq: { $gt: afterSeq } },
    { sort: { seq: 1, _id: 1 }, limit: limit + 1 },
  );
  const page = docs.slice(0, limit);
  const items = await Promise.all(
    page.map(async (d) => ({ entry: chainEntryOf(d), content: await contentOf(store, d) })),
  );
  return { items, hasMore: docs.length > limit };
}
