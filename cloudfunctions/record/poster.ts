import type { z } from 'zod';
import { DOOR_PAGE, doorSceneOf } from '../common/door';
import { recordInputs as I, type RecordOutputs } from '../common/contracts/record';
import { DomainError } from '../common/errors';
import { requireRole, resolveVillage, towns, type VillageDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { DuplicateKeyError } from '../common/store/port';
import { chainHead } from './public';
import { doorCodesOf } from './store';

/**
 * The door poster (门牌二维码海报): a printable A4 sheet per village with a large code that
 * opens the village's home, and the village's public record fingerprint with its date. Cadres,
 * the 村监委 and the town print it; residents have nothing to print.
 */

/** The village's door code: made once per source (WeChat, or the local H5 address) and reused. */
async function doorCodeOf(ctx: Ctx, village: VillageDoc): Promise<string> {
  const scene = doorSceneOf(village._id);
  const maker = ctx.services?.doorCodeMaker;
  const stored = await doorCodesOf(ctx.store).get(village._id);
  if (
    stored &&
    stored.scene === scene &&
    stored.page === DOOR_PAGE &&
    (!maker || stored.source === maker.source())
  )
    return stored.src;
  if (!maker) throw new DomainError('DOOR_CODE_FAILED');
  let src: string;
  try {
    src = await maker.make({ villageId: village._id, scene, page: DOOR_PAGE });
  } catch (e) {
    ctx.log?.(`door code of ${village._id} failed`, e);
    throw new DomainError('DOOR_CODE_FAILED');
  }
  const doc = { src, source: maker.source(), scene, page: DOOR_PAGE, at: ctx.clock.now().toISOString() };
  if (stored) await doorCodesOf(ctx.store).update(village._id, { set: doc });
  else
    try {
      await doorCodesOf(ctx.store).insert({ _id: village._id, ...doc });
    } catch (e) {
      // Two printers at once: the first code stands.
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  return src;
}

export async function poster(input: z.output<typeof I.poster>, ctx: Ctx): Promise<RecordOutputs['poster']> {
  requireRole(ctx.principal, 'cadre', 'supervisor', 'townAdmin');
  const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
  const [code, head, town] = await Promise.all([
    doorCodeOf(ctx, village),
    chainHead(ctx.store, village._id),
    towns(ctx.store).get(village.townId),
  ]);
  return {
    villageId: village._id,
    villageName: village.name,
    townName: town?.name ?? '',
    code,
    head: head ? { seq: head.seq, fingerprint: head.fingerprint, at: head.at } : null,
  };
}
