import type { Principal } from '../common/identity';
import type { Store } from '../common/store/port';
import { putHomeFeed } from '../disclosure/public';
import { entriesOf, refsOfUser, voterKey } from './ballots';
import { openLocksOf, roundsOf, votersOf } from './store';

/**
 * Recounts the survey's part of the village home from its source (the village's open lock and
 * the round it holds) and stores it: the open round's id, period and end, or none. Called after
 * a round opens or closes, so the kept part always equals this recount.
 */
export async function keepRoundFeed(store: Store, villageId: string): Promise<void> {
  const lock = await openLocksOf(store).get(villageId);
  const round = lock?.roundId ? await roundsOf(store).get(lock.roundId) : null;
  await putHomeFeed(store, villageId, {
    round:
      round && round.status === 'open'
        ? { id: round._id, periodKey: round.periodKey, closesAt: round.closesAt ?? null }
        : null,
  });
}

/**
 * Whether the caller may answer the round and has answered it, from their own eligibility entry
 * (never from anything shared). Usually one read: the entry under their account; a person whose
 * roster entry was linked to them before the round opened is found through that entry.
 */
export async function myRoundEntry(
  store: Store,
  p: Principal,
  roundId: string,
): Promise<{ eligible: boolean; voted: boolean }> {
  const u = p.user;
  if (!u?.villageId) return { eligible: false, voted: false };
  const own = await votersOf(store).get(voterKey(roundId, { kind: 'user', id: u._id }));
  if (own) return { eligible: true, voted: own.voted };
  const entries = await entriesOf(store, roundId, await refsOfUser(store, u.villageId, u._id));
  return { eligible: entries.length > 0, voted: entries.some((e) => e.voted) };
}
