/**
 * The town's disclosure overview is read worst first in the order of the whole town: overdue
 * first, by the due date of the earliest period a village has not published, by the key each
 * village's home keeps. The key changes only with a publication, yet stays right as the date
 * moves; every village is on exactly one page; store operations per page do not grow with the
 * town.
 */
import { chinaDateKey, fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore } from '../../cloudfunctions/common/store/port';
import type { CadenceStatus } from '../../cloudfunctions/common/contracts/disclosure';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { createRouter, type Env } from '../../cloudfunctions/common/router';
import type { Store } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { cadenceOf } from '../../cloudfunctions/disclosure/reads';
import { homesOf } from '../../cloudfunctions/disclosure/store';
import { publishUpTo as publishDisclosuresUpTo } from './inputs';

const NOW = '2026-11-23T02:00:00.000Z';
const TOWN = 'to';
const ADMIN = 'order-admin';
const vid = (i: number) => `ov${String(i).padStart(4, '0')}`;
const cadre = (i: number) => `order-cadre-${i}`;
type TownStatus = { villages: CadenceStatus[]; next: string | null; villageTotal: number };

/** A town of `n` villages tracked from 2026-01, its town admin, and a cadre in each village. */
async function town(n: number) {
  const store = countingStore(nedbStore());
  const clock = fixedClock(NOW);
  const env: Env = { store, clock, ids: sequentialIds('o') };
  await towns(store).insert({ _id: TOWN, name: '序镇' });
  const user = (id: string, villageId: string | null, role: 'townAdmin' | 'cadre') =>
    users(store).insert({
      _id: id,
      name: '测试',
      townId: TOWN,
      villageId,
      roles: [role],
      boundAt: NOW,
      via: 'seed',
    });
  await user(ADMIN, null, 'townAdmin');
  for (let i = 0; i < n; i++) {
    await villages(store).insert({
      _id: vid(i),
      name: `第${i + 1}村`,
      townId: TOWN,
      trackingSince: '2026-01',
    });
    await user(cadre(i), vid(i), 'cadre');
  }
  return { store, clock, env };
}

/** Every page of the overview: the rows in page order and the store operations of each call. */
async function allPages(read: ReturnType<typeof overview>, store: ReturnType<typeof countingStore>) {
  const rows: CadenceStatus[] = [];
  const ops: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    store.reset();
    const page = await read(cursor);
    ops.push(store.ops());
    rows.push(...page.rows);
    if (!page.next) return { rows, ops };
    cursor = page.next;
  }
  throw new Error('paging does not end');
}

async function call<T>(env: Env, who: string, action: string, input: unknown): Promise<T> {
  const r = await createRouter(disclosureActions)({ action, input }, who, env);
  if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
  return r.data as T;
}

const overview = (env: Env, limit: number) => (cursor: string | undefined) =>
  call<TownStatus>(env, ADMIN, 'townStatus', { limit, ...(cursor ? { cursor } : {}) }).then((d) => ({
    ...d,
    rows: d.villages,
  }));

/** Finance of 2026-01 .. 2026-`months`, and village and party affairs of Q1 to Q3 (see publishUpTo). */
const publishUpTo = (env: Env, i: number, months: number) =>
  publishDisclosuresUpTo((input) => call(env, cadre(i), 'publish', input), vid(i), i, months);

/**
 * The order recounted from the heads, as of the store's clock: the due date of each village's
 * earliest missing period (none: after every village that has one), then the village id.
 */
async function recountedOrder(store: Store, today: string): Promise<string[]> {
  const all = await villages(store).find({}, { sort: { _id: 1 } });
  const evaluated = await cadenceOf(store, all, { today });
  const keyOf = (id: string) => evaluated.get(id)?.overdue[0]?.dueOn ?? '9999-12-31';
  return all.map((v) => v._id).sort((a, b) => keyOf(a).localeCompare(keyOf(b)) || a.localeCompare(b));
}

// Months of finance each village has published (village 0 published nothing at all).
const MONTHS = [-1, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0];

test('page 1 holds the villages most behind; paging follows the recount worst first as the date moves and as villages publish', async () => {
  const { store, env, clock } = await town(MONTHS.length);
  for (const [i, months] of MONTHS.entries()) if (months >= 0) await publishUpTo(env, i, months);
  const today = () => chinaDateKey(clock.now());

  const read = async () => (await allPages(overview(env, 4), store)).rows;
  const ids = (rows: CadenceStatus[]) => rows.map((r) => r.villageId);

  // 2026-11-23: every village once, in the recounted order; page 1 is all overdue, the worst.
  let rows = await read();
  expect(ids(rows)).toEqual(await recountedOrder(store, today()));
  expect(new Set(ids(rows)).size).toBe(MONTHS.length);
  // Not the village-id order: the order of who is behind.
  expect(ids(rows)).not.toEqual([...ids(rows)].sort());
  const first = (await overview(env, 4)(undefined)).rows;
  expect(first.map((r) => r.state)).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
  // 村 0 published nothing; then 2026-01's finance (due 2026-02-10), then 2026-02's ...
  expect(ids(first)).toEqual([vid(0), vid(11), vid(8), vid(5)]);
  // Villages up to date are last.
  expect(rows.slice(-1).map((r) => r.state)).toEqual(['onTime']);

  // 2026-12-11 China time: November's finance is now overdue for the villages up to date. No
  // write happened, and the order is still the recount's.
  clock.set('2026-12-11T02:00:00.000Z');
  rows = await read();
  expect(ids(rows)).toEqual(await recountedOrder(store, today()));
  expect(rows.every((r) => r.state === 'overdue')).toBe(true);

  // Village 11 catches up on every month: it moves to its new place at once.
  const before = ids(rows).indexOf(vid(11));
  await publishUpTo(env, 11, 11);
  rows = await read();
  expect(ids(rows)).toEqual(await recountedOrder(store, today()));
  expect(ids(rows).indexOf(vid(11))).toBeGreaterThan(before);
  // What it keeps: the due date of its next period (December and the fourth quarter).
  const kept = await homesOf(store).get(vid(11));
  expect(kept?.overviewKey).toBe(`2027-01-10.${vid(11)}`);
}, 120_000);

test('store operations per page are the same for a town of 12 and of 36 villages, every home keyed', async () => {
  const per: number[] = [];
  for (const n of [12, 36]) {
    const { store, env } = await town(n);
    for (let i = 0; i < n; i++) await publishUpTo(env, i, (i * 5) % 11);
    const { rows, ops } = await allPages(overview(env, 5), store);
    expect(rows).toHaveLength(n);
    per.push(Math.max(...ops));
  }
  expect(per[0]).toBe(per[1]);
}, 120_000);
