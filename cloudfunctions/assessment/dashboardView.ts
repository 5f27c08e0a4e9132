import { chinaDateKey } from '../common/clock';
import type { Dashboard, DashboardVillage } from '../common/contracts/assessment';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { requireRole, towns, villages } from '../common/identity';
import { action } from '../common/router';
import { ledgerMarks, monthsDue } from './domain/ledger';
import { qinglianTarget, resultForTier, tierLabel, type ScoringScheme } from './domain/scoring';
import { standingOf } from './domain/standing';
import { chinaYear, loadRules, sheetId } from './sheet';
import { sheetsOf, summariesOf, townSummariesOf, type SummaryDoc } from './store';
import { townFigures, townSummaryId } from './townSummary';
import { unkeyedVillages } from '../common/townPage';

/**
 * The town's index board: the town's totals kept on write, the villages asking to reopen their
 * sheet, and a page of villages in the order of the whole town, worst first (below target,
 * vetoed, lower tier, lower score: domain/standing.ts), read by the key each village summary
 * keeps (`orderKey`), never by `skip`. The cursor is `k:<key>` while keyed villages remain, then
 * `v:<village id>` for villages with no summary of the year yet (nothing scored: they close the
 * list, as the keyed ones without a score do; the page that ends the keyed ones goes on with them). The same store operations at 66 villages or 2,000.
 */

const KEYED = 'k:';
const UNKEYED = 'v:';
/** Every key sorts at or after this: '0.' scored, '1.' not yet. */
const ANY_KEY = '0';

function rowOf(
  scheme: ScoringScheme,
  year: number,
  village: { _id: string; name: string },
  byKey: Map<string, SummaryDoc>,
  unitIds: string[],
  months: string[],
): DashboardVillage {
  const s = byKey.get(sheetId(village._id, year));
  const at = standingOf(scheme, year, s, byKey.get(sheetId(village._id, year - 1)));
  const marks = ledgerMarks(s?.ledger ?? {}, unitIds, months);
  const scored = at.state !== 'none';
  return {
    villageId: village._id,
    villageName: village.name,
    state: at.state,
    score: at.score,
    tier: scored ? resultForTier(scheme, at.tierKey, '', at.vetoed) : null,
    confirmed: !!s?.tierConfirmed,
    vetoes: s?.vetoes ?? [],
    target: at.target ? { key: at.target, label: tierLabel(scheme, at.target) } : null,
    belowTarget: at.belowTarget,
    trend: [year - 2, year - 1, year].map((y) => {
      const t = byKey.get(sheetId(village._id, y));
      return {
        year: y,
        score: t?.total ?? null,
        tierLabel: t && t.tierKey ? tierLabel(scheme, t.tierKey) : null,
      };
    }),
    ledgerLate: marks.late,
    ledgerMissing: marks.missing,
  };
}

/** A page of the board's village ids and the cursor after it. */
interface IdPage {
  ids: string[];
  next: string | null;
}

export function dashboardActions() {
  return {
    dashboard: action(I.dashboard, async (input, ctx): Promise<Dashboard> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const townId = user.townId;
      const year = input.year ?? chinaYear(ctx.clock.now());
      const today = chinaDateKey(ctx.clock.now());
      const cursor = input.cursor ?? KEYED;
      const unkeyed = cursor.startsWith(UNKEYED);
      const after = unkeyed ? cursor.slice(UNKEYED.length) : cursor.slice(KEYED.length);
      const keyed = { townId, year };
      // Villages with no key yet, after `from` (a village id), up to `room` of them.
      const unkeyedPage = async (from: string | undefined, room: number): Promise<IdPage> => {
        const p = await unkeyedVillages(ctx.store, townId, from, room, async (ids) => {
          const kept = await summariesOf(ctx.store).find(
            { _id: { $in: ids.map((id) => sheetId(id, year)) } },
            { fields: ['villageId', 'orderKey'], limit: ids.length },
          );
          return new Set(kept.filter((k) => k.orderKey).map((k) => k.villageId));
        });
        return { ids: p.villages.map((v) => v._id), next: p.next && `${UNKEYED}${p.next}` };
      };
      const readPage = async (): Promise<IdPage & { villageTotal: number }> => {
        const count = villages(ctx.store).count({ townId });
        if (unkeyed) {
          const [p, villageTotal] = await Promise.all([unkeyedPage(after || undefined, input.limit), count]);
          return { ...p, villageTotal };
        }
        const [docs, keyedTotal, villageTotal] = await Promise.all([
          summariesOf(ctx.store).find(
            { ...keyed, orderKey: after ? { $gt: after } : { $gte: ANY_KEY } },
            { sort: { orderKey: 1 }, limit: input.limit + 1, fields: ['villageId', 'orderKey'] },
          ),
          summariesOf(ctx.store).count({ ...keyed, orderKey: { $gte: ANY_KEY } }),
          count,
        ]);
        const rows = docs.slice(0, input.limit);
        const ids = rows.map((d) => d.villageId);
        const last = rows[rows.length - 1];
        if (docs.length > input.limit && last) return { ids, next: `${KEYED}${last.orderKey}`, villageTotal };
        // The keyed villages end on this page: the page goes on with the others, if any.
        if (keyedTotal >= villageTotal) return { ids, next: null, villageTotal };
        const room = input.limit - rows.length;
        const rest = room ? await unkeyedPage(undefined, room) : { ids: [], next: UNKEYED };
        return { ids: [...ids, ...rest.ids], next: rest.next, villageTotal };
      };
      // The town's totals kept on write, the villages asking to reopen, and the page.
      const [rules, town, totals, asking, page] = await Promise.all([
        loadRules(ctx.store, townId, year),
        towns(ctx.store).get(townId),
        townSummariesOf(ctx.store).get(townSummaryId(townId, year)),
        sheetsOf(ctx.store).find(
          { townId, year, 'reopenRequest.state': 'pending' },
          { fields: ['villageId', 'reopenRequest'] },
        ),
        readPage(),
      ]);
      const { next, villageTotal } = page;
      const named = [...new Set([...page.ids, ...asking.map((x) => x.villageId)])];
      const [sums, names] = await Promise.all([
        page.ids.length
          ? summariesOf(ctx.store).find(
              {
                _id: { $in: page.ids.flatMap((id) => [year - 2, year - 1, year].map((y) => sheetId(id, y))) },
              },
              { limit: page.ids.length * 3 },
            )
          : Promise.resolve([]),
        named.length
          ? villages(ctx.store).find(
              { _id: { $in: named }, townId },
              { fields: ['name'], limit: named.length },
            )
          : Promise.resolve([]),
      ]);
      const scheme = rules.scheme;
      const byKey = new Map(sums.map((s) => [s._id, s]));
      const nameOf = new Map(names.map((v) => [v._id, v.name]));
      const months = monthsDue(year, rules.standard.ledgerSince, today);
      const unitIds = rules.standard.units.map((u) => u.id);
      const rows = page.ids.map((id) =>
        rowOf(scheme, year, { _id: id, name: nameOf.get(id) ?? '' }, byKey, unitIds, months),
      );
      const figures = townFigures(scheme, year, totals, villageTotal, unitIds, months);
      return {
        year,
        townName: town?.name ?? '',
        asOf: today,
        villages: rows,
        villageTotal,
        next,
        counts: figures.counts,
        qinglian: { confirmed: figures.qinglianConfirmed, target: qinglianTarget(scheme, year) },
        states: figures.states,
        ledger: { ...figures.ledger, monthsChecked: months },
        schemeName: scheme.name,
        reopenRequests: asking
          .filter((x) => nameOf.has(x.villageId))
          .map((x) => ({
            villageId: x.villageId,
            villageName: nameOf.get(x.villageId) ?? '',
            reason: x.reopenRequest!.reason,
            byName: x.reopenRequest!.by.name,
            at: x.reopenRequest!.at,
          }))
          .sort((a, b) => a.at.localeCompare(b.at)),
      };
    }),
  };
}
