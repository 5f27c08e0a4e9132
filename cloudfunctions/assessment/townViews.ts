import { chinaDateKey } from '../common/clock';
import type { Dashboard, DashboardVillage } from '../common/contracts/assessment';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { requireRole, towns, villages } from '../common/identity';
import { action } from '../common/router';
import { findAll } from '../common/store/port';
import { ledgerMarks, ledgerState, monthsDue } from './domain/ledger';
import { isBelow, qinglianTarget, resultForTier, tierLabel, tierRank, villageTarget } from './domain/scoring';
import { type Sources } from './ports';
import {
  chinaYear,
  evaluate,
  loadRules,
  rulesForSheet,
  sheetId,
  summaryFields,
  writeSummary,
  type Rules,
} from './sheet';
import { ledgersOf, sheetsOf, summariesOf, townSummariesOf, type SheetDoc } from './store';
import { refreshTownSummary, scored, townFigures, townSummaryId } from './townSummary';
import { villagePage } from '../common/townPage';

/** The town's overviews: the dashboard and the recount of the summaries (示范点推荐: demonstrationView.ts). */
export function townViewActions(sources: Sources) {
  return {
    dashboard: action(I.dashboard, async (input, ctx): Promise<Dashboard> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const year = input.year ?? chinaYear(ctx.clock.now());
      const today = chinaDateKey(ctx.clock.now());
      // The town's totals kept on write, a page of villages and the sheets asking to reopen.
      const [rules, town, page, totals, asking] = await Promise.all([
        loadRules(ctx.store, user.townId, year),
        towns(ctx.store).get(user.townId),
        villagePage(ctx.store, user.townId, input.cursor, input.limit),
        townSummariesOf(ctx.store).get(townSummaryId(user.townId, year)),
        sheetsOf(ctx.store).find(
          { townId: user.townId, year, 'reopenRequest.state': 'pending' },
          { fields: ['villageId', 'reopenRequest'] },
        ),
      ]);
      const vs = page.villages;
      const [sums, asked] = await Promise.all([
        vs.length
          ? summariesOf(ctx.store).find(
              { villageId: { $in: vs.map((v) => v._id) }, year: { $gte: year - 2, $lte: year } },
              { limit: vs.length * 3 },
            )
          : Promise.resolve([]),
        asking.length
          ? villages(ctx.store).find(
              { _id: { $in: [...new Set(asking.map((x) => x.villageId))] }, townId: user.townId },
              { fields: ['name'], limit: asking.length },
            )
          : Promise.resolve([]),
      ]);
      const scheme = rules.scheme;
      const byKey = new Map(sums.map((s) => [s._id, s]));
      const months = monthsDue(year, rules.standard.ledgerSince, today);
      const unitIds = rules.standard.units.map((u) => u.id);
      const rows: DashboardVillage[] = vs.map((v) => {
        const s = byKey.get(sheetId(v._id, year));
        const prev = byKey.get(sheetId(v._id, year - 1));
        const state = scored(s) ? s!.state : 'none';
        const tierKey = state === 'none' ? null : (s?.tierKey ?? null);
        const target = villageTarget(scheme, year, prev?.tierConfirmed ? prev.tierKey : null);
        const marks = ledgerMarks(s?.ledger ?? {}, unitIds, months);
        return {
          villageId: v._id,
          villageName: v.name,
          state,
          score: state === 'none' ? null : (s?.total ?? null),
          tier: state === 'none' ? null : resultForTier(scheme, tierKey, '', (s?.vetoes.length ?? 0) > 0),
          confirmed: !!s?.tierConfirmed,
          vetoes: s?.vetoes ?? [],
          target: target ? { key: target, label: tierLabel(scheme, target) } : null,
          belowTarget: isBelow(scheme, tierKey, target),
          trend: [year - 2, year - 1, year].map((y) => {
            const t = byKey.get(sheetId(v._id, y));
            return {
              year: y,
              score: t?.total ?? null,
              tierLabel: t && t.tierKey ? tierLabel(scheme, t.tierKey) : null,
            };
          }),
          ledgerLate: marks.late,
          ledgerMissing: marks.missing,
        };
      });
      // Within the page: below target first, then vetoed, then by tier and score.
      rows.sort(
        (a, b) =>
          Number(b.belowTarget) - Number(a.belowTarget) ||
          Number(b.vetoes.length > 0) - Number(a.vetoes.length > 0) ||
          tierRank(scheme, b.tier?.key ?? null) - tierRank(scheme, a.tier?.key ?? null) ||
          (a.score ?? -1) - (b.score ?? -1) ||
          a.villageName.localeCompare(b.villageName, 'zh'),
      );
      const figures = townFigures(scheme, year, totals, page.total, unitIds, months);
      const names = new Map(asked.map((v) => [v._id, v.name]));
      return {
        year,
        townName: town?.name ?? '',
        asOf: today,
        villages: rows,
        villageTotal: page.total,
        next: page.next,
        counts: figures.counts,
        qinglian: { confirmed: figures.qinglianConfirmed, target: qinglianTarget(scheme, year) },
        states: figures.states,
        ledger: { ...figures.ledger, monthsChecked: months },
        schemeName: scheme.name,
        reopenRequests: asking
          .filter((x) => names.has(x.villageId))
          .map((x) => ({
            villageId: x.villageId,
            villageName: names.get(x.villageId) ?? '',
            reason: x.reopenRequest!.reason,
            byName: x.reopenRequest!.by.name,
            at: x.reopenRequest!.at,
          }))
          .sort((a, b) => a.at.localeCompare(b.at)),
      };
    }),

    recount: action(I.recount, async (input, ctx) => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const year = input.year ?? chinaYear(ctx.clock.now());
      const newest = await loadRules(ctx.store, user.townId, year);
      // Each sheet by its own version: submitted ones by the version they were submitted with.
      const byStandard = new Map<string, Promise<Rules>>([[newest.standard._id, Promise.resolve(newest)]]);
      const rulesOf = (sheet: SheetDoc) => {
        if (sheet.state === 'draft') return Promise.resolve(newest);
        let r = byStandard.get(sheet.standardId);
        if (!r) {
          r = rulesForSheet(ctx.store, user.townId, year, sheet);
          byStandard.set(sheet.standardId, r);
        }
        return r;
      };
      const [vs, sheets, ledgers] = await Promise.all([
        findAll(villages(ctx.store), { townId: user.townId }),
        findAll(sheetsOf(ctx.store), { townId: user.townId, year }),
        findAll(
          ledgersOf(ctx.store),
          { townId: user.townId, year },
          { fields: ['villageId', 'unitId', 'month', 'firstSubmittedAt'] },
        ),
      ]);
      const now = ctx.clock.now().toISOString();
      const sheetBy = new Map(sheets.map((s) => [s.villageId, s]));
      const ledgerBy = new Map<string, Record<string, Record<string, 'onTime' | 'late'>>>();
      for (const l of ledgers) {
        const m = ledgerBy.get(l.villageId) ?? {};
        m[l.month] = {
          ...(m[l.month] ?? {}),
          [l.unitId]: ledgerState(l.month, chinaDateKey(l.firstSubmittedAt), '') as 'onTime' | 'late',
        };
        ledgerBy.set(l.villageId, m);
      }
      for (const v of vs) {
        const sheet = sheetBy.get(v._id);
        if (sheet)
          await writeSummary(
            ctx.store,
            v,
            year,
            summaryFields(sheet, evaluate(await rulesOf(sheet), sheet, sheet.auto), now),
            sources.surveys,
            true,
          );
        else
          await writeSummary(
            ctx.store,
            v,
            year,
            {
              state: 'draft',
              total: null,
              selfTotal: null,
              tierKey: null,
              tierConfirmed: false,
              vetoes: [],
              submittedAt: null,
              updatedAt: now,
            },
            sources.surveys,
            true,
          );
        await summariesOf(ctx.store).update(sheetId(v._id, year), {
          set: { ledger: ledgerBy.get(v._id) ?? {} },
        });
      }
      await refreshTownSummary(ctx.store, user.townId, year, now);
      return { villages: vs.length };
    }),
  };
}
