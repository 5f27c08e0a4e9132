import { villageRoster } from '../account/public';
import { DomainError } from '../common/errors';
import { users } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import type { Role } from '../common/contracts/shared';
import { keepRoundFeed } from './homeFeed';
import { sealIndicators, voterKey, type VoterRef } from './ballots';
import { indicatorsFor, type Indicator } from './domain/indicators';
import { surveyPeriodLabel } from './domain/periods';
import { tallyOf } from './read';
import { keepComparison } from './comparison';
import { openLocksOf, roundsOf, talliesOf, type RoundDoc, type VoterDoc } from './store';

/*
 * Rounds: opened and closed by the town only, for a real period, for a minimum time; a round
 * with too little participation is 无效 and never stands for its village.
 */

/** Why a round being prepared cannot be closed yet. */
const PREPARING_CLOSE = '这一轮测评还在准备，准备好（开始投票）后才能结束';

/**
 * The eligibility entries of a new round: everyone bound to the village and every roster entry
 * nobody has claimed (they vote on paper). A person whose roster entry is linked to them is one
 * entry (their roster entry), answering as the union of their roles in both.
 */
export async function eligibleVoters(
  store: Store,
  roundId: string,
  villageId: string,
  indicators: readonly Indicator[],
): Promise<{ voters: VoterDoc[]; eligible: Record<string, number> }> {
  const [members, roster] = await Promise.all([
    findAll(users(store), { villageId }),
    villageRoster(store, villageId),
  ]);
  const memberIds = new Set(members.map((m) => m._id));
  const entryOfUser = new Map(
    roster.filter((e) => e.claimedBy && memberIds.has(e.claimedBy)).map((e) => [e.claimedBy as string, e]),
  );
  const byKey = new Map<string, string[]>();
  const add = (ref: VoterRef, roles: readonly Role[]) => {
    const ids = indicatorsFor(indicators, roles).map((i) => i.id);
    const key = voterKey(roundId, ref);
    if (ids.length && !byKey.has(key)) byKey.set(key, ids);
  };
  for (const m of members) {
    const entry = entryOfUser.get(m._id);
    if (entry) add({ kind: 'roster', id: entry.id }, [...new Set([...m.roles, ...entry.roles])]);
    else add({ kind: 'user', id: m._id }, m.roles);
  }
  for (const e of roster)
    if (!e.claimedBy || !memberIds.has(e.claimedBy)) add({ kind: 'roster', id: e.id }, e.roles);
  const eligible: Record<string, number> = Object.fromEntries(indicators.map((i) => [i.id, 0]));
  for (const ids of byKey.values()) for (const id of ids) eligible[id] = (eligible[id] ?? 0) + 1;
  // In key order (a keyed hash): the order entries are stored in says nothing about the roster.
  const voters = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, ids]) => ({ _id: key, roundId, sealed: sealIndicators(ids), voted: false }));
  return { voters, eligible };
}

/**
 * Takes the village's open lock for `roundId` (see OpenLockDoc): a conditional write, so of
 * two openings at the same moment exactly one wins. A lock left by a round that closed without
 * freeing it is taken over; a lock of a round being opened, or open, refuses with ROUND_EXISTS.
 */
export async function claimOpenLock(store: Store, villageId: string, roundId: string, periodKey: string) {
  const locks = openLocksOf(store);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await locks.insert({ _id: villageId, roundId, periodKey });
      return;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    const lock = await locks.get(villageId);
    if (!lock) continue;
    if (lock.roundId === roundId) return; // a retry of this very opening
    if (lock.roundId !== null) {
      const holder = await roundsOf(store).get(lock.roundId);
      if (!holder || holder.status !== 'closed') {
        const label = surveyPeriodLabel(lock.periodKey ?? holder?.periodKey ?? '');
        throw new DomainError(
          'ROUND_EXISTS',
          holder?.status === 'open'
            ? `${label}的测评还在进行，请先结束它`
            : `${label}的测评正在准备，请稍后再试`,
        );
      }
    }
    const won = await locks.updateWhere(
      { _id: villageId, roundId: lock.roundId },
      { set: { roundId, periodKey } },
    );
    if (won === 1) return;
  }
  throw new DomainError('ROUND_EXISTS', '本村正在开启另一期测评，请稍后再试');
}

/** Frees the village's open lock if `roundId` holds it (idempotent). */
export async function releaseOpenLock(store: Store, villageId: string, roundId: string) {
  await openLocksOf(store).updateWhere(
    { _id: villageId, roundId },
    { set: { roundId: null, periodKey: null } },
  );
}

/** Whether a closed round with this participation is valid (at or above the floor). */
export function isValidParticipation(round: RoundDoc, ballots: number): boolean {
  const floor = round.participationFloor ?? 0;
  return round.eligibleVoters > 0 && ballots / round.eligibleVoters >= floor;
}

/**
 * Closes a round: the tally first (from then on no ballot is counted, so the count read after
 * is final), then the round with its validity, then the village's lock. Every step is
 * idempotent, so a retry after a failure, or two closes at once, finish the same close.
 */
export async function closeRound(store: Store, round: RoundDoc, at: Date, by: string): Promise<RoundDoc> {
  if (round.status === 'preparing') throw new DomainError('ROUND_PREPARING', PREPARING_CLOSE);
  await talliesOf(store).updateWhere({ _id: round._id, closed: { $ne: true } }, { set: { closed: true } });
  if (round.status === 'open') {
    const tally = await tallyOf(store, round);
    const closesAt = round.closesAt ?? null;
    await roundsOf(store).updateWhere(
      { _id: round._id, status: 'open' },
      {
        set: {
          status: 'closed',
          closedAt: at.toISOString(),
          closedBy: by,
          closedEarly: closesAt !== null && at.toISOString() < closesAt,
          valid: isValidParticipation(round, tally.ballots),
        },
      },
    );
  }
  await releaseOpenLock(store, round.villageId, round._id);
  await keepRoundFeed(store, round.villageId);
  const closed = (await roundsOf(store).get(round._id)) as RoundDoc;
  // The town comparison's summary of the village and period, from the final tally.
  await keepComparison(store, closed);
  return closed;
}

/** An open round past its planned end is closed (by the schedule) before anyone reads it. */
export async function settle(store: Store, round: RoundDoc, now: Date): Promise<RoundDoc> {
  if (round.status !== 'open' || !round.closesAt || round.closesAt > now.toISOString()) return round;
  return closeRound(store, round, new Date(round.closesAt), 'schedule');
}

/** Every round of a village, settled, newest first (by opening). */
export async function roundsOfVillage(store: Store, villageId: string, now: Date): Promise<RoundDoc[]> {
  const list = await findAll(roundsOf(store), { villageId });
  const settled = await Promise.all(list.map((r) => settle(store, r, now)));
  return settled.sort((a, b) => (b.openedAt > a.openedAt ? 1 : b.openedAt < a.openedAt ? -1 : 0));
}

export { byLatestClose, countsForVillage } from './counts';
