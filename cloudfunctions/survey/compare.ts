import type { SurveyOutputs } from '../common/contracts/survey';
import { DomainError } from '../common/errors';
import { requireUser, villages } from '../common/identity';
import type { Ctx } from '../common/router';
import { unkeyedVillages } from '../common/townPage';
import { comparisonId } from './comparison';
import { surveyPeriodSortKey } from './domain/periods';
import { settle } from './rounds';
import { comparisonsOf, roundsOf, townPeriodsOf, type ComparisonDoc } from './store';

/** Periods newest first, by when they end. */
const byPeriodDesc = (a: string, b: string) => (surveyPeriodSortKey(b) > surveyPeriodSortKey(a) ? 1 : -1);

/** Rounds past their planned end closed per call before the page is read (the rest on the next). */
const SETTLE_PER_CALL = 20;
const KEYED = 'k:';
const UNKEYED = 'v:';
/** Every kept key sorts at or after this. */
const ANY_KEY = '0';

/**
 * The town comparison of a period, a page at a time in the order of the whole town, worst
 * first (the lowest approval rate: domain/compareOrder.ts), read by the key each village's
 * summary keeps (comparison.ts, written when a round closes), never by `skip`. Rounds of the
 * town past their planned end are closed first (up to 20 a call), so their villages take their
 * place. The cursor is `k:<key>` while villages with results remain, then `v:<village id>` for
 * the villages without a round in the period (they close the list; the page that ends the
 * others goes on with them). The same store operations at 66 villages or 2,000.
 */
export async function compareTown(
  input: { periodKey?: string; cursor?: string; limit: number },
  ctx: Ctx,
): Promise<SurveyOutputs['compare']> {
  const admin = requireUser(ctx.principal);
  if (!admin.roles.includes('townAdmin'))
    throw new DomainError('FORBIDDEN_ROLE', '只有镇管理员可以比较各村的测评结果');
  const townId = admin.townId;
  const now = ctx.clock.now();
  const due = await roundsOf(ctx.store).find(
    { townId, status: 'open', closesAt: { $lte: now.toISOString() } },
    { limit: SETTLE_PER_CALL },
  );
  for (const r of due) await settle(ctx.store, r, now);
  const periods = [...((await townPeriodsOf(ctx.store).get(townId))?.periods ?? [])].sort(byPeriodDesc);
  const periodKey = input.periodKey ?? periods[0] ?? null;
  const cursor = input.cursor ?? KEYED;
  const unkeyed = cursor.startsWith(UNKEYED) || periodKey === null;
  const after = cursor.slice(2);
  const keyed = { townId, periodKey };
  const unkeyedPage = (from: string | undefined, room: number) =>
    unkeyedVillages(ctx.store, townId, from, room, async (ids) => {
      if (!periodKey) return new Set<string>();
      const kept = await comparisonsOf(ctx.store).find(
        { _id: { $in: ids.map((id) => comparisonId(id, periodKey)) } },
        { fields: ['villageId', 'townId', 'sortKey'], limit: ids.length },
      );
      return new Set(kept.filter((k) => k.townId === townId && k.sortKey).map((k) => k.villageId));
    });
  const [page, keyedTotal, villageTotal] = await Promise.all([
    unkeyed
      ? Promise.resolve([] as ComparisonDoc[])
      : comparisonsOf(ctx.store).find(
          { ...keyed, sortKey: after ? { $gt: after } : { $gte: ANY_KEY } },
          { sort: { sortKey: 1 }, limit: input.limit + 1 },
        ),
    unkeyed ? Promise.resolve(0) : comparisonsOf(ctx.store).count({ ...keyed, sortKey: { $gte: ANY_KEY } }),
    villages(ctx.store).count({ townId }),
  ]);
  const kept = page.slice(0, input.limit);
  const last = kept[kept.length - 1];
  const moreKept = page.length > input.limit && last;
  const room = unkeyed ? input.limit : moreKept || keyedTotal >= villageTotal ? 0 : input.limit - kept.length;
  const rest = room
    ? await unkeyedPage(unkeyed && cursor.startsWith(UNKEYED) ? after || undefined : undefined, room)
    : { villages: [], next: moreKept || keyedTotal >= villageTotal ? null : '' };
  // A summary kept before it had a key (recounting gives it one) still shows its results.
  const legacy =
    periodKey && rest.villages.length
      ? await comparisonsOf(ctx.store).find(
          { _id: { $in: rest.villages.map((v) => comparisonId(v._id, periodKey)) } },
          { limit: rest.villages.length },
        )
      : [];
  const legacyOf = new Map(legacy.filter((k) => k.townId === townId).map((k) => [k.villageId, k]));
  const names = kept.length
    ? await villages(ctx.store).find(
        { _id: { $in: kept.map((k) => k.villageId) }, townId },
        { fields: ['name'], limit: kept.length },
      )
    : [];
  const nameOf = new Map(names.map((v) => [v._id, v.name]));
  const rows = [
    ...kept.map((k) => {
      const villageName = nameOf.get(k.villageId) ?? '';
      return {
        villageId: k.villageId,
        villageName,
        round: { ...k.round, villageName },
        indicators: k.indicators,
      };
    }),
    ...rest.villages.map((v) => {
      const k = legacyOf.get(v._id);
      return k
        ? {
            villageId: v._id,
            villageName: v.name,
            round: { ...k.round, villageName: v.name },
            indicators: k.indicators,
          }
        : { villageId: v._id, villageName: v.name, round: null, indicators: [] };
    }),
  ];
  const next = moreKept
    ? `${KEYED}${last.sortKey ?? ''}`
    : rest.next === null
      ? null
      : `${UNKEYED}${rest.next}`;
  return { periods, periodKey, rows, next, villageTotal };
}
