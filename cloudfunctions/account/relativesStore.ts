import { RELATION_LABELS, type DeclaredRelative } from '../common/contracts/payouts';
import { users } from '../common/identity';
import { findAll, type Collection, type Doc, type Store } from '../common/store/port';

/** The account context's 近亲属 declarations (private to the context; read through public.ts). */

/** The declaration in force, one per person and village. _id = `${villageId}:${openid}`. */
export interface RelativesDoc extends Doc {
  villageId: string;
  townId: string;
  openid: string;
  declarer: string;
  roles: string[];
  version: number;
  relatives: DeclaredRelative[];
  /** Everyone this person ever declared (name + roster entry), never shrinking. */
  ever: DeclaredRelative[];
  declaredAt: string;
}

/** Every declaration as made. _id = `${villageId}:${openid}.v${version}`. */
export interface RelativesVersionDoc extends Doc {
  villageId: string;
  openid: string;
  version: number;
  requestId: string;
  relatives: DeclaredRelative[];
  declaredAt: string;
}

export const relativesOf = (s: Store): Collection<RelativesDoc> => s.collection<RelativesDoc>('relatives');
export const relativeVersionsOf = (s: Store): Collection<RelativesVersionDoc> =>
  s.collection<RelativesVersionDoc>('relativeVersions');

/** One relative a cadre or 村监委 member declared (or the person themself), for the 优亲厚友 check. */
export interface VillageRelative {
  name: string;
  rosterId: string | null;
  relation: string;
  /** e.g. 村干部 李明华 */
  of: string;
}

/**
 * Everyone ever declared by the village's cadres and 村监委 members, and those people
 * themselves (a payout to a cadre is flagged too). One query on the village.
 */
export async function villageRelatives(store: Store, villageId: string): Promise<VillageRelative[]> {
  const docs = await findAll(relativesOf(store), { villageId });
  const people = await findAll(users(store), { villageId }, { fields: ['name', 'roles'] });
  const out: VillageRelative[] = [];
  const title = (roles: string[]) => (roles.includes('cadre') ? '村干部' : '村监委');
  // The cadres and 村监委 members themselves, declared or not.
  for (const u of people) {
    if (!u.roles.some((r) => r === 'cadre' || r === 'supervisor')) continue;
    out.push({
      name: u.name,
      rosterId: null,
      relation: RELATION_LABELS.self,
      of: `${title(u.roles)} ${u.name}`,
    });
  }
  for (const d of docs) {
    const of = `${title(d.roles)} ${d.declarer}`;
    for (const r of d.ever) {
      out.push({ name: r.name, rosterId: r.rosterId ?? null, relation: RELATION_LABELS[r.relation], of });
    }
  }
  return out;
}
