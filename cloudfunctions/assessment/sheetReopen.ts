import { chinaDateKey } from '../common/clock';
import type { AuditRecord } from '../common/contracts/assessment';
import { assessmentInputs as I, SHEET_STATE_LABELS } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { requireRole, towns } from '../common/identity';
import { action } from '../common/router';
import { findAll } from '../common/store/port';
import { workbookFor } from './export';
import { saveSheet } from './audit';
import { type Sources } from './ports';
import { chinaYear, phaseOf, sheetId } from './sheet';
import { auditOf, sheetsOf, type SheetDoc } from './store';
import { readAccess } from './policy';
import { ledgerView } from './ledger';

import { sheetAccess, sheetAudit } from './sheetAccess';

/** Reopening a sheet (by the town, or on the village's request), comments, history and export. */
export function sheetReopenActions(sources: Sources) {
  const { autoFor, finish, villageWrite, townSheet, townWrite, readSheet } = sheetAccess(sources);
  return {
    reopen: action(I.reopen, async (input, ctx) => {
      const w = await townWrite(ctx, input.villageId, input.year);
      const at = ctx.clock.now().toISOString();
      const sheet = await saveSheet(
        ctx.store,
        w.sheet,
        { state: 'draft', reopenReason: input.reason, updatedAt: at },
        [
          sheetAudit(
            ctx,
            w,
            '退回修改',
            '评分表',
            SHEET_STATE_LABELS[w.sheet.state],
            `${SHEET_STATE_LABELS.draft}；理由：${input.reason}`,
          ),
        ],
      );
      return finish(ctx, w, sheet, w.sheet.auto);
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
          return finish(ctx, w, w.sheet, await autoFor(ctx, w.rules, w.village, w.sheet), w.stored);
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
        [sheetAudit(ctx, w, '申请重新开放', '评分表', '', `理由：${input.reason}`)],
        w.stored,
      );
      return finish(ctx, w, sheet, auto);
    }),

    answerReopen: action(I.answerReopen, async (input, ctx) => {
      const noRequest = () => new DomainError('NOT_FOUND', '该村没有申请重新开放评分表');
      const w = await townSheet(ctx, input.villageId, input.year, (stored) => {
        if (!stored?.reopenRequest) throw noRequest();
        return stored;
      });
      const { user, village, rules, sheet: sheet0 } = w;
      const request = sheet0.reopenRequest;
      if (!request) throw noRequest();
      const answered = async (s: SheetDoc) => finish(ctx, w, s, await autoFor(ctx, rules, village, s));
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
        sheetAudit(
          ctx,
          w,
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
        return finish(ctx, w, w.sheet, w.sheet.auto);
      }
      const comments = [...w.sheet.comments, { byName: w.user.name, at, text: input.text }].slice(-100);
      const sheet = await saveSheet(ctx.store, w.sheet, { comments, updatedAt: at }, [
        sheetAudit(ctx, w, '村里意见', '审核结果', '', input.text),
      ]);
      return finish(ctx, w, sheet, w.sheet.auto);
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
