import { chinaDateKey } from '../common/clock';
import type { AuditRecord } from '../common/contracts/assessment';
import { assessmentInputs as I, SHEET_STATE_LABELS } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { requireRole, requireVillageRole, towns } from '../common/identity';
import { action } from '../common/router';
import { findAll } from '../common/store/port';
import { workbookFor } from './export';
import { audit, saveSheet, settleAudit } from './audit';
import { type Sources } from './ports';
import { chinaYear, phaseOf, rulesForSheet, sheetId } from './sheet';
import { auditOf, sheetsOf, type SheetDoc } from './store';
import { viewerOf, readAccess } from './policy';
import { ledgerView } from './ledger';

import { sheetAccess } from './sheetAccess';

/** Reopening a sheet (by the town, or on the village's request), comments, history and export. */
export function sheetReopenActions(sources: Sources) {
  const { autoFor, finish, villageWrite, townWrite, readSheet } = sheetAccess(sources);
  return {
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
