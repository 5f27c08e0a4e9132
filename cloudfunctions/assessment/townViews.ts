import { chinaDateKey } from '../common/clock';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { requireRole, villages } from '../common/identity';
import { action } from '../common/router';
import { findAll } from '../common/store/port';
import { ledgerState } from './domain/ledger';
import { type Sources } from './ports';
import {
  chinaYear,
  emptySummaryFields,
  evaluate,
  loadRules,
  rulesForSheet,
  sheetId,
  summaryFields,
  writeSummary,
  type Rules,
} from './sheet';
import { ledgersOf, sheetsOf, summariesOf, type SheetDoc } from './store';
import { refreshTownSummary } from './townSummary';

/** The recount of the town's summaries (the dashboard: dashboardView.ts; 示范点推荐: demonstrationView.ts). */
export function townViewActions(sources: Sources) {
  return {
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
        else await writeSummary(ctx.store, v, year, emptySummaryFields(now), sources.surveys, true);
        await summariesOf(ctx.store).update(sheetId(v._id, year), {
          set: { ledger: ledgerBy.get(v._id) ?? {} },
        });
      }
      await refreshTownSummary(ctx.store, user.townId, year, now);
      return { villages: vs.length };
    }),
  };
}
