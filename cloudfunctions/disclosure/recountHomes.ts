import { chinaDateKey } from '../common/clock';
import type { DisclosureOutputs } from '../common/contracts/disclosure';
import { requireRole } from '../common/identity';
import type { Ctx } from '../common/router';
import { villagePage } from '../common/townPage';
import { rebuildHome } from './home';
import { homesOf } from './store';

/** Homes rebuilt at once within a page: the store's calls stay few in flight. */
const AT_ONCE = 10;

/**
 * The town admin's recount of the village homes of their town (the read model every publish and
 * correction keeps, home.ts `rebuildHome`), a page of villages at a time in id order: each home
 * is rebuilt from its sources, so a home kept before the overview order gets its `overviewKey`
 * and a village without a home gets one. A page is bounded (at most 100 villages), so a town of
 * 2,000 villages is recounted by calling again with `next` until it is null. Idempotent: a
 * second run on the same day writes the same documents; a publish running at the same time
 * keeps the newer home (rebuildHome's stamp). Only the caller's town is read or written.
 */
export async function recountHomes(
  input: { cursor?: string; limit: number },
  ctx: Ctx,
): Promise<DisclosureOutputs['recountHomes']> {
  const user = requireRole(ctx.principal, 'townAdmin');
  const today = chinaDateKey(ctx.clock.now());
  const page = await villagePage(ctx.store, user.townId, input.cursor, input.limit);
  const ids = page.villages.map((v) => v._id);
  const before = ids.length
    ? await homesOf(ctx.store).find({ _id: { $in: ids } }, { fields: ['overviewKey'], limit: ids.length })
    : [];
  const keyed = new Set(before.filter((h) => h.overviewKey).map((h) => h._id));
  for (let i = 0; i < page.villages.length; i += AT_ONCE)
    await Promise.all(page.villages.slice(i, i + AT_ONCE).map((v) => rebuildHome(ctx.store, v, today)));
  return {
    villages: ids.length,
    keyed: ids.filter((id) => !keyed.has(id)).length,
    next: page.next,
    villageTotal: page.total,
  };
}
