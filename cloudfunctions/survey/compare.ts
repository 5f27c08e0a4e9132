import type { SurveyOutputs } from '../common/contracts/survey';
import { DomainError } from '../common/errors';
import { requireUser } from '../common/identity';
import type { Ctx } from '../common/router';
import { villagePage } from '../common/townPage';
import { comparisonId } from './comparison';
import { surveyPeriodSortKey } from './domain/periods';
import { settle } from './rounds';
import { comparisonsOf, roundsOf, townPeriodsOf } from './store';

/** Periods newest first, by when they end. */
const byPeriodDesc = (a: string, b: string) => (surveyPeriodSortKey(b) > surveyPeriodSortKey(a) ? 1 : -1);

/**
 * The town comparison, a page of villages at a time, from the summaries kept when rounds close
 * (comparison.ts): the page of villages, their count, the rounds of the page past their planned
 * end (closed now, which keeps their summaries), the town's periods and the page's summaries.
 * Five store operations, the same at 66 villages or 2,000.
 */
export async function compareTown(
  input: { periodKey?: string; cursor?: string; limit: number },
  ctx: Ctx,
): Promise<SurveyOutputs['compare']> {
  const admin = requireUser(ctx.principal);
  if (!admin.roles.includes('townAdmin'))
    throw new DomainError('FORBIDDEN_ROLE', '只有镇管理员可以比较各村的测评结果');
  const now = ctx.clock.now();
  const page = await villagePage(ctx.store, admin.townId, input.cursor, input.limit);
  const ids = page.villages.map((v) => v._id);
  if (ids.length) {
    const due = await roundsOf(ctx.store).find(
      { villageId: { $in: ids }, status: 'open', closesAt: { $lte: now.toISOString() } },
      { limit: ids.length },
    );
    for (const r of due) await settle(ctx.store, r, now);
  }
  const periods = [...((await townPeriodsOf(ctx.store).get(admin.townId))?.periods ?? [])].sort(byPeriodDesc);
  const periodKey = input.periodKey ?? periods[0] ?? null;
  const kept =
    periodKey && ids.length
      ? await comparisonsOf(ctx.store).find(
          { _id: { $in: ids.map((id) => comparisonId(id, periodKey)) } },
          { limit: ids.length },
        )
      : [];
  const byVillage = new Map(kept.map((k) => [k.villageId, k]));
  const rows = page.villages
    .map((v) => {
      const k = byVillage.get(v._id);
      if (!k || k.townId !== admin.townId)
        return { villageId: v._id, villageName: v.name, round: null, indicators: [] };
      return {
        villageId: v._id,
        villageName: v.name,
        round: { ...k.round, villageName: v.name },
        indicators: k.indicators,
      };
    })
    .sort((a, b) => (a.villageName < b.villageName ? -1 : a.villageName > b.villageName ? 1 : 0));
  return { periods, periodKey, rows, next: page.next, villageTotal: page.total };
}
