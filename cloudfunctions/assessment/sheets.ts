import { assessmentInputs as I, SHEET_STATE_LABELS } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { action } from '../common/router';
import { resultForTier, tierRank } from './domain/scoring';
import { saveSheet, type AuditEntry, sameJson } from './audit';
import { type Sources } from './ports';
import { evaluate, missingOf } from './sheet';
import { entryKey, type ReviewState, type SelfState } from './store';

import { checkScore, checkSubmittable, describeReview, describeSelf, titleOf } from './sheetChecks';
import { moveToNewest, sheetAccess, sheetAudit } from './sheetAccess';
import { sheetReopenActions } from './sheetReopen';

/** A village's score sheet: filled and submitted by the village, reviewed and graded by the town. */
export function sheetActions(sources: Sources) {
  const { autoFor, finish, villageWrite, townSheet, townWrite, assertOpen, readSheet } = sheetAccess(sources);
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
          sheetAudit(
            ctx,
            w,
            '自评',
            titleOf(w.rules.standard, e.kind, e.id),
            describeSelf(e.kind, self[key], autoPoints),
            describeSelf(e.kind, next, autoPoints),
          ),
        );
        self[key] = next;
      }
      if (!records.length) return finish(ctx, w, w.sheet, auto, w.stored);
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
      return finish(ctx, w, sheet, auto);
    }),

    submit: action(I.submit, async (input, ctx) => {
      const w = await villageWrite(ctx, input.villageId, input.year);
      const now = ctx.clock.now();
      if (w.sheet.state === 'submitted' && w.sheet.submittedBy?.openid === w.user._id) {
        // A retried submission: already done.
        return finish(ctx, w, w.sheet, w.sheet.auto);
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
          sheetAudit(
            ctx,
            w,
            '提交自评',
            '评分表',
            SHEET_STATE_LABELS[w.sheet.state],
            `${SHEET_STATE_LABELS.submitted}；自评总分 ${ev.selfTotals.total} 分`,
          ),
        ],
        w.stored,
      );
      return finish(ctx, w, sheet, auto);
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
          sheetAudit(
            ctx,
            w,
            '审核',
            titleOf(w.rules.standard, e.kind, e.id),
            describeReview(e.kind, prev),
            describeReview(e.kind, next),
          ),
        );
        review[key] = next;
      }
      if (!records.length) return finish(ctx, w, w.sheet, auto);
      if (input.baseRev !== undefined && input.baseRev !== w.sheet.rev)
        throw new DomainError('VERSION_CONFLICT', '评分表已被他人修改，请刷新后再试');
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        { review, state: 'reviewed', updatedAt: now.toISOString() },
        records,
      );
      return finish(ctx, w, sheet, auto);
    }),

    confirm: action(I.confirm, async (input, ctx) => {
      // A confirmed sheet is read too: a retry of the same confirmation answers as the first did.
      const w = await townSheet(ctx, input.villageId, input.year, (stored) => {
        if (!stored || stored.state === 'draft') throw new DomainError('SHEET_NOT_SUBMITTED');
        return stored;
      });
      const now = ctx.clock.now();
      const auto = w.sheet.auto;
      const ev = evaluate(w.rules, w.sheet, auto);
      const done = w.sheet.state === 'confirmed' ? w.sheet.confirmed : null;
      if (done) {
        const same =
          done.key === (input.tier ?? ev.computedTier.key) &&
          done.comment === input.comment &&
          done.reason === input.reason;
        if (!same) throw new DomainError('SHEET_LOCKED', '该村已定级，评分表已锁定');
        // Nothing new to write: the first call stored the sheet, its audit entry and its summary.
        return finish(ctx, w, w.sheet, auto, false);
      }
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
        sheetAudit(
          ctx,
          w,
          '确认定级',
          '定级',
          `计算结果：${ev.computedTier.label}`,
          `${tier.label}（总分 ${ev.totals.total} 分）${input.comment ? `；意见：${input.comment}` : ''}`,
        ),
      ]);
      return finish(ctx, w, sheet, auto);
    }),

    ...sheetReopenActions(sources),
  };
}
