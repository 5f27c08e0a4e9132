import { createHash } from 'node:crypto';
import { chinaDateKey, chinaDayStart } from '../common/clock';
import type {
  CadenceStatus,
  DisclosureDetail,
  DisclosureSummary,
  VillageHome,
} from '../common/contracts/disclosure';
import { disclosureInputs as I } from '../common/contracts/disclosure';
import { DomainError } from '../common/errors';
import {
  requireRole,
  requireVillageRole,
  resolveVillage,
  towns,
  villages,
  type VillageDoc,
} from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { cadenceStatus, publishedDaysLate, windowStartMonth } from './domain/cadence';
import { addMonths, isQuarterKey, periodSortKey, quarterEndMonth, quarterOf, yearOf } from './domain/periods';
import { totalsOf } from './domain/totals';
import { appendPublic } from '../record/public';
import { disclosureRecordOf } from './public';
import { coverageOf, headsOf, versionsOf, type CoverageDoc, type HeadDoc, type VersionDoc } from './store';

function seriesIdFor(villageId: string, requestId: string): string {
  return `d${createHash('sha256').update(`${villageId}\n${requestId}`).digest('hex').slice(0, 20)}`;
}

const versionId = (seriesId: string, version: number) => `${seriesId}.v${version}`;

function summaryOf(h: HeadDoc): DisclosureSummary {
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

function headOf(v: VersionDoc, firstPublishedAt: string): HeadDoc {
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

async function detailOf(store: Store, v: VersionDoc, head: HeadDoc): Promise<DisclosureDetail> {
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

/**
 * What a disclosure covers of the routine cadence: a finance month, or the quarter of an affairs
 * or party disclosure. A major matter is its own duty (at once) and covers no routine period.
 */
function coveredKey(d: {
  category: VersionDoc['category'];
  periodKey: string;
  major: boolean;
}): string | null {
  if (d.major) return null;
  return d.category === 'finance' ? d.periodKey : quarterOf(d.periodKey);
}

/** Records that the village disclosed this period; idempotent, so retries and repairs are safe. */
async function cover(store: Store, village: VillageDoc, v: VersionDoc): Promise<void> {
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
async function putHead(store: Store, v: VersionDoc): Promise<HeadDoc> {
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

/** A period that has not started yet cannot be disclosed (it would pre-empt its cadence). */
function checkNotFuture(periodKey: string, occurredOn: string | null, today: string): void {
  const firstMonth = isQuarterKey(periodKey) ? addMonths(quarterEndMonth(periodKey), -2) : periodKey;
  if (firstMonth > today.slice(0, 7))
    throw new DomainError('BAD_INPUT', '不能公开尚未开始的期间，请检查公开期间');
  if (occurredOn && occurredOn > today) throw new DomainError('BAD_INPUT', '重大事项的发生日期不能晚于今天');
}

/**
 * A month's accounts can only be disclosed once the month has closed (China time): otherwise one
 * line on the 1st would mark the whole month disclosed. A major matter is exempt: it is due at
 * once and covers no routine month. Quarterly affairs and party disclosures may go up during
 * their quarter (often posted at its end); checkNotFuture keeps out quarters not yet begun.
 */
function checkClosedMonth(d: { category: string; periodKey: string; major: boolean }, today: string): void {
  if (d.category === 'finance' && !d.major && !isQuarterKey(d.periodKey) && d.periodKey >= today.slice(0, 7))
    throw new DomainError('BAD_INPUT', '财务公开须在该月结束后进行，请在下月初公开本月收支');
}

/** Major matters of one village or town published within the cadence window: all of them. */
function majorsInWindow(store: Store, scope: { villageId: string } | { townId: string }, today: string) {
  const since = chinaDayStart(`${windowStartMonth(today)}-01`).toISOString();
  return findAll(
    headsOf(store),
    { ...scope, major: true, firstPublishedAt: { $gte: since } },
    { fields: ['villageId', 'title', 'occurredOn', 'firstPublishedAt'] },
  );
}

function assertSameVillageRead(ctx: Ctx, villageId: string) {
  const u = ctx.principal.user;
  if (!u) throw new DomainError('NOT_BOUND');
  if (u.roles.includes('townAdmin')) return;
  if (u.villageId !== villageId) throw new DomainError('FORBIDDEN_VILLAGE');
}

function statusFor(
  village: VillageDoc,
  coverage: CoverageDoc | null,
  today: string,
  majors: HeadDoc[],
): CadenceStatus {
  const result = cadenceStatus({
    trackingSince: village.trackingSince,
    today,
    coverage: coverage ?? { finance: [], affairs: [], party: [] },
    majors: majors
      .filter((m) => m.occurredOn)
      .map((m) => ({
        seriesId: m._id,
        title: m.title,
        occurredOn: m.occurredOn as string,
        publishedOn: chinaDateKey(m.firstPublishedAt),
      })),
  });
  return {
    villageId: village._id,
    villageName: village.name,
    lastPublishedAt: coverage?.lastPublishedAt || null,
    ...result,
  };
}

export const disclosureActions = {
  publish: action(I.publish, async (input, ctx) => {
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, input.villageId, 'cadre');
    const today = chinaDateKey(ctx.clock.now());
    checkNotFuture(input.periodKey, input.occurredOn ?? null, today);
    checkClosedMonth(input, today);
    const seriesId = seriesIdFor(village._id, input.requestId);
    const doc: VersionDoc = {
      _id: versionId(seriesId, 1),
      seriesId,
      version: 1,
      requestId: input.requestId,
      villageId: village._id,
      townId: village.townId,
      category: input.category,
      major: input.major,
      occurredOn: input.occurredOn ?? null,
      title: input.title,
      periodKey: input.periodKey,
      body: input.body,
      attachments: input.attachments,
      items: input.items,
      totals: input.category === 'finance' ? totalsOf(input.items) : null,
      reason: null,
      publishedAt: ctx.clock.now().toISOString(),
      publisher: { openid: user._id, name: user.name },
    };
    let version = doc;
    try {
      await versionsOf(ctx.store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      // A retry of the same request: finish what the first attempt may have left undone.
      version = (await versionsOf(ctx.store).get(doc._id)) as VersionDoc;
    }
    const head = await putHead(ctx.store, version);
    await cover(ctx.store, village, version);
    await appendPublic(ctx.store, disclosureRecordOf(version));
    return detailOf(ctx.store, version, head);
  }),

  correct: action(I.correct, async (input, ctx) => {
    const head = await headsOf(ctx.store).get(input.seriesId);
    if (!head) throw new DomainError('NOT_FOUND');
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, head.villageId, 'cadre');
    const items = input.items;
    const problem = checkCorrection(head, input.periodKey, items);
    if (problem) throw new DomainError('BAD_INPUT', problem);
    const today = chinaDateKey(ctx.clock.now());
    checkNotFuture(input.periodKey, null, today);
    // Moving a correction into an open month would mark that month disclosed; a correction that
    // keeps its period keeps the rule it was published under.
    if (input.periodKey !== head.periodKey) checkClosedMonth({ ...head, periodKey: input.periodKey }, today);
    const next = input.baseVersion + 1;
    const doc: VersionDoc = {
      _id: versionId(head._id, next),
      seriesId: head._id,
      version: next,
      requestId: input.requestId,
      villageId: head.villageId,
      townId: head.townId,
      category: head.category,
      major: head.major,
      occurredOn: head.occurredOn,
      title: input.title,
      periodKey: input.periodKey,
      body: input.body,
      attachments: input.attachments,
      items,
      totals: head.category === 'finance' ? totalsOf(items) : null,
      reason: input.reason,
      publishedAt: ctx.clock.now().toISOString(),
      publisher: { openid: user._id, name: user.name },
    };
    // A newer version than the head may exist when an earlier request stopped half-way:
    // bring the head up to it, so whoever refreshes sees it.
    const conflict = async (existing: VersionDoc): Promise<never> => {
      await putHead(ctx.store, existing);
      throw new DomainError('VERSION_CONFLICT');
    };
    if (input.baseVersion !== head.version) {
      const existing = await versionsOf(ctx.store).get(doc._id);
      if (!existing) throw new DomainError('VERSION_CONFLICT');
      if (existing.requestId !== input.requestId) await conflict(existing);
    }
    let version = doc;
    try {
      await versionsOf(ctx.store).insert(doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      const existing = (await versionsOf(ctx.store).get(doc._id)) as VersionDoc;
      if (existing.requestId !== input.requestId) await conflict(existing);
      version = existing;
    }
    const newHead = await putHead(ctx.store, version);
    if (head.periodKey !== version.periodKey) await recountCoverage(ctx.store, village);
    else await cover(ctx.store, village, version);
    await appendPublic(ctx.store, disclosureRecordOf(version));
    return detailOf(ctx.store, version, newHead);
  }),

  list: action(I.list, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const query: Record<string, string | number> = { villageId: village._id };
    if (input.category) query.category = input.category;
    if (input.year) query.year = input.year;
    const page = await headsOf(ctx.store).find(query, {
      sort: { periodSort: -1, firstPublishedAt: -1 },
      skip: input.skip,
      limit: input.limit + 1,
    });
    return { items: page.slice(0, input.limit).map(summaryOf), hasMore: page.length > input.limit };
  }),

  get: action(I.get, async (input, ctx) => {
    const head = await headsOf(ctx.store).get(input.seriesId);
    if (!head) throw new DomainError('NOT_FOUND');
    assertSameVillageRead(ctx, head.villageId);
    await resolveVillage(ctx.store, ctx.principal, head.villageId);
    const v = await versionsOf(ctx.store).get(versionId(head._id, input.version ?? head.version));
    if (!v) throw new DomainError('NOT_FOUND', '没有这个版本');
    return detailOf(ctx.store, v, head);
  }),

  home: action(I.home, async (input, ctx): Promise<VillageHome> => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const today = chinaDateKey(ctx.clock.now());
    const [town, coverage, recent, latestFinance, majors] = await Promise.all([
      towns(ctx.store).get(village.townId),
      coverageOf(ctx.store).get(village._id),
      headsOf(ctx.store).find({ villageId: village._id }, { sort: { firstPublishedAt: -1 }, limit: 6 }),
      headsOf(ctx.store).find(
        { villageId: village._id, category: 'finance' },
        { sort: { periodSort: -1 }, limit: 1 },
      ),
      majorsInWindow(ctx.store, { villageId: village._id }, today),
    ]);
    return {
      village: { id: village._id, name: village.name, townName: town?.name ?? '' },
      status: statusFor(village, coverage, today, majors),
      latestFinance: latestFinance[0] ? summaryOf(latestFinance[0]) : null,
      recent: recent.map(summaryOf),
    };
  }),

  status: action(I.status, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const today = chinaDateKey(ctx.clock.now());
    const [coverage, majors] = await Promise.all([
      coverageOf(ctx.store).get(village._id),
      majorsInWindow(ctx.store, { villageId: village._id }, today),
    ]);
    return statusFor(village, coverage, today, majors);
  }),

  townStatus: action(I.townStatus, async (_input, ctx) => {
    const user = requireRole(ctx.principal, 'townAdmin');
    const today = chinaDateKey(ctx.clock.now());
    const [town, vs, cov, majors] = await Promise.all([
      towns(ctx.store).get(user.townId),
      findAll(villages(ctx.store), { townId: user.townId }, { sort: { name: 1 } }),
      findAll(coverageOf(ctx.store), { townId: user.townId }),
      majorsInWindow(ctx.store, { townId: user.townId }, today),
    ]);
    const covBy = new Map(cov.map((c) => [c._id, c]));
    const majorsBy = new Map<string, HeadDoc[]>();
    for (const m of majors) majorsBy.set(m.villageId, [...(majorsBy.get(m.villageId) ?? []), m]);
    const statuses = vs.map((v) => statusFor(v, covBy.get(v._id) ?? null, today, majorsBy.get(v._id) ?? []));
    // Villages with the most overdue items first, then the most late major matters, then by name.
    statuses.sort(
      (a, b) =>
        b.overdue.length - a.overdue.length ||
        b.lateMajor.length - a.lateMajor.length ||
        a.villageName.localeCompare(b.villageName, 'zh'),
    );
    return { townName: town?.name ?? '', asOf: today, villages: statuses };
  }),
};

function checkCorrection(head: HeadDoc, periodKey: string, items: unknown[]): string | null {
  if (head.category === 'finance' && !/^\d{4}-\d{2}$/.test(periodKey)) return '财务公开按月进行，请选择月份';
  if (head.category === 'finance' && items.length === 0) return '财务公开至少需要一条收支明细';
  if (head.category !== 'finance' && items.length > 0) return '只有财务公开可以填写收支明细';
  return null;
}
