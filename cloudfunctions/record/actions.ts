import {
  CHAIN_PAGE,
  recordInputs as I,
  type ChainExport,
  type RecordOutputs,
} from '../common/contracts/record';
import { resolveVillage } from '../common/identity';
import { action } from '../common/router';
import { chainHead } from './public';
import { chainPage } from './read';

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
};
