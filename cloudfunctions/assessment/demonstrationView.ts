import type { Demonstration, DemonstrationCandidate } from '../common/contracts/assessment';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { requireRole, villages } from '../common/identity';
import { action } from '../common/router';
import { villagePage } from '../common/townPage';
import { FIVE_GOOD_INDICATORS } from '../survey/public';
import { demonstrationId, surveyRoundOf } from './demonstrationKeys';
import { candidateOf } from './domain/demonstration';
import { tierLabel, type ScoringScheme } from './domain/scoring';
import { chinaYear, loadRules } from './sheet';
import { demonstrationsOf, type DemonstrationDoc } from './store';

/**
 * 示范点推荐, a page at a time in the order of the whole town (eligible villages first, by
 * score): the page is read by the key each village keeps on write (demonstrationKeys.ts), from
 * the cursor on, never by `skip`. The cursor is `k:<key>` while keyed villages remain, then
 * `v:<village id>` for villages with nothing kept yet (no sheet and no survey round: never
 * eligible, so they close the list; the recount keeps a key for every village). The same store
 * operations at 66 villages or 2,000.
 */

const KEYED = 'k:';
const UNKEYED = 'v:';

function rowOf(
  d: Pick<DemonstrationDoc, 'villageId' | 'state' | 'score' | 'tierKey' | 'confirmed' | 'vetoes' | 'survey'>,
  name: string,
  scheme: ScoringScheme,
  year: number,
): DemonstrationCandidate {
  return candidateOf(
    {
      villageId: d.villageId,
      villageName: name,
      state: d.state,
      score: d.score,
      tierLabel: d.tierKey ? tierLabel(scheme, d.tierKey) : null,
      confirmed: d.confirmed,
      vetoes: d.vetoes,
    },
    surveyRoundOf(d.survey),
    year,
    FIVE_GOOD_INDICATORS,
  );
}

export function demonstrationActions() {
  return {
    demonstration: action(I.demonstration, async (input, ctx): Promise<Demonstration> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const year = input.year ?? chinaYear(ctx.clock.now());
      const townId = user.townId;
      const cursor = input.cursor ?? KEYED;
      const keyed = { townId, year };
      if (cursor.startsWith(UNKEYED)) {
        // The villages with nothing kept, in id order, after the keyed ones.
        const after = cursor.slice(UNKEYED.length) || undefined;
        const [rules, page, eligible] = await Promise.all([
          loadRules(ctx.store, townId, year),
          villagePage(ctx.store, townId, after, input.limit),
          demonstrationsOf(ctx.store).count({ ...keyed, eligible: true }),
        ]);
        const ids = page.villages.map((v) => v._id);
        const kept = ids.length
          ? await demonstrationsOf(ctx.store).find(
              { _id: { $in: ids.map((id) => demonstrationId(id, year)) } },
              { fields: ['villageId'], limit: ids.length },
            )
          : [];
        const has = new Set(kept.map((k) => k.villageId));
        const none = {
          state: 'none' as const,
          score: null,
          tierKey: null,
          confirmed: false,
          vetoes: [],
          survey: null,
        };
        return {
          year,
          villages: page.villages
            .filter((v) => !has.has(v._id))
            .map((v) => rowOf({ villageId: v._id, ...none }, v.name, rules.scheme, year)),
          eligible,
          next: page.next ? `${UNKEYED}${page.next}` : null,
          villageTotal: page.total,
        };
      }
      const after = cursor.slice(KEYED.length);
      const [rules, page, before, eligible, keptTotal, villageTotal] = await Promise.all([
        loadRules(ctx.store, townId, year),
        demonstrationsOf(ctx.store).find(after ? { ...keyed, sortKey: { $gt: after } } : keyed, {
          sort: { sortKey: 1 },
          limit: input.limit + 1,
        }),
        after
          ? demonstrationsOf(ctx.store).count({ ...keyed, sortKey: { $lte: after } })
          : Promise.resolve(0),
        demonstrationsOf(ctx.store).count({ ...keyed, eligible: true }),
        demonstrationsOf(ctx.store).count(keyed),
        villages(ctx.store).count({ townId }),
      ]);
      const docs = page.slice(0, input.limit);
      const names = docs.length
        ? await villages(ctx.store).find(
            { _id: { $in: docs.map((d) => d.villageId) }, townId },
            { fields: ['name'], limit: docs.length },
          )
        : [];
      const nameOf = new Map(names.map((v) => [v._id, v.name]));
      // Eligible villages come first in the whole town: the rank is the place in the list.
      const rows = docs.map((d, i) => {
        const row = rowOf(d, nameOf.get(d.villageId) ?? '', rules.scheme, year);
        return { ...row, rank: d.eligible && row.eligible ? before + i + 1 : null };
      });
      const last = docs[docs.length - 1];
      const next =
        page.length > input.limit && last
          ? `${KEYED}${last.sortKey}`
          : keptTotal < villageTotal
            ? UNKEYED
            : null;
      return { year, villages: rows, eligible, next, villageTotal };
    }),
  };
}
