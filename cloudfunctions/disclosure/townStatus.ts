import { chinaDateKey } from '../common/clock';
import type { CadenceStatus, DisclosureOutputs } from '../common/contracts/disclosure';
import { requireRole, towns, villages, type VillageDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import type { Store } from '../common/store/port';
import { unkeyedVillages } from '../common/townPage';
import { cadenceOf, evaluateVillage, type CadenceEvaluation } from './reads';
import { coverageOf, homesOf } from './store';

const KEYED = 'k:';
const UNKEYED = 'v:';
/** Every kept key (a date first) sorts at or after this. */
const ANY_KEY = '0';

/**
 * The town's disclosure overview, a page at a time in the order of the whole town, worst first:
 * overdue first, by the earliest due date (domain/overviewOrder.ts), read by the key each
 * village's home read model keeps (`villageHomes`, kept by every publish and correction), never
 * by `skip`. Each village's status is the one cadence evaluation (reads.ts `evaluateVillage`) of
 * the sources its home keeps: the overview and the village home read the same document with the
 * same function, so they can never disagree.
 *
 * Villages without a kept key come first, in id order: without a home they have published
 * nothing (a publication keeps the key), so none is further behind; they are evaluated from
 * their heads by the same function. (A home kept before the key is among them until its next
 * publication.) The page that ends them goes on with the keyed ones. The cursor is
 * `v:<village id>` among the unkeyed, then `k:<key>`. Store operations per page: the town, the
 * page of homes, their count and the town's village count (and, while unkeyed villages remain,
 * their window); the same at 6 villages or 2,000.
 */
export async function townStatus(
  input: { cursor?: string; limit: number },
  ctx: Ctx,
): Promise<DisclosureOutputs['townStatus']> {
  const user = requireRole(ctx.principal, 'townAdmin');
  const townId = user.townId;
  const today = chinaDateKey(ctx.clock.now());
  // No cursor (or one of the old village-id paging): from the top.
  const cursor = input.cursor?.startsWith(KEYED) || input.cursor?.startsWith(UNKEYED) ? input.cursor : '';
  const after = cursor.slice(2);
  const homes = homesOf(ctx.store);
  const [town, page, keyedTotal, villageTotal] = await Promise.all([
    towns(ctx.store).get(townId),
    // The keyed page after the cursor; from the top while the unkeyed are read (they end there).
    homes.find(
      { townId, overviewKey: cursor.startsWith(KEYED) && after ? { $gt: after } : { $gte: ANY_KEY } },
      { sort: { overviewKey: 1 }, limit: input.limit + 1 },
    ),
    homes.count({ townId, overviewKey: { $gte: ANY_KEY } }),
    villages(ctx.store).count({ townId }),
  ]);
  const amongUnkeyed = !cursor.startsWith(KEYED) && keyedTotal < villageTotal;
  const rest = amongUnkeyed
    ? await unkeyedVillages(ctx.store, townId, after || undefined, input.limit, async (ids) => {
        const found = await homes.find(
          { _id: { $in: ids } },
          { fields: ['townId', 'overviewKey'], limit: ids.length },
        );
        return new Set(found.filter((h) => h.townId === townId && h.overviewKey).map((h) => h._id));
      })
    : { villages: [], next: null };
  const room = rest.next === null ? input.limit - rest.villages.length : 0;
  const kept = page.slice(0, room);
  const last = kept[kept.length - 1];
  const next =
    rest.next !== null
      ? `${UNKEYED}${rest.next}`
      : page.length > kept.length && last
        ? `${KEYED}${last.overviewKey ?? ''}`
        : kept.length === 0 && room === 0 && page.length
          ? `${KEYED}`
          : null;
  const statuses = [
    ...(await unkeyedStatuses(
      ctx.store,
      rest.villages.map((v) => v._id),
      today,
    )),
    ...kept.map((h) => statusOf(h, evaluateVillage(h, h.cadence, today), h.lastPublishedAt)),
  ];
  return { townName: town?.name ?? '', asOf: today, villages: statuses, next, villageTotal };
}

function statusOf(
  v: { _id: string; villageName?: string; name?: string },
  c: CadenceEvaluation,
  lastPublishedAt: string | undefined,
): CadenceStatus {
  return {
    villageId: v._id,
    villageName: v.villageName ?? v.name ?? '',
    lastPublishedAt: lastPublishedAt || null,
    state: c.state,
    overdue: c.overdue,
    dueSoon: c.dueSoon,
    lateMajor: c.lateMajor,
  };
}

/**
 * Villages without a kept key, in the given order: from their home where one exists (a home kept
 * before the key), else from their heads and coverage, by the same evaluation.
 */
async function unkeyedStatuses(store: Store, ids: string[], today: string): Promise<CadenceStatus[]> {
  if (!ids.length) return [];
  const [vs, found] = await Promise.all([
    villages(store).find({ _id: { $in: ids } }, { limit: ids.length }),
    homesOf(store).find({ _id: { $in: ids } }, { limit: ids.length }),
  ]);
  const byId = new Map(vs.map((v) => [v._id, v]));
  const homeOf = new Map(found.filter((h) => !h.stub && h.cadence).map((h) => [h._id, h]));
  const missing = vs.filter((v) => !homeOf.has(v._id));
  const [cadence, coverage] = missing.length
    ? await Promise.all([
        cadenceOf(store, missing, { today }),
        coverageOf(store).find({ _id: { $in: missing.map((v) => v._id) } }, { limit: missing.length }),
      ])
    : [new Map<string, CadenceEvaluation>(), []];
  const lastOf = new Map(coverage.map((c) => [c._id, c.lastPublishedAt]));
  return ids.flatMap((id) => {
    const v: VillageDoc | undefined = byId.get(id);
    if (!v) return [];
    const h = homeOf.get(id);
    if (h) return [statusOf(v, evaluateVillage(h, h.cadence, today), h.lastPublishedAt)];
    const c = cadence.get(id);
    return c ? [statusOf(v, c, lastOf.get(id))] : [];
  });
}
