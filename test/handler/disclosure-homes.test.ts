/**
 * The one-time fill of the overview order (disclosure `recountHomes`): homes kept before the
 * order had no `overviewKey` and were listed first in id order. The town admin's recount, a
 * page of villages at a time, gives every village home of their town its key, after which the
 * overview reads worst first; a second run changes nothing; a cadre is refused and nothing is
 * written; another town's homes are never touched.
 */
import { chinaDateKey, fixedClock } from '../../cloudfunctions/common/clock';
import type { CadenceStatus, DisclosureOutputs } from '../../cloudfunctions/common/contracts/disclosure';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter, type Env } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import type { Store } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { cadenceOf } from '../../cloudfunctions/disclosure/reads';
import { homesOf } from '../../cloudfunctions/disclosure/store';
import { publishUpTo as publishDisclosuresUpTo } from './inputs';

const NOW = '2026-11-23T02:00:00.000Z';
const TOWN = 'th';
const OTHER = 'tx';
const ADMIN = 'homes-admin';
const OTHER_ADMIN = 'homes-other-admin';
const vid = (i: number) => `hv${String(i).padStart(4, '0')}`;
const cadre = (i: number) => `homes-cadre-${i}`;
const OTHER_VILLAGE = 'xv0001';
type Recount = DisclosureOutputs['recountHomes'];
type TownStatus = DisclosureOutputs['townStatus'];

// Months of finance each village has published (village 0 published nothing: it has no home).
const MONTHS = [-1, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0];

async function call<T>(env: Env, who: string, action: string, input: unknown) {
  const r = await createRouter(disclosureActions)({ action, input }, who, env);
  return r as { ok: true; data: T } | { ok: false; code: string; message: string };
}

async function data<T>(env: Env, who: string, action: string, input: unknown): Promise<T> {
  const r = await call<T>(env, who, action, input);
  if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
  return r.data;
}

/** Finance of 2026-01 .. 2026-`months`, and village and party affairs of Q1 to Q3 (see publishUpTo). */
const publishUpTo = (env: Env, i: number, months: number) =>
  publishDisclosuresUpTo((input) => data(env, cadre(i), 'publish', input), vid(i), i, months);

/**
 * A town whose villages published as MONTHS says, its homes then stripped of their key as if
 * kept before the overview order; and another town with one such home.
 */
async function townBeforeTheKey() {
  const store = nedbStore();
  const clock = fixedClock(NOW);
  const env: Env = { store, clock, ids: sequentialIds('h') };
  await towns(store).insert({ _id: TOWN, name: '序镇' });
  await towns(store).insert({ _id: OTHER, name: '邻镇' });
  const user = (id: string, townId: string, villageId: string | null, role: 'townAdmin' | 'cadre') =>
    users(store).insert({
      _id: id,
      name: '测试',
      townId,
      villageId,
      roles: [role],
      boundAt: NOW,
      via: 'seed',
    });
  await user(ADMIN, TOWN, null, 'townAdmin');
  await user(OTHER_ADMIN, OTHER, null, 'townAdmin');
  for (const [i] of MONTHS.entries()) {
    await villages(store).insert({
      _id: vid(i),
      name: `第${i + 1}村`,
      townId: TOWN,
      trackingSince: '2026-01',
    });
    await user(cadre(i), TOWN, vid(i), 'cadre');
  }
  for (const [i, months] of MONTHS.entries()) if (months >= 0) await publishUpTo(env, i, months);
  await villages(store).insert({ _id: OTHER_VILLAGE, name: '邻村', townId: OTHER, trackingSince: '2026-01' });
  await user('homes-other-cadre', OTHER, OTHER_VILLAGE, 'cadre');
  await data(env, 'homes-other-cadre', 'publish', {
    requestId: 'other-fin',
    villageId: OTHER_VILLAGE,
    category: 'finance',
    title: '1月财务公开',
    periodKey: '2026-01',
    body: '',
    attachments: [],
    major: false,
    items: [{ direction: 'income', category: '补助收入', note: '', amountFen: 100_00 }],
  });
  const kept = await allHomes(store);
  for (const h of kept) await homesOf(store).update(h._id, { unset: ['overviewKey'] });
  return { store, clock, env };
}

const allHomes = (store: Store) => homesOf(store).find({}, { sort: { _id: 1 } });

/** The order recounted from the heads: the due date of each village's earliest gap, then its id. */
async function recountedOrder(store: Store, today: string): Promise<string[]> {
  const all = await villages(store).find({ townId: TOWN }, { sort: { _id: 1 } });
  const evaluated = await cadenceOf(store, all, { today });
  const keyOf = (id: string) => evaluated.get(id)?.overdue[0]?.dueOn ?? '9999-12-31';
  return all.map((v) => v._id).sort((a, b) => keyOf(a).localeCompare(keyOf(b)) || a.localeCompare(b));
}

/** Every page of the overview, in page order. */
async function overviewOrder(env: Env): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await data<TownStatus>(env, ADMIN, 'townStatus', {
      limit: 4,
      ...(cursor ? { cursor } : {}),
    });
    ids.push(...page.villages.map((v: CadenceStatus) => v.villageId));
    if (!page.next) return ids;
    cursor = page.next;
  }
  throw new Error('paging does not end');
}

/** The recount run to its end, a page of 5 villages per call: the replies in order. */
async function recountAll(env: Env, who = ADMIN): Promise<Recount[]> {
  const replies: Recount[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const r = await data<Recount>(env, who, 'recountHomes', { limit: 5, ...(cursor ? { cursor } : {}) });
    replies.push(r);
    if (!r.next) return replies;
    cursor = r.next;
  }
  throw new Error('the recount does not end');
}

test('homes kept before the overview order get their key a page at a time; the overview then reads worst first; a second run changes nothing', async () => {
  const { store, env, clock } = await townBeforeTheKey();
  const today = chinaDateKey(clock.now());
  const expected = await recountedOrder(store, today);
  // Before the fill: no home has a key, so the overview lists the town in id order, not worst first.
  expect((await allHomes(store)).filter((h) => h.overviewKey)).toEqual([]);
  const before = await overviewOrder(env);
  expect(before).toEqual(MONTHS.map((_, i) => vid(i)));
  expect(before).not.toEqual(expected);

  const replies = await recountAll(env);
  // Bounded pages with a cursor: 12 villages in pages of 5, 5 and 2.
  expect(replies.map((r) => r.villages)).toEqual([5, 5, 2]);
  expect(replies.every((r) => r.villageTotal === MONTHS.length)).toBe(true);
  // Every village of the town was without a key (village 0 without a home at all).
  expect(replies.reduce((n, r) => n + r.keyed, 0)).toBe(MONTHS.length);

  const homes = await allHomes(store);
  const ours = homes.filter((h) => h.townId === TOWN);
  expect(ours.map((h) => h._id)).toEqual(MONTHS.map((_, i) => vid(i)));
  expect(ours.every((h) => h.overviewKey?.endsWith(`.${h._id}`) && !h.stub)).toBe(true);
  // 村 4 published finance up to June and every quarter to Q3: July's finance, due 2026-08-10.
  expect(homes.find((h) => h._id === vid(4))?.overviewKey).toBe(`2026-08-10.${vid(4)}`);
  // 村 0 published nothing: its first gap is January's finance, due 2026-02-10.
  expect(homes.find((h) => h._id === vid(0))?.overviewKey).toBe(`2026-02-10.${vid(0)}`);
  // Another town's home is not touched by this town's admin.
  expect(homes.find((h) => h._id === OTHER_VILLAGE)?.overviewKey).toBeUndefined();

  // The overview now reads worst first, the order recounted from the heads.
  expect(await overviewOrder(env)).toEqual(expected);

  // A second run: nothing to key, and every home as it was.
  const again = await recountAll(env);
  expect(again.reduce((n, r) => n + r.keyed, 0)).toBe(0);
  expect(await allHomes(store)).toEqual(homes);
  expect(await overviewOrder(env)).toEqual(expected);
}, 120_000);

test('a cadre is refused and nothing is written; another town admin keys only their own town', async () => {
  const { store, env } = await townBeforeTheKey();
  const before = await allHomes(store);

  const refused = await call<Recount>(env, cadre(3), 'recountHomes', {});
  expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  // Even naming a cursor inside the town changes nothing for a cadre.
  expect(await call(env, cadre(3), 'recountHomes', { cursor: vid(0) })).toMatchObject({ ok: false });
  expect(await allHomes(store)).toEqual(before);

  // The other town's admin, with a cursor of this town's village ids: only their own village.
  const theirs = await data<Recount>(env, OTHER_ADMIN, 'recountHomes', { cursor: vid(0) });
  expect(theirs).toEqual({ villages: 1, keyed: 1, next: null, villageTotal: 1 });
  const after = await allHomes(store);
  expect(after.filter((h) => h.townId === TOWN)).toEqual(before.filter((h) => h.townId === TOWN));
  expect(after.find((h) => h._id === OTHER_VILLAGE)?.overviewKey).toBe(`2026-03-10.${OTHER_VILLAGE}`);
}, 120_000);
