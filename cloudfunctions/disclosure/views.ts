import { chinaDateKey } from '../common/clock';
import type { DisclosureDetail, DisclosureSummary } from '../common/contracts/disclosure';
import type { Store } from '../common/store/port';
import { publishedDaysLate } from './domain/cadence';
import { versionsOf, type HeadDoc, type VersionDoc } from './store';

/** How a disclosure is shown: a list row and the detail with its versions. */

export function summaryOf(h: HeadDoc): DisclosureSummary {
  return {
    seriesId: h._id,
    villageId: h.villageId,
    category: h.category,
    major: h.major,
    title: h.title,
    periodKey: h.periodKey,
    version: h.version,
    firstPublishedAt: h.firstPublishedAt,
    publishedAt: h.publishedAt,
    totals: h.totals,
    daysLate: publishedDaysLate({
      category: h.category,
      periodKey: h.periodKey,
      major: h.major,
      occurredOn: h.occurredOn,
      publishedOn: chinaDateKey(h.firstPublishedAt),
    }),
  };
}

export async function detailOf(store: Store, v: VersionDoc, head: HeadDoc): Promise<DisclosureDetail> {
  const all = await versionsOf(store).find(
    { seriesId: v.seriesId },
    { sort: { version: 1 }, fields: ['version', 'publishedAt', 'reason'] },
  );
  return {
    seriesId: v.seriesId,
    villageId: v.villageId,
    category: v.category,
    major: v.major,
    title: v.title,
    periodKey: v.periodKey,
    version: v.version,
    firstPublishedAt: head.firstPublishedAt,
    publishedAt: v.publishedAt,
    totals: v.totals,
    daysLate: summaryOf(head).daysLate,
    body: v.body,
    attachments: v.attachments,
    items: v.items,
    occurredOn: v.occurredOn,
    reason: v.reason,
    publisherName: v.publisher.name,
    latestVersion: head.version,
    versions: all.map((x) => ({ version: x.version, publishedAt: x.publishedAt, reason: x.reason })),
  };
}
