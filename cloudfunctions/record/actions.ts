import {
  CHAIN_PAGE,
  recordInputs as I,
  type ChainExport,
  type RecordOutputs,
  type TownExport,
} from '../common/contracts/record';
import { requireRole, requireUser, resolveVillage, towns } from '../common/identity';
import { action } from '../common/router';
import { chainHead } from './public';
import { poster } from './poster';
import { chainPage } from './read';
import { latestTownEntry, townHeadView, townRecord } from './town';

const headView = (h: Awaited<ReturnType<typeof chainHead>>) =>
  h ? { seq: h.seq, fingerprint: h.fingerprint, at: h.at } : null;

/** Reads of the public record chain: anyone of the village (and the town) may check it. */
export const recordActions = {
  head: action(I.head, async (input, ctx): Promise<RecordOutputs['head']> => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    return {
      villageId: village._id,
      villageName: village.name,
      head: headView(await chainHead(ctx.store, village._id)),
    };
  }),

  entries: action(I.entries, async (input, ctx): Promise<RecordOutputs['entries']> => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const head = headView(await chainHead(ctx.store, village._id));
    const page = await chainPage(ctx.store, village._id, input.afterSeq, input.limit);
    return { villageName: village.name, head, ...page };
  }),

  exportChain: action(I.exportChain, async (input, ctx): Promise<ChainExport> => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const head = headView(await chainHead(ctx.store, village._id));
    const items: ChainExport['items'] = [];
    for (let after = 0; ; ) {
      const page = await chainPage(ctx.store, village._id, after, CHAIN_PAGE);
      items.push(...page.items);
      if (!page.hasMore || !page.items.length) break;
      after = page.items[page.items.length - 1]?.entry.seq ?? after;
    }
    return {
      format: 'qinglian-public-record/1',
      villageId: village._id,
      villageName: village.name,
      exportedAt: ctx.clock.now().toISOString(),
      head,
      items,
    };
  }),

  poster: action(I.poster, poster),

  /** The town's latest daily fingerprint: anyone bound in the town may read it. */
  townHead: action(I.townHead, async (_input, ctx): Promise<RecordOutputs['townHead']> => {
    const user = requireUser(ctx.principal);
    const town = await towns(ctx.store).get(user.townId);
    return {
      townId: user.townId,
      townName: town?.name ?? '',
      head: townHeadView(await latestTownEntry(ctx.store, user.townId)),
    };
  }),

  /** The town's daily chain with its villages' entries: the town admin exports it for auditors. */
  exportTown: action(I.exportTown, async (_input, ctx): Promise<TownExport> => {
    const user = requireRole(ctx.principal, 'townAdmin');
    const town = await towns(ctx.store).get(user.townId);
    const { entries, villages } = await townRecord(ctx.store, user.townId);
    return {
      format: 'qinglian-town-record/1',
      townId: user.townId,
      townName: town?.name ?? '',
      exportedAt: ctx.clock.now().toISOString(),
      head: townHeadView(entries[entries.length - 1] ?? null),
      entries,
      villages,
    };
  }),
};
