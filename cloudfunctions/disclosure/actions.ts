import { createHash } from 'node:crypto';
import { chinaDateKey } from '../common/clock';
import type {
  CadenceStatus,
  DisclosureDetail,
  DisclosureSummary,
  VillageHome,
} from '../common/contracts/disclosure';
import { disclosureInputs as I } from '../common/contracts/disclosure';
import { DomainError } from '../common/errors';
import {
  requireUser,
  requireVillageRole,
  resolveVillage,
  towns,
  villages,
  type VillageDoc,
} from '../common/identity';
import { action, type Ctx } from '../common/router';
import type { Principal } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { coveredKey, publishedDaysLate } from './domain/cadence';
import { addMonths, isQuarterKey, periodSortKey, quarterEndMonth, yearOf } from '../common/periods';
import { totalsOf } from './domain/totals';
import { cadenceOf, cadenceSources, evaluateVillage, type CadenceSources } from './reads';
import {
  coverageOf,
  headsOf,
  homesOf,
  versionsOf,
  type CoverageDoc,
  type HeadDoc,
  type HomeDoc,
  type VersionDoc,
} from './store';
import { appendPublic, storedChainHead } from '../record/public';
import { disclosureRecordOf } from './record';
import { payoutActions } from './payoutActions';
import { townStatus } from './townStatus';
import { feedOf } from './homeFeed';

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
  if (firstMonth > today.slice(0, 7)) throw new DomainError('PERIOD_NOT_STARTED');
  if (occurredOn && occurredOn > today) throw new DomainError('OCCURRED_IN_FUTURE');
}

/**
 * A month's accounts can only be disclosed once the month has closed (China time): otherwise one
 * line on the 1st would mark the whole month disclosed. A major matter is exempt: it is due at
 * once and covers no routine month. Quarterly affairs and party disclosures may go up during
 * their quarter (often posted at its end); checkNotFuture keeps out quarters not yet begun.
 */
function checkClosedMonth(d: { category: string; periodKey: string; major: boolean }, today: string): void {
  if (d.category === 'finance' && !d.major && !isQuarterKey(d.periodKey) && d.periodKey >= today.slice(0, 7))
    throw new DomainError('MONTH_NOT_ENDED');
}

function assertSameVillageRead(ctx: Ctx, villageId: string) {
  const u = ctx.principal.user;
  if (!u) throw new DomainError('NOT_BOUND');
  if (u.roles.includes('townAdmin')) return;
  if (u.villageId !== villageId) throw new DomainError('FORBIDDEN_VILLAGE');
}

/** The status views read the one cadence evaluation (disclosure/public.ts) as of today. */
async function statusesOf(
  store: Store,
  vs: VillageDoc[],
  coverage: Map<string, CoverageDoc>,
  today: string,
): Promise<CadenceStatus[]> {
  const cadence = await cadenceOf(store, vs, { today });
  return vs.map((v) => {
    const c = cadence.get(v._id)!;
    return {
      villageId: v._id,
      villageName: v.name,
      lastPublishedAt: coverage.get(v._id)?.lastPublishedAt || null,
      state: c.state,
      overdue: c.overdue,
      dueSoon: c.dueSoon,
      lateMajor: c.lateMajor,
    };
  });
}

/** The status the home shows: the same evaluation, from the sources kept in the read model. */
function homeStatus(
  doc: HomeDoc,
  today: string,
): Omit<CadenceStatus, 'villageId' | 'villageName' | 'lastPublishedAt'> {
  const c = evaluateVillage(doc, doc.cadence, today);
  return { state: c.state, overdue: c.overdue, dueSoon: c.dueSoon, lateMajor: c.lateMajor };
}

/**
 * The village home read model recounted from its sources (heads, coverage, village, town) and
 * stored. A rebuild that read older sources than the stored one (a slower concurrent publish)
 * leaves the newer one in place: the stamp is the coverage's newest publication.
 */
async function rebuildHome(store: Store, village: VillageDoc, today: string): Promise<HomeDoc> {
  const [chain, town, coverage, recent, latestFinance, sources] = await Promise.all([
    storedChainHead(store, village._id),
    towns(store).get(village.townId),
    coverageOf(store).get(village._id),
    headsOf(store).find({ villageId: village._id }, { sort: { firstPublishedAt: -1 }, limit: 6 }),
    headsOf(store).find(
      { villageId: village._id, category: 'finance' },
      { sort: { periodSort: -1 }, limit: 1 },
    ),
    cadenceSources(store, [village._id], today),
  ]);
  const cadence: CadenceSources = sources.get(village._id) ?? { published: [], majors: [] };
  const doc: HomeDoc = {
    _id: village._id,
    townId: village.townId,
    villageName: village.name,
    townName: town?.name ?? '',
    trackingSince: village.trackingSince,
    lastPublishedAt: coverage?.lastPublishedAt ?? '',
    cadence,
    latestFinance: latestFinance[0] ?? null,
    recent,
    chain: chain ? { seq: chain.seq, fingerprint: chain.fingerprint, at: chain.at } : null,
    stub: false,
  };
  const { _id, ...rest } = doc;
  const homes = homesOf(store);
  // The feed parts other contexts keep stay as they are (a rebuild never drops them).
  if (await homes.updateWhere({ _id, lastPublishedAt: { $lte: rest.lastPublishedAt } }, { set: rest }))
    return (await homes.get(_id)) ?? doc;
  const stored = await homes.get(_id);
  if (stored && !stored.stub) return stored;
  try {
    await homes.insert(doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  return doc;
}

/**
 * What the home page shows, from the read model. The cadence status is the one evaluation
 * every status view uses (reads.ts), taken as of `today` from the sources the model keeps.
 */
function homeView(doc: HomeDoc, now: Date): VillageHome {
  const today = chinaDateKey(now);
  return {
    feed: feedOf(doc, today, now.toISOString()),
    chain: doc.chain ?? null,
    village: { id: doc._id, name: doc.villageName, townName: doc.townName },
    status: {
      villageId: doc._id,
      villageName: doc.villageName,
      lastPublishedAt: doc.lastPublishedAt || null,
      ...homeStatus(doc, today),
    },
    latestFinance: doc.latestFinance ? summaryOf(doc.latestFinance) : null,
    recent: doc.recent.map(summaryOf),
  };
}

/**
 * The home of the caller's village (or, for a town admin, of the village of their town they
 * name): one `get` of the read model, rebuilt from the sources only when missing. Checks like
 * resolveVillage: a villager sees their own village only, a town admin the villages of their town.
 */
export async function villageHome(
  store: Store,
  p: Principal,
  requested: string | undefined,
  now: Date,
): Promise<VillageHome> {
  const today = chinaDateKey(now);
  const u = requireUser(p);
  const id = requested ?? u.villageId;
  if (!id) throw new DomainError('NOT_FOUND', '请选择要查看的村');
  if (!u.roles.includes('townAdmin') && id !== u.villageId) throw new DomainError('FORBIDDEN_VILLAGE');
  let doc = await homesOf(store).get(id);
  if (!doc || doc.stub) {
    const v = await villages(store).get(id);
    if (!v) throw new DomainError('NOT_FOUND', '没有找到这个村');
    if (v.townId !== u.townId) throw new DomainError('FORBIDDEN_VILLAGE');
    doc = await rebuildHome(store, v, today);
  }
  if (doc.townId !== u.townId) throw new DomainError('FORBIDDEN_VILLAGE');
  return homeView(doc, now);
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
    await rebuildHome(ctx.store, village, today);
    await appendPublic(ctx.store, disclosureRecordOf(version));
    return detailOf(ctx.store, version, head);
  }),

  correct: action(I.correct, async (input, ctx) => {
    const head = await headsOf(ctx.store).get(input.seriesId);
    if (!head) throw new DomainError('NOT_FOUND');
    const { user, village } = await requireVillageRole(ctx.store, ctx.principal, head.villageId, 'cadre');
    const items = input.items;
    const problem = checkCorrection(head, input.periodKey, items);
    if (problem) throw new DomainError('CORRECTION_INVALID', problem);
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
    await rebuildHome(ctx.store, village, today);
    await appendPublic(ctx.store, disclosureRecordOf(version));
    return detailOf(ctx.store, version, newHead);
  }),

  list: action(I.list, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const query: Record<string, string | number> = { villageId: village._id };
    if (input.category) query.category = input.category;
    if (input.year) query.year = input.year;
    const page = await headsOf(ctx.store).find(query, {
      sort: { periodSort: -1, firstPublishedAt: -1, _id: 1 },
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

  home: action(
    I.home,
    async (input, ctx): Promise<VillageHome> =>
      villageHome(ctx.store, ctx.principal, input.villageId, ctx.clock.now()),
  ),

  status: action(I.status, async (input, ctx) => {
    const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
    const today = chinaDateKey(ctx.clock.now());
    const coverage = await coverageOf(ctx.store).get(village._id);
    const [status] = await statusesOf(
      ctx.store,
      [village],
      new Map(coverage ? [[village._id, coverage]] : []),
      today,
    );
    return status;
  }),

  townStatus: action(I.townStatus, (input, ctx) => townStatus(input, ctx)),
  ...payoutActions,
};

function checkCorrection(head: HeadDoc, periodKey: string, items: unknown[]): string | null {
  if (head.category === 'finance' && !/^\d{4}-\d{2}$/.test(periodKey)) return '财务公开按月进行，请选择月份';
  if (head.category === 'finance' && items.length === 0) return '财务公开至少需要一条收支明细';
  if (head.category !== 'finance' && items.length > 0) return '只有财务公开可以填写收支明细';
  return null;
}
