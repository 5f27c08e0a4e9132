import type { Standard, StandardInput, StandardOverview, TierScheme } from '../common/contracts/assessment';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { ROLES } from '../common/contracts/shared';
import { requireRole } from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { defaultSchedule } from './domain/ledger';
import { maxBase, orderedTiers } from './domain/scoring';
import { audit, pendingFor, roleOf, settle, writeAudit, sameJson } from './audit';
import { chinaYear, loadRules } from './sheet';
import { keepTownStandingKeys, schemeOrNull } from './standingKeys';
import { schemesOf, sheetsOf, standardsOf, type AuditDoc, type SchemeDoc, type StandardDoc } from './store';

/** The record of a published version: its _id follows from the version's, so it is written once. */
function standardAudit(doc: StandardDoc, role: string): AuditDoc {
  return {
    _id: `${doc._id}.published`,
    townId: doc.townId,
    villageId: '',
    year: doc.year,
    subject: 'standard',
    at: doc.publishedAt,
    by: { ...doc.publishedBy, role },
    action: '发布测评标准',
    target: doc.title,
    before: doc.version > 1 ? `第 ${doc.version - 1} 版` : '（无）',
    after: `第 ${doc.version} 版`,
  };
}

/** The year's standard and the tier schemes: read by anyone of the town, edited by its admins. */
/** Every board key of the town, after a change of what orders the board. */
const keepTownKeys = (store: Store, townId: string) =>
  keepTownStandingKeys(
    store,
    townId,
    schemeOrNull((y) => loadRules(store, townId, y)),
  );

export const standardActions = {
  standard: action(I.standard, async (input, ctx): Promise<StandardOverview> => {
    // Every person of the town reads the standard.
    const user = requireRole(ctx.principal, ...ROLES);
    const year = input.year ?? chinaYear(ctx.clock.now());
    const [docs, schemes, uses] = await Promise.all([
      standardsOf(ctx.store).find({ townId: user.townId, year }, { sort: { version: -1 }, limit: 1 }),
      findAll(schemesOf(ctx.store), { townId: user.townId }, { sort: { _id: 1 } }),
      standardUses(ctx.store, user.townId),
    ]);
    const doc = docs[0] ?? null;
    const scheme = doc ? (schemes.find((x) => x.schemeId === doc.schemeId) ?? null) : null;
    return {
      standard: doc ? standardOut(doc) : null,
      scheme: scheme ? schemeOut(scheme) : null,
      years: uses.map((u) => u.year),
      schemes: schemes.map((x) => ({
        ...schemeOut(x),
        lockedYears: uses
          .filter((u) => u.schemeId === x.schemeId && u.submitted > 0)
          .map((u) => u.year)
          .sort((p, q) => p - q),
      })),
      submittedSheets: uses.find((u) => u.year === year)?.submitted ?? 0,
    };
  }),

  saveStandard: action(I.saveStandard, async (input, ctx): Promise<Standard> => {
    const user = requireRole(ctx.principal, 'townAdmin');
    const scheme = await schemesOf(ctx.store).get(`${user.townId}.${input.schemeId}`);
    if (!scheme) throw new DomainError('NO_SCHEME');
    const reachable = maxBase(input) + input.bonus.cap;
    const top = orderedTiers(scheme)[0];
    if (top && top.minScore > reachable) {
      throw new DomainError(
        'STANDARD_UNREACHABLE',
        `满分只有 ${reachable} 分（基础分 ${maxBase(input)} 分 + 加分上限 ${input.bonus.cap} 分），达不到「${top.label}」的分数线 ${top.minScore} 分，请调整分值或定级办法`,
      );
    }
    const [latest] = await standardsOf(ctx.store).find(
      { townId: user.townId, year: input.year },
      { sort: { version: -1 }, limit: 1 },
    );
    const schedule = input.schedule ?? defaultSchedule(input.year);
    // A retried or unchanged save publishes nothing new.
    if (latest && sameJson(standardContent(latest), standardContent({ ...input, schedule }))) {
      // A retry after the audit write failed stores it now (same _id: at most once).
      await writeAudit(ctx.store, [standardAudit(latest, roleOf(user))]);
      return standardOut(latest);
    }
    // Submitted sheets were scored against the current version: it may not change under them.
    const submitted = await sheetsOf(ctx.store).count({
      townId: user.townId,
      year: input.year,
      state: { $ne: 'draft' },
    });
    if (submitted > 0) {
      throw new DomainError(
        'STANDARD_IN_USE',
        `${input.year} 年度已有 ${submitted} 个村提交了自评，测评标准不能再修改，以免已提交的评分被改变。如确需调整，请先将已提交、未定级的评分表退回村里（已定级的不能退回）。`,
      );
    }
    const version = (latest?.version ?? 0) + 1;
    const now = ctx.clock.now().toISOString();
    const doc: StandardDoc = {
      _id: `${user.townId}.${input.year}.v${version}`,
      townId: user.townId,
      version,
      ...input,
      schedule,
      publishedAt: now,
      publishedBy: { openid: user._id, name: user.name },
    };
    try {
      await standardsOf(ctx.store).insert(doc);
    } catch (e) {
      if (e instanceof DuplicateKeyError)
        throw new DomainError('VERSION_CONFLICT', '测评标准刚被他人更新，请刷新后再试');
      throw e;
    }
    await writeAudit(ctx.store, [standardAudit(doc, roleOf(user))]);
    // The year may now grade by another scheme: the board's keys follow.
    await keepTownKeys(ctx.store, user.townId);
    return standardOut(doc);
  }),

  saveScheme: action(I.saveScheme, async (input, ctx): Promise<TierScheme> => {
    const user = requireRole(ctx.principal, 'townAdmin');
    const now = ctx.clock.now().toISOString();
    const _id = `${user.townId}.${input.id}`;
    const before = await schemesOf(ctx.store).get(_id);
    if (before && !sameJson(gradingOf(before), gradingOf(input))) {
      // Tiers and score lines decide the grades of submitted sheets: they stay as they were.
      const locked = (await standardUses(ctx.store, user.townId))
        .filter((u) => u.schemeId === input.id && u.submitted > 0)
        .map((u) => u.year)
        .sort((a, b) => a - b);
      if (locked.length) {
        throw new DomainError(
          'STANDARD_IN_USE',
          `定级办法「${before.name}」已用于 ${locked.join('、')} 年度已提交的评分表，档次和分数线不能再修改（年度目标仍可修改）。新的年度如需不同的档次，请新建一个定级办法。`,
        );
      }
    }
    const { id, ...rest } = input;
    const schemes = schemesOf(ctx.store);
    // A write that stopped before its audit record was stored is completed first.
    const current = before ? await settle(ctx.store, schemes, before) : null;
    const content: SchemeDoc = { _id, schemeId: id, townId: user.townId, ...rest, updatedAt: now };
    if (current && sameJson(schemeOut(current), schemeOut(content))) return schemeOut(current);
    const rev = (current?.rev ?? 0) + 1;
    const pendingAudit = pendingFor(_id, rev, [
      audit(
        ctx,
        user,
        { _id: '', townId: user.townId },
        0,
        'scheme',
        '设置定级办法',
        input.name,
        current ? describeScheme(current) : '（无）',
        describeScheme(content),
      ),
    ]);
    let doc: SchemeDoc = { ...content, rev, pendingAudit };
    if (current) {
      const { _id: _ignored, ...fields } = doc;
      void _ignored;
      const changed = await schemes.updateWhere({ _id, updatedAt: current.updatedAt }, { set: fields });
      if (changed === 0) throw new DomainError('VERSION_CONFLICT', '定级办法刚被他人修改，请刷新后再试');
    } else {
      try {
        await schemes.insert(doc);
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e;
        throw new DomainError('VERSION_CONFLICT', '定级办法刚被他人设置，请刷新后再试');
      }
    }
    doc = await settle(ctx.store, schemes, doc);
    // Tiers and targets order the board: its keys follow.
    await keepTownKeys(ctx.store, user.townId);
    return schemeOut(doc);
  }),
};
/** What a version of a standard says (without who published it and when). */
function standardContent(d: Omit<StandardInput, 'schedule'> & { schedule: unknown }) {
  return {
    year: d.year,
    title: d.title,
    sections: d.sections,
    bonus: d.bonus,
    vetoes: d.vetoes,
    schemeId: d.schemeId,
    units: d.units ?? [],
    ledgerSince: d.ledgerSince,
    schedule: d.schedule,
  };
}

/** A scheme in words, for the change history: tiers, score lines and yearly targets. */
function describeScheme(s: Pick<SchemeDoc, 'name' | 'tiers' | 'vetoTier' | 'targets'>): string {
  const label = (key: string) => s.tiers.find((t) => t.key === key)?.label ?? key;
  const tiers = [...s.tiers]
    .sort((a, b) => b.minScore - a.minScore)
    .map((t) => `${t.label} ${t.minScore} 分以上${t.countsAsQinglian ? '' : '（不认定为清廉村居）'}`)
    .join('，');
  const targets = Object.entries(s.targets)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, t]) => {
      const counts = Object.entries(t.counts)
        .map(([k, n]) => `${label(k)} ${n} 个`)
        .join('、');
      const floor = t.floorTier ? `，每村至少${label(t.floorTier)}` : '';
      return `${year} 年目标：${counts || '未定'}${floor}${t.keepPrevious ? '，不低于上年' : ''}`;
    });
  const veto = s.vetoTier ? `有否决项定为${label(s.vetoTier)}` : '有否决项不定级';
  return [`${s.name}：${tiers}`, veto, ...targets].join('；');
}

/** What of a scheme decides a grade; names and yearly targets do not. */
function gradingOf(s: Pick<SchemeDoc, 'tiers' | 'vetoTier'>) {
  return {
    tiers: s.tiers.map((t) => ({
      key: t.key,
      label: t.label,
      minScore: t.minScore,
      countsAsQinglian: t.countsAsQinglian,
    })),
    vetoTier: s.vetoTier,
  };
}

/** Each year with a standard: the scheme its newest version uses and how many sheets were submitted. */
export async function standardUses(
  store: Store,
  townId: string,
): Promise<{ year: number; schemeId: string; submitted: number }[]> {
  const all = await findAll(
    standardsOf(store),
    { townId },
    { fields: ['year', 'version', 'schemeId'], sort: { year: -1, version: -1 } },
  );
  const latest = new Map<number, string>();
  for (const d of all) if (!latest.has(d.year)) latest.set(d.year, d.schemeId);
  return Promise.all(
    [...latest].map(async ([year, schemeId]) => ({
      year,
      schemeId,
      submitted: await sheetsOf(store).count({ townId, year, state: { $ne: 'draft' } }),
    })),
  );
}

function standardOut(d: StandardDoc): Standard {
  const { _id, publishedBy, ...rest } = d;
  void publishedBy;
  return { id: _id, ...rest };
}

function schemeOut(d: SchemeDoc): TierScheme {
  return {
    id: d.schemeId,
    townId: d.townId,
    name: d.name,
    tiers: d.tiers,
    vetoTier: d.vetoTier,
    targets: d.targets,
  };
}
