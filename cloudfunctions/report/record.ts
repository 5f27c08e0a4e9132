import type { Store } from '../common/store/port';
import type { PublicRecord } from '../record/public';
import {
  noticesOf,
  noticeVersionIdOf,
  noticeVersionsOf,
  reportsOf,
  type NoticeDoc,
  type NoticeVersionDoc,
  type ReportDoc,
} from './store';

/**
 * The public content of notices, their withdrawals and monthly reports as they enter the public
 * record chain: what residents read, never the openids of who published or read them.
 */

function noticeContentOf(v: NoticeVersionDoc) {
  return {
    noticeId: v.noticeId,
    version: v.version,
    villageId: v.villageId,
    title: v.title,
    body: v.body,
    pictures: v.pictures,
    expiresOn: v.expiresOn,
    reason: v.reason,
    publishedAt: v.publishedAt,
  };
}

function withdrawalContentOf(n: NoticeDoc) {
  return n.withdrawal ? { noticeId: n._id, at: n.withdrawal.at, reason: n.withdrawal.reason } : null;
}

function reportContentOf(r: ReportDoc) {
  if (r.status !== 'published' || !r.publishedAt) return null;
  return {
    reportId: r._id,
    villageId: r.villageId,
    month: r.month,
    content: r.content,
    note: r.note,
    publishedAt: r.publishedAt,
  };
}

export function noticeRecordOf(v: NoticeVersionDoc): PublicRecord {
  return {
    villageId: v.villageId,
    townId: v.townId,
    kind: 'notice',
    recordId: v.noticeId,
    version: v.version,
    label: v.title,
    at: v.publishedAt,
    content: noticeContentOf(v),
  };
}

/** The chain record of a withdrawal (null when the notice is not withdrawn). */
export function withdrawalRecordOf(n: NoticeDoc): PublicRecord | null {
  const content = withdrawalContentOf(n);
  if (!content || !n.withdrawal) return null;
  return {
    villageId: n.villageId,
    townId: n.townId,
    kind: 'noticeWithdrawal',
    recordId: n._id,
    version: 1,
    label: n.title,
    at: n.withdrawal.at,
    content,
  };
}

/** The chain record of a published monthly report (null while it is a draft). */
export function reportRecordOf(r: ReportDoc, villageName: string): PublicRecord | null {
  const content = reportContentOf(r);
  if (!content || !r.publishedAt) return null;
  return {
    villageId: r.villageId,
    townId: r.townId,
    kind: 'report',
    recordId: r._id,
    version: 1,
    label: `${villageName}${Number(r.month.slice(0, 4))}年${Number(r.month.slice(5, 7))}月村情月报`,
    at: r.publishedAt,
    content,
  };
}

/** The public content of a notice version as stored now (null when it is gone). */
export async function noticeContent(store: Store, noticeId: string, version: number) {
  const v = await noticeVersionsOf(store).get(noticeVersionIdOf(noticeId, version));
  if (v) return noticeContentOf(v);
  // A notice stored before versions existed is its own version 1.
  const n = await noticesOf(store).get(noticeId);
  if (!n || version !== 1 || (n.version ?? 1) !== 1) return null;
  return noticeContentOf({
    ...n,
    _id: noticeVersionIdOf(n._id, 1),
    noticeId: n._id,
    version: 1,
    reason: null,
  });
}

export async function withdrawalContent(store: Store, noticeId: string) {
  const n = await noticesOf(store).get(noticeId);
  return n ? withdrawalContentOf(n) : null;
}

export async function reportContent(store: Store, reportId: string) {
  const r = await reportsOf(store).get(reportId);
  return r ? reportContentOf(r) : null;
}
