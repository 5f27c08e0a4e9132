import { chinaDateKey } from '../common/clock';
import type { AutoValue, SheetView } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { requireRole, requireVillageRole, type UserDoc, type VillageDoc } from '../common/identity';
import { type Ctx } from '../common/router';
import { audit, settleAudit, type AuditEntry } from './audit';
import { type Sources } from './ports';
import {
  chinaYear,
  evaluate,
  dateWords,
  phaseOf,
  measureAuto,
  rulesForSheet,
  newSheet,
  sheetId,
  summaryFields,
  writeSummary,
  type Rules,
  type SheetRules,
  type Viewer,
} from './sheet';
import { sheetsOf, type SheetDoc } from './store';
import { viewerOf, readAccess } from './policy';
import { viewOf } from './sheetView';

/** An entry of a sheet's audit trail, by the person acting on the loaded sheet. */
export function sheetAudit(
  ctx: Ctx,
  w: { user: UserDoc; village: VillageDoc; year: number },
  action: string,
  target: string,
  before: string,
  after: string,
): AuditEntry {
  return audit(ctx, w.user, w.village, w.year, 'sheet', action, target, before, after);
}

/** What a loaded sheet is shown with. */
export interface SheetFrame {
  rules: Rules;
  village: VillageDoc;
  year: number;
  viewer: Viewer;
}

/** A draft written on an older version moves to the newest with this write, and says so. */
export function moveToNewest(
  ctx: Ctx,
  w: { user: UserDoc; village: VillageDoc; year: number; rules: SheetRules; sheet: SheetDoc },
): { set: Partial<SheetDoc>; records: AuditEntry[] } {
  const { standard } = w.rules;
  if (w.sheet.state !== 'draft' || w.sheet.standardId === standard._id) return { set: {}, records: [] };
  return {
    set: {
      standardId: standard._id,
      standardVersion: standard.version,
      movedFrom: w.sheet.movedFrom ?? w.sheet.standardId,
    },
    records: [
      sheetAudit(
        ctx,
        w,
        '改用新版测评标准',
        standard.title,
        `第 ${w.sheet.standardVersion} 版`,
        `第 ${standard.version} 版`,
      ),
    ],
  };
}

/** Loading a sheet for reading or writing, with who may do what, and finishing a write. */
export function sheetAccess(sources: Sources) {
  async function autoFor(
    ctx: Ctx,
    rules: Rules,
    village: VillageDoc,
    sheet: SheetDoc,
  ): Promise<Record<string, AutoValue>> {
    // Once submitted, the values are those the village submitted with.
    if (sheet.state !== 'draft') return sheet.auto;
    return measureAuto(ctx.store, sources, rules.standard, village, ctx.clock.now());
  }

  async function finish(
    ctx: Ctx,
    w: SheetFrame,
    sheet: SheetDoc,
    auto: Record<string, AutoValue>,
    stored = true,
  ): Promise<SheetView> {
    const { rules, village, year, viewer } = w;
    const now = ctx.clock.now();
    // A sheet not stored (nothing was written) leaves no summary either.
    if (stored)
      await writeSummary(
        ctx.store,
        village,
        year,
        summaryFields(sheet, evaluate(rules, sheet, auto), now.toISOString()),
        sources.surveys,
      );
    return viewOf(rules, village, year, sheet, auto, viewer, now);
  }

  /** A village's sheet for writing by its cadres and supervisors. */
  async function villageWrite(ctx: Ctx, villageId: string | undefined, year: number | undefined) {
    const u = requireRole(ctx.principal, 'cadre', 'supervisor');
    const id = villageId ?? u.villageId;
    if (!id) throw new DomainError('FORBIDDEN_VILLAGE');
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, id, 'cadre', 'supervisor');
    const y = year ?? chinaYear(ctx.clock.now());
    const existing = await sheetsOf(ctx.store).get(sheetId(village._id, y));
    const rules = await rulesForSheet(ctx.store, village.townId, y, existing);
    const now = ctx.clock.now();
    // Not stored yet: the first write that succeeds creates it (saveSheet), a refused one nothing.
    const sheet = existing
      ? await settleAudit(ctx.store, existing)
      : newSheet(village, y, rules.standard, now.toISOString());
    return { user, village, year: y, rules, sheet, stored: !!existing, viewer: viewerOf(user, village) };
  }

  /** A village's stored sheet for the town, refused by `check` before anything more is read. */
  async function townSheet(
    ctx: Ctx,
    villageId: string,
    year: number | undefined,
    check: (stored: SheetDoc | null) => SheetDoc,
  ) {
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, villageId, 'townAdmin');
    const y = year ?? chinaYear(ctx.clock.now());
    const stored = check(await sheetsOf(ctx.store).get(sheetId(village._id, y)));
    const rules = await rulesForSheet(ctx.store, village.townId, y, stored);
    const sheet = await settleAudit(ctx.store, stored);
    return { user, village, year: y, rules, sheet, viewer: viewerOf(user, village) };
  }

  /** A submitted, not yet confirmed sheet for the town to review. */
  function townWrite(ctx: Ctx, villageId: string, year: number | undefined) {
    return townSheet(ctx, villageId, year, (stored) => {
      if (!stored || stored.state === 'draft') throw new DomainError('SHEET_NOT_SUBMITTED');
      if (stored.state === 'confirmed') throw new DomainError('SHEET_LOCKED', '该村已定级，评分表已锁定');
      return stored;
    });
  }

  /**
   * Filling is open until the self-assessment date, submitting until the submit date; a sheet
   * the town opened again (returned, or on request) stays open past both.
   */
  function assertOpen(sheet: SheetDoc, rules: Rules, now: Date, to: 'edit' | 'submit') {
    if (sheet.state !== 'draft') throw new DomainError('SHEET_LOCKED');
    const phase = phaseOf(rules.standard, sheet, chinaDateKey(now));
    if (phase === 'open' || (to === 'submit' && phase === 'submitOnly')) return;
    const { selfAssessBy, submitBy } = rules.standard.schedule;
    throw new DomainError(
      'DEADLINE_PASSED',
      phase === 'submitOnly'
        ? `自评截止日期 ${dateWords(selfAssessBy)} 已过，评分表不能再修改；已填完的评分表可在 ${dateWords(submitBy)} 前提交。如需修改，请向镇纪委申请重新开放`
        : `报镇截止日期 ${dateWords(submitBy)} 已过，评分表不能再填写或提交。如需补交，请向镇纪委申请重新开放`,
    );
  }

  async function readSheet(ctx: Ctx, villageId: string | undefined, year: number | undefined) {
    const { village, viewer } = await readAccess(ctx, villageId);
    const y = year ?? chinaYear(ctx.clock.now());
    const stored = await sheetsOf(ctx.store).get(sheetId(village._id, y));
    const rules = await rulesForSheet(ctx.store, village.townId, y, stored);
    const now = ctx.clock.now();
    // Not started yet: an empty draft, shown but not stored until the first save.
    const sheet = stored ?? newSheet(village, y, rules.standard, now.toISOString());
    const auto = await autoFor(ctx, rules, village, sheet);
    return {
      village,
      year: y,
      rules,
      sheet,
      auto,
      view: viewOf(rules, village, y, sheet, auto, viewer, now),
    };
  }

  return { autoFor, finish, villageWrite, townSheet, townWrite, assertOpen, readSheet };
}
