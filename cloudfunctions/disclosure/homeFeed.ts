import type { HomeFeed, HomeFeedKept } from '../common/contracts/disclosure';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { homesOf, type HomeDoc } from './store';

/**
 * The parts of the village home read model that other contexts keep (the record chain head, the
 * latest notices and report, the open survey round). Each context writes its part recounted from
 * its own source on every change (so the kept part always equals a recount), and a rebuild of
 * the disclosure part leaves them in place. Never anything about a person (who voted is read
 * from the voter's own entry at read time).
 */
export type HomeFeedPart = Partial<HomeFeedKept>;

/**
 * Writes one part of a village's home. Before the village's first home exists, a stub holding
 * only the part is stored: the first read rebuilds the disclosure part around it.
 */
export async function putHomeFeed(store: Store, villageId: string, part: HomeFeedPart): Promise<void> {
  const homes = homesOf(store);
  if (await homes.update(villageId, { set: part })) return;
  try {
    await homes.insert({ _id: villageId, stub: true, lastPublishedAt: '', ...part } as never);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    await homes.update(villageId, { set: part });
  }
}

/**
 * The feed as the home shows it on `today` (China date key): an expired notice is no longer
 * pinned, a round past its end is no longer open. Whether the caller voted is not here.
 */
export function feedOf(doc: HomeDoc, today: string, nowIso: string): HomeFeed {
  const round = doc.round && (!doc.round.closesAt || doc.round.closesAt > nowIso) ? doc.round : null;
  return {
    notices: (doc.notices ?? []).map((n) => {
      const expired = n.expiresOn !== null && n.expiresOn < today;
      return { ...n, pinned: n.pinned && !expired, expired };
    }),
    report: doc.report ?? null,
    survey: round ? { round, eligible: false, voted: false } : null,
  };
}

/**
 * Moves the home's chain head forward to `chain`, never back: of two appends finishing out of
 * order, the later place in the chain stays.
 */
export async function keepChainHead(
  store: Store,
  villageId: string,
  chain: NonNullable<HomeFeedKept['chain']>,
): Promise<void> {
  const homes = homesOf(store);
  if (await homes.updateWhere({ _id: villageId, 'chain.seq': { $lt: chain.seq } }, { set: { chain } }))
    return;
  const doc = await homes.get(villageId);
  if (doc && (doc.chain?.seq ?? -1) >= chain.seq) return;
  await putHomeFeed(store, villageId, { chain });
}
