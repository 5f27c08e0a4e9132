import { chinaDateKey } from '../common/clock';
import type { CadenceStatus, DisclosureOutputs } from '../common/contracts/disclosure';
import { requireRole, towns, type VillageDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import type { Store } from '../common/store/port';
import { villagePage } from '../common/townPage';
import { cadenceOf, evaluateVillage, type CadenceEvaluation } from './reads';
import { coverageOf, homesOf } from './store';

/**
 * The town's disclosure overview, a page of villages at a time. Each village's status is the
 * one cadence evaluation (reads.ts `evaluateVillage`) of the sources its home read model keeps
 * (`villageHomes`, kept by every publish and correction): the overview and the village home
 * read the same document with the same function, so they can never disagree. A village without
 * a home yet (never published since) is evaluated from its heads, by the same function.
 * Store operations per page: the town, the page of villages, their count, their homes; the
 * same at 6 villages or 2,000.
 */
export async function townStatus(
  input: { cursor?: string; limit: number },
  ctx: Ctx,
): Promise<DisclosureOutputs['townStatus']> {
  const user = requireRole(ctx.principal, 'townAdmin');
  const today = chinaDateKey(ctx.clock.now());
  const [town, page] = await Promise.all([
    towns(ctx.store).get(user.townId),
    villagePage(ctx.store, user.townId, input.cursor, input.limit),
  ]);
  const statuses = await statusesOf(ctx.store, page.villages, today);
  // Villages with the most overdue items first, then the most late major matters, then by name.
  statuses.sort(
    (a, b) =>
      b.overdue.length - a.overdue.length ||
      b.lateMajor.length - a.lateMajor.length ||
      a.villageName.localeCompare(b.villageName, 'zh'),
  );
  return {
    townName: town?.name ?? '',
    asOf: today,
    villages: statuses,
    next: page.next,
    villageTotal: page.total,
  };
}

async function statusesOf(store: Store, vs: VillageDoc[], today: string): Promise<CadenceStatus[]> {
  if (!vs.length) return [];
  const ids = vs.map((v) => v._id);
  const homes = await homesOf(store).find({ _id: { $in: ids } }, { limit: ids.length });
  const byId = new Map(homes.map((h) => [h._id, h]));
  const evaluated = new Map<string, CadenceEvaluation>();
  const last = new Map<string, string>();
  for (const h of homes) {
    evaluated.set(h._id, evaluateVillage(h, h.cadence, today));
    last.set(h._id, h.lastPublishedAt);
  }
  const missing = vs.filter((v) => !byId.has(v._id));
  if (missing.length) {
    const missingIds = missing.map((v) => v._id);
    const [cadence, coverage] = await Promise.all([
      cadenceOf(store, missing, { today }),
      coverageOf(store).find({ _id: { $in: missingIds } }, { limit: missingIds.length }),
    ]);
    for (const [id, c] of cadence) evaluated.set(id, c);
    for (const c of coverage) last.set(c._id, c.lastPublishedAt);
  }
  return vs.map((v) => {
    const c = evaluated.get(v._id) as CadenceEvaluation;
    return {
      villageId: v._id,
      villageName: v.name,
      lastPublishedAt: last.get(v._id) || null,
      state: c.state,
      overdue: c.overdue,
      dueSoon: c.dueSoon,
      lateMajor: c.lateMajor,
    };
  });
}
