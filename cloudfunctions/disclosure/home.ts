import { assertMayName } from '../common/access';
import { chinaDateKey } from '../common/clock';
import type { CadenceStatus, VillageHome } from '../common/contracts/disclosure';
import { DomainError } from '../common/errors';
import { requireUser, towns, villages, type Principal, type VillageDoc } from '../common/identity';
import { DuplicateKeyError, type Store } from '../common/store/port';
import { storedChainHead } from '../record/public';
import { cadenceOf, cadenceSources, evaluateVillage, type CadenceSources } from './reads';
import { coverageOf, headsOf, homesOf, type CoverageDoc, type HomeDoc } from './store';
import { summaryOf } from './views';
import { feedOf } from './homeFeed';
import { firstGapDueOn, overviewKeyOf } from './domain/overviewOrder';

/** The village home read model and the cadence status views. */

/** The status views read the one cadence evaluation (disclosure/public.ts) as of today. */
export async function statusesOf(
  store: Store,
  vs: VillageDoc[],
  coverage: Map<string, CoverageDoc>,
  today: string,
): Promise<CadenceStatus[]> {
  const cadence = await cadenceOf(store, vs, { today });
  return vs.map((v) => {
    const c = cadence.get(v._id)!;
    return {
      villageId: v._id,
      villageName: v.name,
      lastPublishedAt: coverage.get(v._id)?.lastPublishedAt || null,
      state: c.state,
      overdue: c.overdue,
      dueSoon: c.dueSoon,
      lateMajor: c.lateMajor,
    };
  });
}

/** The status the home shows: the same evaluation, from the sources kept in the read model. */
function homeStatus(
  doc: HomeDoc,
  today: string,
): Omit<CadenceStatus, 'villageId' | 'villageName' | 'lastPublishedAt'> {
  const c = evaluateVillage(doc, doc.cadence, today);
  return { state: c.state, overdue: c.overdue, dueSoon: c.dueSoon, lateMajor: c.lateMajor };
}

/**
 * The village home read model recounted from its sources (heads, coverage, village, town) and
 * stored. A rebuild that read older sources than the stored one (a slower concurrent publish)
 * leaves the newer one in place: the stamp is the coverage's newest publication.
 */
export async function rebuildHome(store: Store, village: VillageDoc, today: string): Promise<HomeDoc> {
  const [chain, town, coverage, recent, latestFinance, sources] = await Promise.all([
    storedChainHead(store, village._id),
    towns(store).get(village.townId),
    coverageOf(store).get(village._id),
    headsOf(store).find({ villageId: village._id }, { sort: { firstPublishedAt: -1 }, limit: 6 }),
    headsOf(store).find(
      { villageId: village._id, category: 'finance' },
      { sort: { periodSort: -1 }, limit: 1 },
    ),
    cadenceSources(store, [village._id], today),
  ]);
  const cadence: CadenceSources = sources.get(village._id) ?? { published: [], majors: [] };
  const doc: HomeDoc = {
    _id: village._id,
    townId: village.townId,
    villageName: village.name,
    townName: town?.name ?? '',
    trackingSince: village.trackingSince,
    lastPublishedAt: coverage?.lastPublishedAt ?? '',
    cadence,
    overviewKey: overviewKeyOf(village._id, firstGapDueOn(village.trackingSince, today, cadence.published)),
    latestFinance: latestFinance[0] ?? null,
    recent,
    chain: chain ? { seq: chain.seq, fingerprint: chain.fingerprint, at: chain.at } : null,
    stub: false,
  };
  const { _id, ...rest } = doc;
  const homes = homesOf(store);
  // The feed parts other contexts keep stay as they are (a rebuild never drops them).
  if (await homes.updateWhere({ _id, lastPublishedAt: { $lte: rest.lastPublishedAt } }, { set: rest }))
    return (await homes.get(_id)) ?? doc;
  const stored = await homes.get(_id);
  if (stored && !stored.stub) return stored;
  try {
    await homes.insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  return doc;
}

/**
 * What the home page shows, from the read model. The cadence status is the one evaluation
 * every status view uses (reads.ts), taken as of `today` from the sources the model keeps.
 */
function homeView(doc: HomeDoc, now: Date): VillageHome {
  const today = chinaDateKey(now);
  return {
    feed: feedOf(doc, today, now.toISOString()),
    chain: doc.chain ?? null,
    village: { id: doc._id, name: doc.villageName, townName: doc.townName },
    status: {
      villageId: doc._id,
      villageName: doc.villageName,
      lastPublishedAt: doc.lastPublishedAt || null,
      ...homeStatus(doc, today),
    },
    latestFinance: doc.latestFinance ? summaryOf(doc.latestFinance) : null,
    recent: doc.recent.map(summaryOf),
  };
}

/**
 * The home of the caller's village (or, for a town admin, of the village of their town they
 * name): one `get` of the read model, rebuilt from the sources only when missing. Checks like
 * resolveVillage: a villager sees their own village only, a town admin the villages of their town.
 */
export async function villageHome(
  store: Store,
  p: Principal,
  requested: string | undefined,
  now: Date,
): Promise<VillageHome> {
  const today = chinaDateKey(now);
  const u = requireUser(p);
  const id = requested ?? u.villageId;
  if (!id) throw new DomainError('NOT_FOUND', '请选择要查看的村');
  assertMayName(u, id);
  let doc = await homesOf(store).get(id);
  if (!doc || doc.stub) {
    const v = await villages(store).get(id);
    if (!v) throw new DomainError('NOT_FOUND', '没有找到这个村');
    if (v.townId !== u.townId) throw new DomainError('FORBIDDEN_VILLAGE');
    doc = await rebuildHome(store, v, today);
  }
  if (doc.townId !== u.townId) throw new DomainError('FORBIDDEN_VILLAGE');
  return homeView(doc, now);
}
