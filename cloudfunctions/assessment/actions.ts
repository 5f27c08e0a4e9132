import { chinaDateKey } from '../common/clock';
import type {
  AuditRecord,
  AutoValue,
  Dashboard,
  DashboardVillage,
  Demonstration,
  LedgerRow,
  LedgerView,
  SheetState,
  SheetView,
  Standard,
  StandardInput,
  StandardOverview,
  TierScheme,
} from '../common/contracts/assessment';
import { assessmentInputs as I, SHEET_STATE_LABELS } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import {
  requireRole,
  requireVillageRole,
  resolveVillage,
  towns,
  villages,
  type UserDoc,
  type VillageDoc,
} from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { ledgerDueOn, ledgerMarks, ledgerState, monthsDue, defaultSchedule } from './domain/ledger';
import { rankDemonstration, type SurveyRound } from './domain/demonstration';
import { monthWords } from './domain/auto';
import {
  countAgainstTargets,
  isBelow,
  maxBase,
  orderedTiers,
  qinglianTarget,
  resultForTier,
  tierLabel,
  tierRank,
  villageTarget,
} from './domain/scoring';
import { FIVE_GOOD_INDICATORS } from '../survey/domain/indicators';
import { workbookFor } from './export';
import {
  audit,
  pendingFor,
  roleOf,
  saveSheet,
  settle,
  settleAudit,
  writeAudit,
  type AuditEntry,
} from './audit';
import { productSources, type Sources } from './ports';
import {
  chinaYear,
  evaluate,
  dateWords,
  phaseOf,
  missingOf,
  loadRules,
  measureAuto,
  rulesForSheet,
  deadlineInstant,
  newSheet,
  sheetId,
  summaryFields,
  viewOf,
  writeSummary,
  type Rules,
  type SheetRules,
  type Viewer,
} from './sheet';
import {
  auditOf,
  entryKey,
  ledgersOf,
  schemesOf,
  sheetsOf,
  standardsOf,
  summariesOf,
  type AuditDoc,
  type LedgerDoc,
  type ReviewState,
  type SchemeDoc,
  type SelfState,
  type SheetDoc,
  type StandardDoc,
} from './store';

const READ_ROLES = ['cadre', 'supervisor', 'townAdmin'] as const;

function viewerOf(user: UserDoc, village: VillageDoc): Viewer {
  const isTown = user.roles.includes('townAdmin') && user.townId === village.townId;
  const isVillage =
    user.villageId === village._id && user.roles.some((r) => r === 'cadre' || r === 'supervisor');
  return { user, isVillage, isTown };
}

/** Cadres and supervisors of the village, or the town's admins, may read a sheet. */
async function readAccess(ctx: Ctx, villageId: string | undefined) {
  const user = requireRole(ctx.principal, ...READ_ROLES);
  const village = await resolveVillage(ctx.store, ctx.principal, villageId);
  return { user, village, viewer: viewerOf(user, village) };
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '未评分' : `${n} 分`);

function describeSelf(kind: string, s: SelfState | undefined, autoPoints: number | null = null): string {
  if (!s) return '（空）';
  const head =
    kind === 'veto'
      ? s.applies
        ? '存在'
        : '不存在'
      : s.score === null && autoPoints !== null
        ? `采用系统计分（${autoPoints} 分）`
        : fmt(s.score);
  const parts = [head];
  if (s.note) parts.push(`说明：${s.note}`);
  if (s.evidence.length) parts.push(`证明材料 ${s.evidence.length} 个`);
  if (s.reason) parts.push(`理由：${s.reason}`);
  return parts.join('；');
}

function describeReview(kind: string, r: ReviewState | undefined): string {
  if (!r) return '（空）';
  const head =
    kind === 'veto' ? (r.applies === null ? '未认定' : r.applies ? '存在' : '不存在') : fmt(r.score);
  return r.comment ? `${head}；意见：${r.comment}` : head;
}

function titleOf(standard: StandardDoc, kind: string, id: string): string {
  if (kind === 'item') return standard.sections.flatMap((s) => s.items).find((i) => i.id === id)?.title ?? id;
  if (kind === 'bonus') return `加分项：${standard.bonus.items.find((i) => i.id === id)?.title ?? id}`;
  return `否决项：${standard.vetoes.find((i) => i.id === id)?.title ?? id}`;
}

function maxOf(standard: StandardDoc, kind: string, id: string): number | null {
  if (kind === 'item')
    return standard.sections.flatMap((s) => s.items).find((i) => i.id === id)?.maxPoints ?? null;
  if (kind === 'bonus') return standard.bonus.items.find((i) => i.id === id)?.maxPoints ?? null;
  return standard.vetoes.some((v) => v.id === id) ? 0 : null;
}

function checkScore(standard: StandardDoc, kind: string, id: string, score: number | null | undefined) {
  const max = maxOf(standard, kind, id);
  if (max === null) throw new DomainError('BAD_INPUT', `评分表中没有这一项：${id}`);
  if (kind !== 'veto' && score !== null && score !== undefined && score > max) {
    throw new DomainError('BAD_INPUT', `「${titleOf(standard, kind, id)}」满分 ${max} 分，得分不能超过满分`);
  }
}

function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The record of a published version: its _id follows from the version's, so it is written once. */
function standardAudit(doc: StandardDoc, role: string): AuditDoc {
  return {
    _id: `${doc._id}.published`,
    townId: doc.townId,
    villageId: '',
    year: doc.year,
    subject: 'standard',
    at: doc.publishedAt,
    by: { ...doc.publishedBy, role },
    action: '发布测评标准',
    target: doc.title,
    before: doc.version > 1 ? `第 ${doc.version - 1} 版` : '（无）',
    after: `第 ${doc.version} 版`,
  };
}

/**
 * Before submission: every score within its item's maximum (a newer version may have lowered
 * one), and no auto-scored item that differs from the data's final value without a reason.
 */
function checkSubmittable(standard: StandardDoc, sheet: SheetDoc, auto: Record<string, AutoValue>) {
  for (const item of standard.sections.flatMap((s) => s.items)) {
    const s = sheet.self[entryKey('item', item.id)];
    if (!s || s.score === null) continue;
    checkScore(standard, 'item', item.id, s.score);
    const a = item.auto ? auto[item.id] : undefined;
    if (a && a.points !== null && s.score !== a.points && !s.reason) {
      throw new DomainError(
        'BAD_INPUT',
        `「${item.title}」的系统计分已更新为 ${a.points} 分，与自评 ${s.score} 分不同：请清空自评分（采用系统计分），或填写调整理由后再提交`,
      );
    }
  }
  for (const b of standard.bonus.items) {
    const s = sheet.self[entryKey('bonus', b.id)];
    if (s && s.score !== null) checkScore(standard, 'bonus', b.id, s.score);
  }
}

/** A draft written on an older version moves to the newest with this write, and says so. */
function moveToNewest(
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
      audit(
        ctx,
        w.user,
        w.village,
        w.year,
        'sheet',
        '改用新版测评标准',
        standard.title,
        `第 ${w.sheet.standardVersion} 版`,
        `第 ${standard.version} 版`,
      ),
    ],
  };
}

/** The assessment's actions; `sources` reads the other contexts' data (tests pass fakes). */
export function createAssessmentActions(sources: Sources = productSources) {
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
    rules: Rules,
    village: VillageDoc,
    year: number,
    sheet: SheetDoc,
    auto: Record<string, AutoValue>,
    viewer: Viewer,
    stored = true,
  ): Promise<SheetView> {
    const now = ctx.clock.now();
    // A sheet not stored (nothing was written) leaves no summary either.
    if (stored)
      await writeSummary(
        ctx.store,
        village,
        year,
        summaryFields(sheet, evaluate(rules, sheet, auto), now.toISOString()),
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

  async function townWrite(ctx: Ctx, villageId: string, year: number | undefined) {
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, villageId, 'townAdmin');
    const y = year ?? chinaYear(ctx.clock.now());
    const stored = await sheetsOf(ctx.store).get(sheetId(village._id, y));
    if (!stored || stored.state === 'draft') throw new DomainError('SHEET_NOT_SUBMITTED');
    if (stored.state === 'confirmed') throw new DomainError('SHEET_LOCKED', '该村已定级，评分表已锁定');
    const rules = await rulesForSheet(ctx.store, village.townId, y, stored);
    const sheet = await settleAudit(ctx.store, stored);
    return { user, village, year: y, rules, sheet, viewer: viewerOf(user, village) };
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

  return {
    standard: action(I.standard, async (input, ctx): Promise<StandardOverview> => {
      const user = requireRole(
        ctx.principal,
        'resident',
        'representative',
        'partyMember',
        'migrant',
        'cadre',
        'supervisor',
        'townAdmin',
      );
      const year = input.year ?? chinaYear(ctx.clock.now());
      const [docs, schemes, uses] = await Promise.all([
        standardsOf(ctx.store).find({ townId: user.townId, year }, { sort: { version: -1 }, limit: 1 }),
        findAll(schemesOf(ctx.store), { townId: user.townId }, { sort: { _id: 1 } }),
        standardUses(ctx.store, user.townId),
      ]);
      const doc = docs[0] ?? null;
      const scheme = doc ? (schemes.find((x) => x.schemeId === doc.schemeId) ?? null) : null;
      return {
        standard: doc ? standardOut(doc) : null,
        scheme: scheme ? schemeOut(scheme) : null,
        years: uses.map((u) => u.year),
        schemes: schemes.map((x) => ({
          ...schemeOut(x),
          lockedYears: uses
            .filter((u) => u.schemeId === x.schemeId && u.submitted > 0)
            .map((u) => u.year)
            .sort((p, q) => p - q),
        })),
        submittedSheets: uses.find((u) => u.year === year)?.submitted ?? 0,
      };
    }),

    saveStandard: action(I.saveStandard, async (input, ctx): Promise<Standard> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const scheme = await schemesOf(ctx.store).get(`${user.townId}.${input.schemeId}`);
      if (!scheme) throw new DomainError('BAD_INPUT', '请先设置定级办法（定级档次和分数线）');
      const reachable = maxBase(input) + input.bonus.cap;
      const top = orderedTiers(scheme)[0];
      if (top.minScore > reachable) {
        throw new DomainError(
          'BAD_INPUT',
          `满分只有 ${reachable} 分（基础分 ${maxBase(input)} 分 + 加分上限 ${input.bonus.cap} 分），达不到「${top.label}」的分数线 ${top.minScore} 分，请调整分值或定级办法`,
        );
      }
      const [latest] = await standardsOf(ctx.store).find(
        { townId: user.townId, year: input.year },
        { sort: { version: -1 }, limit: 1 },
      );
      const schedule = input.schedule ?? defaultSchedule(input.year);
      // A retried or unchanged save publishes nothing new.
      if (latest && sameJson(standardContent(latest), standardContent({ ...input, schedule }))) {
        // A retry after the audit write failed stores it now (same _id: at most once).
        await writeAudit(ctx.store, [standardAudit(latest, roleOf(user))]);
        return standardOut(latest);
      }
      // Submitted sheets were scored against the current version: it may not change under them.
      const submitted = await sheetsOf(ctx.store).count({
        townId: user.townId,
        year: input.year,
        state: { $ne: 'draft' },
      });
      if (submitted > 0) {
        throw new DomainError(
          'STANDARD_IN_USE',
          `${input.year} 年度已有 ${submitted} 个村提交了自评，测评标准不能再修改，以免已提交的评分被改变。如确需调整，请先将已提交、未定级的评分表退回村里（已定级的不能退回）。`,
        );
      }
      const version = (latest?.version ?? 0) + 1;
      const now = ctx.clock.now().toISOString();
      const doc: StandardDoc = {
        _id: `${user.townId}.${input.year}.v${version}`,
        townId: user.townId,
        version,
        ...input,
        schedule,
        publishedAt: now,
        publishedBy: { openid: user._id, name: user.name },
      };
      try {
        await standardsOf(ctx.store).insert(doc);
      } catch (e) {
        if (e instanceof DuplicateKeyError)
          throw new DomainError('VERSION_CONFLICT', '测评标准刚被他人更新，请刷新后再试');
        throw e;
      }
      await writeAudit(ctx.store, [standardAudit(doc, roleOf(user))]);
      return standardOut(doc);
    }),

    saveScheme: action(I.saveScheme, async (input, ctx): Promise<TierScheme> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const now = ctx.clock.now().toISOString();
      const _id = `${user.townId}.${input.id}`;
      const before = await schemesOf(ctx.store).get(_id);
      if (before && !sameJson(gradingOf(before), gradingOf(input))) {
        // Tiers and score lines decide the grades of submitted sheets: they stay as they were.
        const locked = (await standardUses(ctx.store, user.townId))
          .filter((u) => u.schemeId === input.id && u.submitted > 0)
          .map((u) => u.year)
          .sort((a, b) => a - b);
        if (locked.length) {
          throw new DomainError(
            'STANDARD_IN_USE',
            `定级办法「${before.name}」已用于 ${locked.join('、')} 年度已提交的评分表，档次和分数线不能再修改（年度目标仍可修改）。新的年度如需不同的档次，请新建一个定级办法。`,
          );
        }
      }
      const { id, ...rest } = input;
      const schemes = schemesOf(ctx.store);
      // A write that stopped before its audit record was stored is completed first.
      const current = before ? await settle(ctx.store, schemes, before) : null;
      const content: SchemeDoc = { _id, schemeId: id, townId: user.townId, ...rest, updatedAt: now };
      if (current && sameJson(schemeOut(current), schemeOut(content))) return schemeOut(current);
      const rev = (current?.rev ?? 0) + 1;
      const pendingAudit = pendingFor(_id, rev, [
        audit(
          ctx,
          user,
          { _id: '', townId: user.townId },
          0,
          'scheme',
          '设置定级办法',
          input.name,
          current ? describeScheme(current) : '（无）',
          describeScheme(content),
        ),
      ]);
      let doc: SchemeDoc = { ...content, rev, pendingAudit };
      if (current) {
        const { _id: _ignored, ...fields } = doc;
        void _ignored;
        const changed = await schemes.updateWhere({ _id, updatedAt: current.updatedAt }, { set: fields });
        if (changed === 0) throw new DomainError('VERSION_CONFLICT', '定级办法刚被他人修改，请刷新后再试');
      } else {
        try {
          await schemes.insert(doc);
        } catch (e) {
          if (!(e instanceof DuplicateKeyError)) throw e;
          throw new DomainError('VERSION_CONFLICT', '定级办法刚被他人设置，请刷新后再试');
        }
      }
      doc = await settle(ctx.store, schemes, doc);
      return schemeOut(doc);
    }),

    sheet: action(I.sheet, async (input, ctx) => (await readSheet(ctx, input.villageId, input.year)).view),

    saveSelf: action(I.saveSelf, async (input, ctx) => {
      const w = await villageWrite(ctx, input.villageId, input.year);
      const now = ctx.clock.now();
      const auto = await autoFor(ctx, w.rules, w.village, w.sheet);
      const self = { ...w.sheet.self };
      const records: AuditEntry[] = [];
      for (const e of input.entries) {
        checkScore(w.rules.standard, e.kind, e.id, e.score);
        const key = entryKey(e.kind, e.id);
        const next: SelfState = {
          score: e.kind === 'veto' ? null : (e.score ?? null),
          applies: e.kind === 'veto' ? (e.applies ?? false) : null,
          note: e.note,
          evidence: e.evidence,
          reason: e.reason,
        };
        const autoPoints = e.kind === 'item' ? (auto[e.id]?.points ?? null) : null;
        if (e.kind === 'item') {
          const a = auto[e.id];
          if (a && a.points !== null && next.score !== null) {
            // The system's own value is no override: the item keeps following the data.
            if (next.score === a.points) next.score = null;
            else if (!next.reason) {
              throw new DomainError(
                'BAD_INPUT',
                `「${titleOf(w.rules.standard, 'item', e.id)}」与系统自动计分（${a.points} 分）不同，请填写理由`,
              );
            }
          }
          if (a && next.score === null) next.reason = '';
        }
        if (sameJson(self[key], next)) continue;
        records.push(
          audit(
            ctx,
            w.user,
            w.village,
            w.year,
            'sheet',
            '自评',
            titleOf(w.rules.standard, e.kind, e.id),
            describeSelf(e.kind, self[key], autoPoints),
            describeSelf(e.kind, next, autoPoints),
          ),
        );
        self[key] = next;
      }
      if (!records.length) return finish(ctx, w.rules, w.village, w.year, w.sheet, auto, w.viewer, w.stored);
      assertOpen(w.sheet, w.rules, now, 'edit');
      if (input.baseRev !== undefined && input.baseRev !== w.sheet.rev)
        throw new DomainError('VERSION_CONFLICT', '评分表已被他人修改，请刷新后再试');
      const move = moveToNewest(ctx, w);
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        { self, auto, updatedAt: now.toISOString(), ...move.set },
        [...move.records, ...records],
        w.stored,
      );
      return finish(ctx, w.rules, w.village, w.year, sheet, auto, w.viewer);
    }),

    submit: action(I.submit, async (input, ctx) => {
      const w = await villageWrite(ctx, input.villageId, input.year);
      const now = ctx.clock.now();
      if (w.sheet.state === 'submitted' && w.sheet.submittedBy?.openid === w.user._id) {
        // A retried submission: already done.
        return finish(ctx, w.rules, w.village, w.year, w.sheet, w.sheet.auto, w.viewer);
      }
      assertOpen(w.sheet, w.rules, now, 'submit');
      if (input.baseRev !== undefined && input.baseRev !== w.sheet.rev)
        throw new DomainError('VERSION_CONFLICT', '评分表已被他人修改，请刷新后再试');
      const auto = await autoFor(ctx, w.rules, w.village, w.sheet);
      const ev = evaluate(w.rules, w.sheet, auto);
      if (ev.selfTotals.missing > 0) {
        const what = missingOf(w.rules.standard, w.sheet, auto)
          .filter((m) => m.endsWith('未评分'))
          .slice(0, 3)
          .join('、');
        throw new DomainError(
          'SHEET_INCOMPLETE',
          `还有 ${ev.selfTotals.missing} 项未评分（${what}${ev.selfTotals.missing > 3 ? '等' : ''}），请全部评分后再提交`,
        );
      }
      checkSubmittable(w.rules.standard, w.sheet, auto);
      const at = now.toISOString();
      const move = moveToNewest(ctx, w);
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        {
          state: 'submitted',
          // The version it was scored against (drafts follow the newest until submitted).
          standardId: w.rules.standard._id,
          standardVersion: w.rules.standard.version,
          movedFrom: null,
          auto,
          submittedAt: at,
          submittedBy: { openid: w.user._id, name: w.user.name },
          reopenReason: null,
          updatedAt: at,
        },
        [
          ...move.records,
          audit(
            ctx,
            w.user,
            w.village,
            w.year,
            'sheet',
            '提交自评',
            '评分表',
            SHEET_STATE_LABELS[w.sheet.state],
            `${SHEET_STATE_LABELS.submitted}；自评总分 ${ev.selfTotals.total} 分`,
          ),
        ],
        w.stored,
      );
      return finish(ctx, w.rules, w.village, w.year, sheet, auto, w.viewer);
    }),

    review: action(I.review, async (input, ctx) => {
      const w = await townWrite(ctx, input.villageId, input.year);
      const now = ctx.clock.now();
      const auto = w.sheet.auto;
      const review = { ...w.sheet.review };
      const records: AuditEntry[] = [];
      for (const e of input.entries) {
        checkScore(w.rules.standard, e.kind, e.id, e.score);
        const key = entryKey(e.kind, e.id);
        const next: ReviewState = {
          score: e.kind === 'veto' ? null : (e.score ?? null),
          applies: e.kind === 'veto' ? (e.applies ?? null) : null,
          comment: e.comment,
          by: { openid: w.user._id, name: w.user.name },
          at: now.toISOString(),
        };
        const prev = review[key];
        if (
          prev &&
          prev.score === next.score &&
          prev.applies === next.applies &&
          prev.comment === next.comment
        )
          continue;
        const selfScore =
          e.kind === 'veto'
            ? null
            : (w.sheet.self[key]?.score ?? (e.kind === 'item' ? (auto[e.id]?.points ?? null) : null));
        const selfApplies = w.sheet.self[key]?.applies ?? false;
        const adjusted =
          e.kind === 'veto'
            ? next.applies !== null && next.applies !== selfApplies
            : next.score !== null && next.score !== selfScore;
        if (adjusted && !next.comment) {
          throw new DomainError(
            'BAD_INPUT',
            `调整「${titleOf(w.rules.standard, e.kind, e.id)}」的${e.kind === 'veto' ? '认定' : '分数'}时请填写审核意见`,
          );
        }
        records.push(
          audit(
            ctx,
            w.user,
            w.village,
            w.year,
            'sheet',
            '审核',
            titleOf(w.rules.standard, e.kind, e.id),
            describeReview(e.kind, prev),
            describeReview(e.kind, next),
          ),
        );
        review[key] = next;
      }
      if (!records.length) return finish(ctx, w.rules, w.village, w.year, w.sheet, auto, w.viewer);
      if (input.baseRev !== undefined && input.baseRev !== w.sheet.rev)
        throw new DomainError('VERSION_CONFLICT', '评分表已被他人修改，请刷新后再试');
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        { review, state: 'reviewed', updatedAt: now.toISOString() },
        records,
      );
      return finish(ctx, w.rules, w.village, w.year, sheet, auto, w.viewer);
    }),

    confirm: action(I.confirm, async (input, ctx) => {
      const w = await townWrite(ctx, input.villageId, input.year);
      const now = ctx.clock.now();
      const auto = w.sheet.auto;
      const ev = evaluate(w.rules, w.sheet, auto);
      if (ev.totals.missing > 0)
        throw new DomainError('SHEET_INCOMPLETE', `还有 ${ev.totals.missing} 项没有得分，不能定级`);
      const scheme = w.rules.scheme;
      let tier = ev.computedTier;
      if (input.tier && input.tier !== ev.computedTier.key) {
        if (!scheme.tiers.some((t) => t.key === input.tier))
          throw new DomainError('BAD_INPUT', '没有这个定级档次');
        if (!input.reason)
          throw new DomainError('BAD_INPUT', `按评分应定为${ev.computedTier.label}，改定其他档次请填写理由`);
        const chosen = scheme.tiers.find((t) => t.key === input.tier)!;
        if (ev.totals.vetoes.length && chosen.countsAsQinglian) {
          throw new DomainError(
            'BAD_INPUT',
            `存在否决项（${ev.totals.vetoes.join('、')}），不能认定为清廉村居`,
          );
        }
        if (tierRank(scheme, input.tier) < tierRank(scheme, ev.computedTier.key)) {
          throw new DomainError(
            'BAD_INPUT',
            `总分 ${ev.totals.total} 分未达到${chosen.label}的分数线（${chosen.minScore} 分）`,
          );
        }
        tier = resultForTier(scheme, input.tier, `镇纪委定级：${input.reason}`, ev.totals.vetoes.length > 0);
      }
      const at = now.toISOString();
      const confirmed = {
        ...tier,
        total: ev.totals.total,
        by: { openid: w.user._id, name: w.user.name },
        at,
        comment: input.comment,
        reason: input.reason,
      };
      const sheet = await saveSheet(ctx.store, w.sheet, { state: 'confirmed', confirmed, updatedAt: at }, [
        audit(
          ctx,
          w.user,
          w.village,
          w.year,
          'sheet',
          '确认定级',
          '定级',
          `计算结果：${ev.computedTier.label}`,
          `${tier.label}（总分 ${ev.totals.total} 分）${input.comment ? `；意见：${input.comment}` : ''}`,
        ),
      ]);
      return finish(ctx, w.rules, w.village, w.year, sheet, auto, w.viewer);
    }),

    reopen: action(I.reopen, async (input, ctx) => {
      const w = await townWrite(ctx, input.villageId, input.year);
      const at = ctx.clock.now().toISOString();
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        { state: 'draft', reopenReason: input.reason, updatedAt: at },
        [
          audit(
            ctx,
            w.user,
            w.village,
            w.year,
            'sheet',
            '退回修改',
            '评分表',
            SHEET_STATE_LABELS[w.sheet.state],
            `${SHEET_STATE_LABELS.draft}；理由：${input.reason}`,
          ),
        ],
      );
      return finish(ctx, w.rules, w.village, w.year, sheet, w.sheet.auto, w.viewer);
    }),

    requestReopen: action(I.requestReopen, async (input, ctx) => {
      const w = await villageWrite(ctx, input.villageId, input.year);
      const now = ctx.clock.now();
      if (w.sheet.state !== 'draft') throw new DomainError('SHEET_LOCKED', '评分表已提交，无需申请重新开放');
      if (phaseOf(w.rules.standard, w.sheet, chinaDateKey(now)) === 'open')
        throw new DomainError('BAD_INPUT', '评分表现在可以填写和提交，无需申请');
      const pending = w.sheet.reopenRequest;
      if (pending?.state === 'pending') {
        // A retry of the same request is answered with the sheet as it stands.
        if (pending.reason === input.reason && pending.by.openid === w.user._id)
          return finish(
            ctx,
            w.rules,
            w.village,
            w.year,
            w.sheet,
            await autoFor(ctx, w.rules, w.village, w.sheet),
            w.viewer,
            w.stored,
          );
        throw new DomainError('BAD_INPUT', '已向镇纪委提交申请，请等待答复');
      }
      const at = now.toISOString();
      const auto = await autoFor(ctx, w.rules, w.village, w.sheet);
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        {
          reopenRequest: {
            reason: input.reason,
            by: { openid: w.user._id, name: w.user.name },
            at,
            state: 'pending',
            answer: '',
            answeredBy: null,
            answeredAt: null,
          },
          updatedAt: at,
        },
        [
          audit(
            ctx,
            w.user,
            w.village,
            w.year,
            'sheet',
            '申请重新开放',
            '评分表',
            '',
            `理由：${input.reason}`,
          ),
        ],
        w.stored,
      );
      return finish(ctx, w.rules, w.village, w.year, sheet, auto, w.viewer);
    }),

    answerReopen: action(I.answerReopen, async (input, ctx) => {
      const { user, village } = await requireVillageRole(
        ctx.store,
        ctx.principal,
        input.villageId,
        'townAdmin',
      );
      const year = input.year ?? chinaYear(ctx.clock.now());
      const stored = await sheetsOf(ctx.store).get(sheetId(village._id, year));
      const request = stored?.reopenRequest;
      if (!stored || !request) throw new DomainError('NOT_FOUND', '该村没有申请重新开放评分表');
      const rules = await rulesForSheet(ctx.store, village.townId, year, stored);
      const viewer = viewerOf(user, village);
      const sheet0 = await settleAudit(ctx.store, stored);
      const answered = async (s: SheetDoc) =>
        finish(ctx, rules, village, year, s, await autoFor(ctx, rules, village, s), viewer);
      if (request.state !== 'pending') {
        // A retry of the same answer: already done.
        if ((request.state === 'granted') === input.grant && request.answeredBy?.openid === user._id)
          return answered(sheet0);
        throw new DomainError('BAD_INPUT', '该申请已经答复');
      }
      if (sheet0.state !== 'draft') throw new DomainError('SHEET_LOCKED');
      const at = ctx.clock.now().toISOString();
      const answer = input.comment;
      const set: Partial<SheetDoc> = {
        reopenRequest: {
          ...request,
          state: input.grant ? 'granted' : 'declined',
          answer,
          answeredBy: { openid: user._id, name: user.name },
          answeredAt: at,
        },
        updatedAt: at,
      };
      if (input.grant) set.reopenReason = answer || `应村里申请重新开放：${request.reason}`;
      const sheet = await saveSheet(ctx.store, sheet0, set, [
        audit(
          ctx,
          user,
          village,
          year,
          'sheet',
          input.grant ? '同意重新开放' : '不同意重新开放',
          '评分表',
          `申请理由：${request.reason}`,
          answer ? `意见：${answer}` : input.grant ? '同意' : '不同意',
        ),
      ]);
      return answered(sheet);
    }),

    comment: action(I.comment, async (input, ctx) => {
      const w = await villageWrite(ctx, input.villageId, input.year);
      if (w.sheet.state === 'draft') throw new DomainError('BAD_INPUT', '评分表提交后才能对审核结果发表意见');
      const at = ctx.clock.now().toISOString();
      if (w.sheet.comments.some((c) => c.text === input.text && c.byName === w.user.name)) {
        return finish(ctx, w.rules, w.village, w.year, w.sheet, w.sheet.auto, w.viewer);
      }
      const comments = [...w.sheet.comments, { byName: w.user.name, at, text: input.text }].slice(-100);
      const sheet = await saveSheet(ctx.store, w.sheet, { comments, updatedAt: at }, [
        audit(ctx, w.user, w.village, w.year, 'sheet', '村里意见', '审核结果', '', input.text),
      ]);
      return finish(ctx, w.rules, w.village, w.year, sheet, w.sheet.auto, w.viewer);
    }),

    history: action(I.history, async (input, ctx) => {
      const { village } = await readAccess(ctx, input.villageId);
      const year = input.year ?? chinaYear(ctx.clock.now());
      const [stored, sheet] = await Promise.all([
        findAll(auditOf(ctx.store), { villageId: village._id, year }, { sort: { at: 1 } }),
        sheetsOf(ctx.store).get(sheetId(village._id, year)),
      ]);
      // A change whose records are still on the sheet (its write stopped halfway) shows too.
      const seen = new Set(stored.map((d) => d._id));
      const docs = [...stored, ...(sheet?.pendingAudit ?? []).filter((d) => !seen.has(d._id))].sort(
        (a, b) => a.at.localeCompare(b.at) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
      );
      const records: AuditRecord[] = docs.map((d) => ({
        id: d._id,
        at: d.at,
        byName: d.by.name,
        byRole: d.by.role,
        action: d.action,
        target: d.target,
        before: d.before,
        after: d.after,
      }));
      return { records };
    }),

    dashboard: action(I.dashboard, async (input, ctx): Promise<Dashboard> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const year = input.year ?? chinaYear(ctx.clock.now());
      const today = chinaDateKey(ctx.clock.now());
      const [rules, town, vs, sums, asking] = await Promise.all([
        loadRules(ctx.store, user.townId, year),
        towns(ctx.store).get(user.townId),
        findAll(villages(ctx.store), { townId: user.townId }, { fields: ['name'] }),
        findAll(summariesOf(ctx.store), { townId: user.townId, year: { $gte: year - 2, $lte: year } }),
        findAll(
          sheetsOf(ctx.store),
          { townId: user.townId, year, 'reopenRequest.state': 'pending' },
          { fields: ['villageId', 'reopenRequest'] },
        ),
      ]);
      const scheme = rules.scheme;
      const byKey = new Map(sums.map((s) => [s._id, s]));
      const months = monthsDue(year, rules.standard.ledgerSince, today);
      const unitIds = rules.standard.units.map((u) => u.id);
      const states: Record<SheetState | 'none', number> = {
        none: 0,
        draft: 0,
        submitted: 0,
        reviewed: 0,
        confirmed: 0,
      };
      let late = 0;
      let missing = 0;
      const rows: DashboardVillage[] = vs.map((v) => {
        const s = byKey.get(sheetId(v._id, year));
        const prev = byKey.get(sheetId(v._id, year - 1));
        const state = s && s.total !== null ? s.state : 'none';
        states[state]++;
        const tierKey = state === 'none' ? null : (s?.tierKey ?? null);
        const target = villageTarget(scheme, year, prev?.tierConfirmed ? prev.tierKey : null);
        const marks = ledgerMarks(s?.ledger ?? {}, unitIds, months);
        late += marks.late;
        missing += marks.missing;
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
      rows.sort(
        (a, b) =>
          Number(b.belowTarget) - Number(a.belowTarget) ||
          Number(b.vetoes.length > 0) - Number(a.vetoes.length > 0) ||
          tierRank(scheme, b.tier?.key ?? null) - tierRank(scheme, a.tier?.key ?? null) ||
          (a.score ?? -1) - (b.score ?? -1) ||
          a.villageName.localeCompare(b.villageName, 'zh'),
      );
      const counts = countAgainstTargets(
        scheme,
        year,
        rows.map((r) => ({ tier: r.tier?.key ?? null, confirmed: r.confirmed })),
      );
      return {
        year,
        townName: town?.name ?? '',
        asOf: today,
        villages: rows.slice(input.skip, input.skip + input.limit),
        villageTotal: rows.length,
        counts,
        qinglian: {
          confirmed: rows.filter((r) => r.confirmed && r.tier?.qinglian).length,
          target: qinglianTarget(scheme, year),
        },
        states,
        ledger: { late, missing, monthsChecked: months },
        schemeName: scheme.name,
        reopenRequests: asking
          .map((x) => ({
            villageId: x.villageId,
            villageName: vs.find((v) => v._id === x.villageId)?.name ?? '',
            reason: x.reopenRequest!.reason,
            byName: x.reopenRequest!.by.name,
            at: x.reopenRequest!.at,
          }))
          .sort((a, b) => a.at.localeCompare(b.at)),
      };
    }),

    demonstration: action(I.demonstration, async (input, ctx): Promise<Demonstration> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      const year = input.year ?? chinaYear(ctx.clock.now());
      const [rules, vs, sums] = await Promise.all([
        loadRules(ctx.store, user.townId, year),
        findAll(villages(ctx.store), { townId: user.townId }, { fields: ['name'] }),
        findAll(summariesOf(ctx.store), { townId: user.townId, year }),
      ]);
      const byVillage = new Map(sums.map((x) => [x.villageId, x]));
      const rows = vs.map((v) => {
        const s = byVillage.get(v._id);
        const state = s && s.total !== null ? s.state : 'none';
        return {
          villageId: v._id,
          villageName: v.name,
          state,
          score: state === 'none' ? null : (s?.total ?? null),
          tierLabel: s?.tierKey ? tierLabel(rules.scheme, s.tierKey) : null,
          confirmed: !!s?.tierConfirmed,
          vetoes: s?.vetoes ?? [],
        };
      });
      // Only submitted sheets are judged on the survey: the latest round closed by the year's end.
      const candidates = rows.filter((r) => r.state !== 'none' && r.state !== 'draft');
      const results = await sources.surveys(
        ctx.store,
        candidates.map((r) => r.villageId),
        deadlineInstant(`${year}-12-31`).toISOString(),
      );
      const surveys = new Map<string, SurveyRound>();
      for (const [id, r] of results) {
        surveys.set(id, {
          periodKey: r.periodKey,
          closedYear: chinaYear(new Date(r.closedAt)),
          indicators: r.indicators,
        });
      }
      const ranked = rankDemonstration(rows, surveys, year, FIVE_GOOD_INDICATORS);
      return { year, villages: ranked, eligible: ranked.filter((r) => r.eligible).length };
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
          );
        else
          await writeSummary(ctx.store, v, year, {
            state: 'draft',
            total: null,
            selfTotal: null,
            tierKey: null,
            tierConfirmed: false,
            vetoes: [],
            submittedAt: null,
            updatedAt: now,
          });
        await summariesOf(ctx.store).update(sheetId(v._id, year), {
          set: { ledger: ledgerBy.get(v._id) ?? {} },
        });
      }
      return { villages: vs.length };
    }),

    ledger: action(I.ledger, async (input, ctx): Promise<LedgerView> => {
      const user = requireRole(ctx.principal, 'townAdmin');
      return ledgerView(ctx, user, input.month, input.unitId);
    }),

    saveLedger: action(I.saveLedger, async (input, ctx): Promise<LedgerRow> => {
      const { user, village } = await requireVillageRole(
        ctx.store,
        ctx.principal,
        input.villageId,
        'townAdmin',
      );
      const year = Number(input.month.slice(0, 4));
      const now = ctx.clock.now();
      if (input.month > chinaDateKey(now).slice(0, 7))
        throw new DomainError('BAD_INPUT', '不能填写未来月份的监管台账');
      const standard = (await loadRules(ctx.store, village.townId, year)).standard;
      const unit = standard.units.find((u) => u.id === input.unitId);
      if (!unit) throw new DomainError('BAD_INPUT', '没有这个责任单位');
      const id = ledgerId(village._id, unit.id, input.month);
      const at = now.toISOString();
      const ledgers = ledgersOf(ctx.store);
      const stored = await ledgers.get(id);
      // A write that stopped before its audit record was stored is completed first.
      const existing = stored ? await settle(ctx.store, ledgers, stored) : null;
      const describe = (d: Pick<LedgerDoc, 'findings' | 'note'> | null) =>
        d
          ? d.findings.length
            ? d.findings.map((f) => `${f.finding}（${f.status}）`).join('；')
            : `未发现问题${d.note ? `；${d.note}` : ''}`
          : '（未报送）';
      let doc: LedgerDoc;
      if (existing && sameJson(existing.findings, input.findings) && existing.note === input.note) {
        // Unchanged (or a retry): nothing to record; the dashboard mark is made good below.
        doc = existing;
      } else {
        const rev = (existing?.rev ?? 0) + 1;
        const by = { openid: user._id, name: user.name };
        const pendingAudit = pendingFor(id, rev, [
          audit(
            ctx,
            user,
            village,
            year,
            'ledger',
            existing ? '更新监管台账' : '报送监管台账',
            `${unit.name} ${monthWords(input.month)}`,
            describe(existing),
            describe({ findings: input.findings, note: input.note }),
          ),
        ]);
        if (!existing) {
          doc = {
            _id: id,
            townId: village.townId,
            villageId: village._id,
            unitId: unit.id,
            month: input.month,
            year,
            findings: input.findings,
            note: input.note,
            firstSubmittedAt: at,
            updatedAt: at,
            by,
            rev,
            pendingAudit,
          };
          try {
            await ledgers.insert(doc);
          } catch (e) {
            if (!(e instanceof DuplicateKeyError)) throw e;
            throw new DomainError('VERSION_CONFLICT', '该台账刚被他人报送，请刷新后再试');
          }
        } else {
          const set = { findings: input.findings, note: input.note, updatedAt: at, by, rev, pendingAudit };
          // The change and its audit record in one write, if nobody wrote since it was read.
          const changed = await ledgers.updateWhere({ _id: id, updatedAt: existing.updatedAt }, { set });
          if (changed === 0) throw new DomainError('VERSION_CONFLICT', '该台账刚被他人修改，请刷新后再试');
          doc = { ...existing, ...set };
        }
      }
      // Whether it was on time is decided by the first filing, and kept for the dashboard.
      const state = ledgerState(input.month, chinaDateKey(doc.firstSubmittedAt), '') as 'onTime' | 'late';
      await ensureSummary(ctx.store, village, year, at);
      await summariesOf(ctx.store).update(sheetId(village._id, year), {
        set: { [`ledger.${input.month}.${unit.id}`]: state },
      });
      doc = await settle(ctx.store, ledgers, doc);
      return ledgerRow(doc, village, unit, input.month, chinaDateKey(now));
    }),

    export: action(I.export, async (input, ctx) => {
      if (input.kind === 'ledger') {
        const user = requireRole(ctx.principal, 'townAdmin');
        const view = await ledgerView(ctx, user, input.month);
        const town = await towns(ctx.store).get(user.townId);
        return workbookFor({ kind: 'ledger', townName: town?.name ?? '', view });
      }
      const { view, village } = await readSheet(ctx, input.villageId, input.year);
      const town = await towns(ctx.store).get(village.townId);
      return workbookFor({ kind: input.kind, townName: town?.name ?? '', view });
    }),
  };
}

async function ledgerView(ctx: Ctx, user: UserDoc, month: string, unitId?: string): Promise<LedgerView> {
  const year = Number(month.slice(0, 4));
  const standard = (await loadRules(ctx.store, user.townId, year)).standard;
  const units = standard.units.filter((u) => !unitId || u.id === unitId);
  const query: Record<string, string> = { townId: user.townId, month };
  if (unitId) query.unitId = unitId;
  const [vs, entries] = await Promise.all([
    findAll(villages(ctx.store), { townId: user.townId }, { fields: ['name'], sort: { name: 1 } }),
    findAll(ledgersOf(ctx.store), query),
  ]);
  const today = chinaDateKey(ctx.clock.now());
  const by = new Map(entries.map((e) => [e._id, e]));
  const rows: LedgerRow[] = [];
  for (const u of units) {
    for (const v of vs)
      rows.push(ledgerRow(by.get(ledgerId(v._id, u.id, month)) ?? null, v, u, month, today));
  }
  return { month, dueOn: ledgerDueOn(month), units: standard.units, rows };
}

const ledgerId = (villageId: string, unitId: string, month: string) => `${villageId}.${unitId}.${month}`;

function ledgerRow(
  doc: LedgerDoc | null,
  village: Pick<VillageDoc, '_id' | 'name'>,
  unit: { id: string; name: string },
  month: string,
  today: string,
): LedgerRow {
  return {
    villageId: village._id,
    villageName: village.name,
    unitId: unit.id,
    unitName: unit.name,
    state: ledgerState(month, doc ? chinaDateKey(doc.firstSubmittedAt) : null, today),
    submittedAt: doc?.firstSubmittedAt ?? null,
    findings: doc?.findings ?? [],
    note: doc?.note ?? '',
    byName: doc?.by.name ?? null,
  };
}

async function ensureSummary(
  store: Store,
  village: Pick<VillageDoc, '_id' | 'townId'>,
  year: number,
  now: string,
) {
  const id = sheetId(village._id, year);
  if (await summariesOf(store).get(id)) return;
  await summariesOf(store)
    .insert({
      _id: id,
      townId: village.townId,
      villageId: village._id,
      year,
      state: 'draft',
      total: null,
      selfTotal: null,
      tierKey: null,
      tierConfirmed: false,
      vetoes: [],
      submittedAt: null,
      ledger: {},
      updatedAt: now,
    })
    .catch((e) => {
      if (!(e instanceof DuplicateKeyError)) throw e;
    });
}

/** What a version of a standard says (without who published it and when). */
function standardContent(d: Omit<StandardInput, 'schedule'> & { schedule: unknown }) {
  return {
    year: d.year,
    title: d.title,
    sections: d.sections,
    bonus: d.bonus,
    vetoes: d.vetoes,
    schemeId: d.schemeId,
    units: d.units ?? [],
    ledgerSince: d.ledgerSince,
    schedule: d.schedule,
  };
}

/** A scheme in words, for the change history: tiers, score lines and yearly targets. */
function describeScheme(s: Pick<SchemeDoc, 'name' | 'tiers' | 'vetoTier' | 'targets'>): string {
  const label = (key: string) => s.tiers.find((t) => t.key === key)?.label ?? key;
  const tiers = [...s.tiers]
    .sort((a, b) => b.minScore - a.minScore)
    .map((t) => `${t.label} ${t.minScore} 分以上${t.countsAsQinglian ? '' : '（不认定为清廉村居）'}`)
    .join('，');
  const targets = Object.entries(s.targets)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, t]) => {
      const counts = Object.entries(t.counts)
        .map(([k, n]) => `${label(k)} ${n} 个`)
        .join('、');
      const floor = t.floorTier ? `，每村至少${label(t.floorTier)}` : '';
      return `${year} 年目标：${counts || '未定'}${floor}${t.keepPrevious ? '，不低于上年' : ''}`;
    });
  const veto = s.vetoTier ? `有否决项定为${label(s.vetoTier)}` : '有否决项不定级';
  return [`${s.name}：${tiers}`, veto, ...targets].join('；');
}

/** What of a scheme decides a grade; names and yearly targets do not. */
function gradingOf(s: Pick<SchemeDoc, 'tiers' | 'vetoTier'>) {
  return {
    tiers: s.tiers.map((t) => ({
      key: t.key,
      label: t.label,
      minScore: t.minScore,
      countsAsQinglian: t.countsAsQinglian,
    })),
    vetoTier: s.vetoTier,
  };
}

/** Each year with a standard: the scheme its newest version uses and how many sheets were submitted. */
async function standardUses(
  store: Store,
  townId: string,
): Promise<{ year: number; schemeId: string; submitted: number }[]> {
  const all = await findAll(
    standardsOf(store),
    { townId },
    { fields: ['year', 'version', 'schemeId'], sort: { year: -1, version: -1 } },
  );
  const latest = new Map<number, string>();
  for (const d of all) if (!latest.has(d.year)) latest.set(d.year, d.schemeId);
  return Promise.all(
    [...latest].map(async ([year, schemeId]) => ({
      year,
      schemeId,
      submitted: await sheetsOf(store).count({ townId, year, state: { $ne: 'draft' } }),
    })),
  );
}

function standardOut(d: StandardDoc): Standard {
  const { _id, publishedBy, ...rest } = d;
  void publishedBy;
  return { id: _id, ...rest };
}

function schemeOut(d: SchemeDoc): TierScheme {
  return {
    id: d.schemeId,
    townId: d.townId,
    name: d.name,
    tiers: d.tiers,
    vetoTier: d.vetoTier,
    targets: d.targets,
  };
}

export const assessmentActions = createAssessmentActions();
