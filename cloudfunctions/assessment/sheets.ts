import { chinaDateKey } from '../common/clock';
import type { AuditRecord, AutoValue, SheetView } from '../common/contracts/assessment';
import { assessmentInputs as I, SHEET_STATE_LABELS } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { requireRole, requireVillageRole, towns, type UserDoc, type VillageDoc } from '../common/identity';
import { action, type Ctx } from '../common/router';
import { findAll } from '../common/store/port';
import { resultForTier, tierRank } from './domain/scoring';
import { workbookFor } from './export';
import { audit, saveSheet, settleAudit, type AuditEntry, sameJson } from './audit';
import { type Sources } from './ports';
import {
  chinaYear,
  evaluate,
  dateWords,
  phaseOf,
  missingOf,
  measureAuto,
  rulesForSheet,
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
  sheetsOf,
  type ReviewState,
  type SelfState,
  type SheetDoc,
  type StandardDoc,
} from './store';
import { viewerOf, readAccess } from './policy';
import { ledgerView } from './ledger';

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
  if (max === null) throw new DomainError('ITEM_NOT_IN_STANDARD');
  if (kind !== 'veto' && score !== null && score !== undefined && score > max) {
    throw new DomainError(
      'SCORE_ABOVE_MAX',
      `「${titleOf(standard, kind, id)}」满分 ${max} 分，得分不能超过满分`,
    );
  }
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
        'AUTO_SCORE_CHANGED',
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

/** A village's score sheet: filled and submitted by the village, reviewed and graded by the town. */
export function sheetActions(sources: Sources) {
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
                'REASON_REQUIRED',
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
          // A request still waiting is moot once the sheet went to the town (its record stays).
          ...(w.sheet.reopenRequest?.state === 'pending' ? { reopenRequest: null } : {}),
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
            'REVIEW_COMMENT_REQUIRED',
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
        if (!scheme.tiers.some((t) => t.key === input.tier)) throw new DomainError('TIER_UNKNOWN');
        if (!input.reason)
          throw new DomainError(
            'TIER_REASON_REQUIRED',
            `按评分应定为${ev.computedTier.label}，改定其他档次请填写理由`,
          );
        const chosen = scheme.tiers.find((t) => t.key === input.tier)!;
        if (ev.totals.vetoes.length && chosen.countsAsQinglian) {
          throw new DomainError(
            'TIER_VETOED',
            `存在否决项（${ev.totals.vetoes.join('、')}），不能认定为清廉村居`,
          );
        }
        if (tierRank(scheme, input.tier) < tierRank(scheme, ev.computedTier.key)) {
          throw new DomainError(
            'TIER_ABOVE_SCORE',
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
        throw new DomainError('REOPEN_NOT_NEEDED');
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
        throw new DomainError('REOPEN_PENDING');
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
        throw new DomainError('REOPEN_ANSWERED');
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
      if (w.sheet.state === 'draft')
        throw new DomainError('SHEET_NOT_SUBMITTED', '评分表提交后才能对审核结果发表意见');
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
