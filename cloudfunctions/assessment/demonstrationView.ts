import type { Demonstration, DemonstrationCandidate } from '../common/contracts/assessment';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { requireRole, villages } from '../common/identity';
import { action } from '../common/router';
import { FIVE_GOOD_INDICATORS } from '../survey/public';
import { demonstrationId, surveyRoundOf } from './demonstrationKeys';
import { candidateOf } from './domain/demonstration';
import { tierLabel, type ScoringScheme } from './domain/scoring';
import { chinaYear, loadRules } from './sheet';
import { demonstrationsOf, type DemonstrationDoc } from './store';
import { unkeyedVillages } from '../common/townPage';

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
      const none = {
        state: 'none' as const,
        score: null,
        tierKey: null,
        confirmed: false,
        vetoes: [],
        survey: null,
      };
      // Villages with nothing kept, in id order after `from`, up to `room` of them.
      const unkeyedPage = (from: string | undefined, room: number) =>
        unkeyedVillages(ctx.store, townId, from, room, async (ids) => {
          const kept = await demonstrationsOf(ctx.store).find(
            { _id: { $in: ids.map((id) => demonstrationId(id, year)) } },
            { fields: ['villageId'], limit: ids.length },
          );
          return new Set(kept.map((k) => k.villageId));
        });
      const unkeyed = cursor.startsWith(UNKEYED);
      const after = unkeyed ? cursor.slice(UNKEYED.length) : cursor.slice(KEYED.length);
      const [rules, page, before, eligible, keptTotal, villageTotal] = await Promise.all([
        loadRules(ctx.store, townId, year),
        unkeyed
          ? Promise.resolve([])
          : demonstrationsOf(ctx.store).find(after ? { ...keyed, sortKey: { $gt: after } } : keyed, {
              sort: { sortKey: 1 },
              limit: input.limit + 1,
            }),
        after && !unkeyed
          ? demonstrationsOf(ctx.store).count({ ...keyed, sortKey: { $lte: after } })
          : Promise.resolve(0),
        demonstrationsOf(ctx.store).count({ ...keyed, eligible: true }),
        demonstrationsOf(ctx.store).count(keyed),
        villages(ctx.store).count({ townId }),
      ]);
      const docs = page.slice(0, input.limit);
      const last = docs[docs.length - 1];
      const moreKeyed = page.length > input.limit && last;
      // Past the keyed villages (in this call, or from an unkeyed cursor), the others follow.
      const allKept = !unkeyed && keptTotal >= villageTotal;
      const room = unkeyed ? input.limit : moreKeyed || allKept ? 0 : input.limit - docs.length;
      const rest = room
        ? await unkeyedPage(unkeyed ? after || undefined : undefined, room)
        : { villages: [], next: moreKeyed || allKept ? null : '' };
      const names = docs.length
        ? await villages(ctx.store).find(
            { _id: { $in: docs.map((d) => d.villageId) }, townId },
            { fields: ['name'], limit: docs.length },
          )
        : [];
      const nameOf = new Map(names.map((v) => [v._id, v.name]));
      // Eligible villages come first in the whole town: the rank is the place in the list.
      const rows = [
        ...docs.map((d, i) => {
          const row = rowOf(d, nameOf.get(d.villageId) ?? '', rules.scheme, year);
          return { ...row, rank: d.eligible && row.eligible ? before + i + 1 : null };
        }),
        ...rest.villages.map((v) => rowOf({ villageId: v._id, ...none }, v.name, rules.scheme, year)),
      ];
      const next = moreKeyed
        ? `${KEYED}${last.sortKey}`
        : rest.next === null
          ? null
          : `${UNKEYED}${rest.next}`;
      return { year, villages: rows, eligible, next, villageTotal };
    }),
  };
}
