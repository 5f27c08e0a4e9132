import type { HomeFeedNotice } from '../common/contracts/disclosure';
import type { Store } from '../common/store/port';
import { putHomeFeed } from '../disclosure/public';
import { noticesOf, reportsOf } from './store';

/** Notices the home keeps: enough for the feed's three after any expire. */
const KEPT_NOTICES = 5;

/**
 * Recounts the report context's part of the village home from its source (the current notices,
 * pinned first, withdrawn ones left out; the latest published report) and stores it. Called after
 * every notice or report change, so the kept part always equals this recount.
 */
export async function keepReportFeed(store: Store, villageId: string, today: string): Promise<void> {
  const [listed, reports] = await Promise.all([
    noticesOf(store).find(
      { villageId, listedUntil: { $gte: today } },
      {
        sort: { pinned: -1, publishedAt: -1, _id: -1 },
        limit: KEPT_NOTICES * 2,
        fields: ['title', 'pinned', 'expiresOn', 'publishedAt', 'withdrawal'],
      },
    ),
    reportsOf(store).find(
      { villageId, status: 'published' },
      { sort: { month: -1 }, limit: 1, fields: ['month', 'publishedAt'] },
    ),
  ]);
  const notices: HomeFeedNotice[] = listed
    .filter((n) => !n.withdrawal)
    .slice(0, KEPT_NOTICES)
    .map((n) => ({
      noticeId: n._id,
      title: n.title,
      pinned: n.pinned,
      expiresOn: n.expiresOn || null,
      publishedAt: n.publishedAt,
    }));
  const r = reports[0];
  await putHomeFeed(store, villageId, {
    notices,
    report: r ? { reportId: r._id, month: r.month, publishedAt: r.publishedAt } : null,
  });
}
