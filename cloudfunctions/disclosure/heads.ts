import { createHash } from 'node:crypto';
import type { VillageDoc } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { periodSortKey, yearOf } from '../common/periods';
import { coveredKey } from './domain/cadence';
import { coverageOf, headsOf, type CoverageDoc, type HeadDoc, type VersionDoc } from './store';

/** The written side of a series: version ids, the head (newest version) and the village's coverage. */

export function seriesIdFor(villageId: string, requestId: string): string {
  return `d${createHash('sha256').update(`${villageId}\n${requestId}`).digest('hex').slice(0, 20)}`;
}

export const versionId = (seriesId: string, version: number) => `${seriesId}.v${version}`;

export function headOf(v: VersionDoc, firstPublishedAt: string): HeadDoc {
  return {
    _id: v.seriesId,
    villageId: v.villageId,
    townId: v.townId,
    category: v.category,
    major: v.major,
    occurredOn: v.occurredOn,
    title: v.title,
    periodKey: v.periodKey,
    periodSort: periodSortKey(v.periodKey),
    year: yearOf(v.periodKey),
    version: v.version,
    firstPublishedAt,
    publishedAt: v.publishedAt,
    totals: v.totals,
  };
}

/** Records that the village disclosed this period; idempotent, so retries and repairs are safe. */
export async function cover(store: Store, village: VillageDoc, v: VersionDoc): Promise<void> {
  const key = coveredKey(v);
  const ops = key ? { addToSet: { [v.category]: key } } : { set: {} };
  // lastPublishedAt only moves forward ('' sorts before every ISO time in both stores).
  const advance = () =>
    coverageOf(store).updateWhere(
      { _id: village._id, lastPublishedAt: { $lt: v.publishedAt } },
      { set: { lastPublishedAt: v.publishedAt } },
    );
  if (await coverageOf(store).update(village._id, ops)) {
    await advance();
    return;
  }
  try {
    await coverageOf(store).insert({
      _id: village._id,
      townId: village.townId,
      finance: [],
      affairs: [],
      party: [],
      lastPublishedAt: '',
    });
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  await coverageOf(store).update(village._id, ops);
  await advance();
}

/** Rebuilds a village's coverage from its heads: the source of truth for what was disclosed. */
export async function recountCoverage(store: Store, village: VillageDoc): Promise<CoverageDoc> {
  const heads = await findAll(
    headsOf(store),
    { villageId: village._id },
    { fields: ['category', 'periodKey', 'publishedAt', 'major'] },
  );
  const sets = { finance: new Set<string>(), affairs: new Set<string>(), party: new Set<string>() };
  let last = '';
  for (const h of heads) {
    const key = coveredKey(h);
    if (key) sets[h.category].add(key);
    if (h.publishedAt > last) last = h.publishedAt;
  }
  const doc: CoverageDoc = {
    _id: village._id,
    townId: village.townId,
    finance: [...sets.finance].sort(),
    affairs: [...sets.affairs].sort(),
    party: [...sets.party].sort(),
    lastPublishedAt: last,
  };
  const { _id, ...rest } = doc;
  if (!(await coverageOf(store).update(_id, { set: rest }))) {
    await coverageOf(store)
      .insert(doc)
      .catch((e) => {
        if (!(e instanceof DuplicateKeyError)) throw e;
        return coverageOf(store).update(_id, { set: rest });
      });
  }
  return doc;
}

/** Writes the head unless a newer one is there (a retried older write never wins). */
export async function putHead(store: Store, v: VersionDoc): Promise<HeadDoc> {
  const heads = headsOf(store);
  const existing = await heads.get(v.seriesId);
  if (!existing) {
    const head = headOf(v, v.publishedAt);
    try {
      await heads.insert(head);
      return head;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      return putHead(store, v);
    }
  }
  if (existing.version >= v.version) return existing;
  const { _id, firstPublishedAt, ...rest } = headOf(v, existing.firstPublishedAt);
  void _id;
  void firstPublishedAt;
  // Conditional, so a slower write of an older version can never overwrite a newer head.
  const moved = await heads.updateWhere({ _id: v.seriesId, version: { $lt: v.version } }, { set: rest });
  if (moved === 0) return (await heads.get(v.seriesId)) ?? existing;
  return { ...existing, ...rest };
}
