import type { UserDoc, VillageDoc } from '../common/identity';
import { ROLE_LABELS } from '../common/contracts/shared';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { DuplicateKeyError, type Collection, type Store } from '../common/store/port';
import { auditOf, sheetsOf, type AuditDoc, type Audited, type SheetDoc } from './store';

/**
 * Every change of the assessment leaves an audit record, and the two land together: the
 * records ride on the changed document (`pendingAudit`, in the same write as the change), are
 * then inserted under ids derived from the document and its new `rev` (inserting again is
 * harmless), and leave the document. A write that stopped in between is completed by the next
 * call that touches the document, a retry included: exactly once, never lost.
 */

/** An audit record before it gets its _id. */
export type AuditEntry = Omit<AuditDoc, '_id'>;

export function roleOf(user: UserDoc): string {
  const r = user.roles.find((x) => x === 'townAdmin' || x === 'supervisor' || x === 'cadre') ?? user.roles[0];
  return r ? ROLE_LABELS[r] : '';
}

export function audit(
  ctx: Ctx,
  user: UserDoc,
  village: Pick<VillageDoc, '_id' | 'townId'>,
  year: number,
  subject: AuditDoc['subject'],
  action: string,
  target: string,
  before: string,
  after: string,
): AuditEntry {
  return {
    townId: village.townId,
    villageId: village._id,
    year,
    subject,
    at: ctx.clock.now().toISOString(),
    by: { openid: user._id, name: user.name, role: roleOf(user) },
    action,
    target,
    before,
    after,
  };
}

/** Inserts audit records with deterministic _ids: one already there was written by an earlier try. */
export async function writeAudit(store: Store, records: AuditDoc[]) {
  for (const r of records) {
    try {
      await auditOf(store).insert(r);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  }
}

/** The _id of the i-th audit record of the write that takes a document to `rev` (sorts by rev). */
export const auditId = (docId: string, rev: number, i: number) =>
  `${docId}.r${String(rev).padStart(6, '0')}.${i}`;

/** The records of a write taking `docId` to `rev`, with their ids. */
export function pendingFor(docId: string, rev: number, records: AuditEntry[]): AuditDoc[] {
  return records.map((r, i) => ({ ...r, _id: auditId(docId, rev, i) }));
}

/** Completes a write whose audit records are still on the document. */
export async function settle<T extends { _id: string } & Audited>(
  store: Store,
  col: Collection<T>,
  doc: T,
): Promise<T> {
  if (!doc.pendingAudit?.length) return doc;
  await writeAudit(store, doc.pendingAudit);
  // Only if nobody wrote since: a later write replaced the list (after storing these first).
  await col.updateWhere({ _id: doc._id, rev: doc.rev ?? 0 }, { set: { pendingAudit: [] } });
  return { ...doc, pendingAudit: [] };
}

export const settleAudit = (store: Store, sheet: SheetDoc) => settle(store, sheetsOf(store), sheet);

/**
 * Writes the sheet if nobody wrote it since it was read, bumps its rev, and records the change
 * (see above). A sheet not yet stored is created by this write, so a call that is refused
 * before it leaves nothing behind, not even an empty draft.
 */
export async function saveSheet(
  store: Store,
  sheet: SheetDoc,
  set: Partial<SheetDoc>,
  records: AuditEntry[],
  stored = true,
): Promise<SheetDoc> {
  const base = stored ? await settleAudit(store, sheet) : sheet;
  const rev = base.rev + 1;
  const pendingAudit = pendingFor(base._id, rev, records);
  if (!stored) {
    const doc: SheetDoc = { ...base, ...set, rev, pendingAudit };
    try {
      await sheetsOf(store).insert(doc);
    } catch (e) {
      if (e instanceof DuplicateKeyError)
        throw new DomainError('VERSION_CONFLICT', '评分表已被他人修改，请刷新后再试');
      throw e;
    }
    return settleAudit(store, doc);
  }
  const changed = await sheetsOf(store).updateWhere(
    { _id: base._id, rev: base.rev },
    { set: { ...set, pendingAudit }, inc: { rev: 1 } },
  );
  if (changed === 0) throw new DomainError('VERSION_CONFLICT', '评分表已被他人修改，请刷新后再试');
  const saved: SheetDoc = { ...base, ...set, rev, pendingAudit };
  return settleAudit(store, saved);
}

/** Whether two values are the same data (an unchanged save or a retry records nothing). */
export function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
