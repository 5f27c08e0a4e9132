import type { Store } from '../common/store/port';
import type { PublicRecord } from '../record/public';
import { versionsOf, type VersionDoc } from './store';

/**
 * The public record of disclosure versions (read through public.ts by the record context).
 *
 * The public content of one published disclosure version, as it enters the public record chain:
 * what residents read, attachments by their file id, never the publisher's openid or the
 * request id.
 */
function publicContentOf(v: VersionDoc) {
  return {
    seriesId: v.seriesId,
    version: v.version,
    villageId: v.villageId,
    category: v.category,
    major: v.major,
    occurredOn: v.occurredOn,
    title: v.title,
    periodKey: v.periodKey,
    body: v.body,
    attachments: v.attachments.map((a) => ({ fileId: a.fileId, name: a.name, kind: a.kind })),
    items: v.items,
    totals: v.totals,
    reason: v.reason,
    publishedAt: v.publishedAt,
  };
}

/** The chain record of a published version (appended on publish and on every correction). */
export function disclosureRecordOf(v: VersionDoc): PublicRecord {
  return {
    villageId: v.villageId,
    townId: v.townId,
    kind: 'disclosure',
    recordId: v.seriesId,
    version: v.version,
    label: v.title,
    at: v.publishedAt,
    content: publicContentOf(v),
  };
}

/** The public content of a version as stored now (null when it is gone). */
export async function disclosureContent(store: Store, seriesId: string, version: number) {
  const v = await versionsOf(store).get(`${seriesId}.v${version}`);
  return v ? publicContentOf(v) : null;
}
