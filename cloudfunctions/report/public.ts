import { chinaMonthKey } from '../common/clock';
import { findAll, type Query, type Store } from '../common/store/port';
import { monthRange } from './compose';
import { noticesOf, reportsOf } from './store';

/**
 * What other contexts may read of the report context. Everything else in this folder (the
 * collections, their fields) is private and may change.
 */

export interface PublishedCounts {
  /** Notices first published in the window and not withdrawn (corrections are not new notices). */
  notices: number;
  /** Notices first published in the window and withdrawn since. */
  withdrawnNotices: number;
  /** Published 村情月报 whose report month is in the window. */
  reports: number;
  /** Those report months ('YYYY-MM'), ascending. */
  reportMonths: string[];
  /** China-time months ('YYYY-MM') in which a notice was first published (withdrawn or not), ascending. */
  noticeMonths: string[];
}

/**
 * Notices and monthly reports published per village in the China-time months `fromMonth` to
 * `toMonth` ('YYYY-MM', both included). Every village asked for has an entry (zeros when it
 * published nothing). `asOf` (ISO) counts only what was published by then (a report of a
 * month in the window published later is left out). Reads only the window, never the whole
 * history; for bounded sets: one town's villages over months.
 */
export async function publishedCounts(
  store: Store,
  villageIds: readonly string[],
  fromMonth: string,
  toMonth: string,
  opts: { asOf?: string } = {},
): Promise<Map<string, PublishedCounts>> {
  const out = new Map<string, PublishedCounts>(
    villageIds.map((id) => [
      id,
      { notices: 0, withdrawnNotices: 0, reports: 0, reportMonths: [], noticeMonths: [] },
    ]),
  );
  if (!villageIds.length || fromMonth > toMonth) return out;
  const ids = [...new Set(villageIds)];
  // Month bounds are China-time instants (monthRange), so a notice at 23:30 on the last day
  // of a month counts in that month.
  const end = monthRange(toMonth).end;
  const noticesUntil = opts.asOf !== undefined && opts.asOf < end ? { $lte: opts.asOf } : { $lt: end };
  const reportQuery: Query = {
    villageId: { $in: ids },
    status: 'published',
    month: { $gte: fromMonth, $lte: toMonth },
  };
  if (opts.asOf !== undefined) reportQuery.publishedAt = { $lte: opts.asOf };
  const [notices, reports] = await Promise.all([
    findAll(
      noticesOf(store),
      {
        villageId: { $in: ids },
        publishedAt: { $gte: monthRange(fromMonth).start, ...noticesUntil },
      },
      { fields: ['villageId', 'withdrawal', 'publishedAt'] },
    ),
    findAll(reportsOf(store), reportQuery, { fields: ['villageId', 'month'] }),
  ]);
  for (const n of notices) {
    const c = out.get(n.villageId);
    if (!c) continue;
    if (n.withdrawal) c.withdrawnNotices++;
    else c.notices++;
    const month = chinaMonthKey(n.publishedAt);
    if (!c.noticeMonths.includes(month)) c.noticeMonths.push(month);
  }
  for (const r of reports) {
    const c = out.get(r.villageId);
    if (!c) continue;
    c.reports++;
    c.reportMonths.push(r.month);
  }
  for (const c of out.values()) {
    c.reportMonths.sort();
    c.noticeMonths.sort();
  }
  return out;
}

/**
 * Whether the village published any notice or 村情月报 by `asOf` (ISO): two count queries,
 * whatever the history. Tells "published nothing" apart from "no data yet".
 */
export async function hasPublished(store: Store, villageId: string, asOf: string): Promise<boolean> {
  const [reports, notices] = await Promise.all([
    reportsOf(store).count({ villageId, status: 'published', publishedAt: { $lte: asOf } }),
    noticesOf(store).count({ villageId, publishedAt: { $lte: asOf } }),
  ]);
  return reports + notices > 0;
}

export { noticeContent, reportContent, withdrawalContent } from './record';
/** Recounts the report context's part of the village home (notices, latest report). */
export { keepReportFeed } from './homeFeed';

/**
 * What anyone of the village may read of one notice or monthly report, so another context
 * can point at it (e.g. 问题反映 about it): its village, title and a label for lists. null
 * when there is none, or (reports) it is not published.
 */
export interface PublicRef {
  id: string;
  villageId: string;
  townId: string;
  title: string;
  /** How a person names it in a list, e.g. 通知公告《…》. */
  label: string;
}

/** A notice (published when it exists; a withdrawn one stays what it was). */
export async function noticeRef(store: Store, noticeId: string): Promise<PublicRef | null> {
  const n = await noticesOf(store).get(noticeId);
  if (!n) return null;
  return {
    id: n._id,
    villageId: n.villageId,
    townId: n.townId,
    title: n.title,
    label: `通知公告《${n.title}》`,
  };
}

/** A published 村情月报; drafts are nobody's to point at yet. */
export async function reportRef(store: Store, reportId: string): Promise<PublicRef | null> {
  const r = await reportsOf(store).get(reportId);
  if (!r || r.status !== 'published') return null;
  const [year, month] = r.month.split('-').map(Number);
  const title = `${year}年${month}月村情月报`;
  return { id: r._id, villageId: r.villageId, townId: r.townId, title, label: title };
}
