import type { Role } from '../common/contracts/shared';
import { findAll, MAX_PAGE, type Store } from '../common/store/port';
import { rosterOf, type RosterEntryDoc } from './store';

/**
 * What other contexts may ask of the account context: the village roster, read only. A roster
 * entry claimed by someone (`claimedBy`, their openid) is that person: a cadre linked them
 * when approving the claim, so they are one voter, one recipient, one member.
 */
export interface RosterEntry {
  id: string;
  villageId: string;
  name: string;
  phoneLast4: string;
  roles: Role[];
  claimedBy: string | null;
}

const entryOf = (e: RosterEntryDoc): RosterEntry => ({
  id: e._id,
  villageId: e.villageId,
  name: e.name,
  phoneLast4: e.phoneLast4,
  roles: e.roles,
  claimedBy: e.claimedBy ?? null,
});

/** Every roster entry of a village (a village has hundreds, at most a few thousand). */
export async function villageRoster(store: Store, villageId: string): Promise<RosterEntry[]> {
  return (await findAll(rosterOf(store), { villageId })).map(entryOf);
}

/** One roster entry, if it exists. */
export async function rosterEntry(store: Store, id: string): Promise<RosterEntry | null> {
  const e = await rosterOf(store).get(id);
  return e ? entryOf(e) : null;
}

/** The roster entry linked to this person in their village, if any. */
export async function rosterEntryOfPerson(
  store: Store,
  villageId: string,
  openid: string,
): Promise<RosterEntry | null> {
  const found = await rosterOf(store).find({ villageId, claimedBy: openid }, { limit: 1 });
  return found[0] ? entryOf(found[0]) : null;
}

/** Roster entries by id, in pages (for reading the entries of a list). */
export async function rosterEntries(store: Store, ids: string[]): Promise<RosterEntry[]> {
  const out: RosterEntry[] = [];
  for (let i = 0; i < ids.length; i += MAX_PAGE) {
    const page = await rosterOf(store).find(
      { _id: { $in: ids.slice(i, i + MAX_PAGE) } },
      { limit: MAX_PAGE },
    );
    out.push(...page.map(entryOf));
  }
  return out;
}

/** 近亲属 declared by the village's cadres and 村监委 members (and they themselves): the 优亲厚友 check. */
export { villageRelatives, type VillageRelative } from './relativesStore';
