import { chinaDateKey } from '../common/clock';
import { disclosureInputs as I, type VillageHome } from '../common/contracts/disclosure';
import { DomainError } from '../common/errors';
import { resolveVillage } from '../common/identity';
import { action } from '../common/router';
import { versionId } from './heads';
import { statusesOf, villageHome } from './home';
import { coverageOf, headsOf, versionsOf } from './store';
import { detailOf, summaryOf } from './views';

/** Reading 三务公开: lists, one version, the village home, cadence status for the village and the town. */

export const list = action(I.list, async (input, ctx) => {
  const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
  const query: Record<string, string | number> = { villageId: village._id };
  if (input.category) query.category = input.category;
  if (input.year) query.year = input.year;
  const page = await headsOf(ctx.store).find(query, {
    sort: { periodSort: -1, firstPublishedAt: -1, _id: 1 },
    skip: input.skip,
    limit: input.limit + 1,
  });
  return { items: page.slice(0, input.limit).map(summaryOf), hasMore: page.length > input.limit };
});

export const get = action(I.get, async (input, ctx) => {
  const head = await headsOf(ctx.store).get(input.seriesId);
  if (!head) throw new DomainError('NOT_FOUND');
  await resolveVillage(ctx.store, ctx.principal, head.villageId);
  const v = await versionsOf(ctx.store).get(versionId(head._id, input.version ?? head.version));
  if (!v) throw new DomainError('NOT_FOUND', '没有这个版本');
  return detailOf(ctx.store, v, head);
});

export const home = action(
  I.home,
  async (input, ctx): Promise<VillageHome> =>
    villageHome(ctx.store, ctx.principal, input.villageId, ctx.clock.now()),
);

export const status = action(I.status, async (input, ctx) => {
  const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
  const today = chinaDateKey(ctx.clock.now());
  const coverage = await coverageOf(ctx.store).get(village._id);
  const [status] = await statusesOf(
    ctx.store,
    [village],
    new Map(coverage ? [[village._id, coverage]] : []),
    today,
  );
  // One village in, one status out.
  return status!;
});
