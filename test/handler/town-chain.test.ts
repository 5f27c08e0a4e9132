/**
 * The town's daily chain of its villages' heads: the report timer appends one entry per town and
 * China day (not one more when it runs again that day), chained to the day before; the town page
 * reads the latest fingerprint with its date; the town export verifies on its own and names a
 * village head changed in the store, and a village chain rewritten from end to end.
 */
import { entryHashOf, fingerprintOf, type ChainEntry } from '../../cloudfunctions/common/chain/chain';
import { townEntryHashOf, type TownEntry } from '../../cloudfunctions/common/chain/town';
import type { RecordOutputs, TownExport } from '../../cloudfunctions/common/contracts/record';
import { findAll, type Doc } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { verifyTownExport } from '../../cloudfunctions/local/verify-town';
import { recordActions } from '../../cloudfunctions/record/actions';
import { runTick } from '../../cloudfunctions/report/timer';
import type { Env } from '../../cloudfunctions/common/router';
import {
  P,
  TOWN,
  VILLAGE_A,
  VILLAGE_B,
  callerFor,
  okData,
  seedTwoTowns,
  testEnv,
  type Caller,
  type TestStore,
} from './builders';

let store: TestStore;
let env: Env;
let clock: ReturnType<typeof testEnv>['clock'];
let disclosure: Caller;
let record: Caller;
let rid = 0;

beforeEach(async () => {
  const t = testEnv('2026-03-05T02:00:00.000Z');
  store = t.store;
  env = t.env;
  clock = t.clock;
  await seedTwoTowns(store);
  disclosure = callerFor(disclosureActions, env);
  record = callerFor(recordActions, env);
});

const publish = (who: string, villageId: string, periodKey: string) =>
  disclosure(who, 'publish', {
    requestId: `town-chain-${String(++rid).padStart(6, '0')}`,
    villageId,
    category: 'finance',
    title: `${periodKey.slice(0, 4)}年${Number(periodKey.slice(5))}月财务收支公开`,
    periodKey,
    body: '现将本月收支公开如下。',
    items: [{ direction: 'expense', category: '管理费用', amountFen: 10_000 + rid, note: '误工补贴' }],
  });

type TownDoc = Doc & TownEntry;
const townDocs = async () =>
  (await findAll(store.inner.collection<TownDoc>('townChain'), { townId: TOWN })).sort(
    (a, b) => a.seq - b.seq,
  );

const tick = () => runTick(env, { owner: 'test-timer', budgetMs: 5_000 });

/** Two days of the timer: day one after A's and B's first records, day two after A's second. */
async function twoDays(): Promise<void> {
  okData(await publish(P.cadreA, VILLAGE_A, '2026-01'));
  okData(await publish(P.cadreB, VILLAGE_B, '2026-01'));
  await tick();
  clock.set('2026-03-06T02:00:00.000Z');
  okData(await publish(P.cadreA, VILLAGE_A, '2026-02'));
  await tick();
}

test('one entry per town and China day, however often the timer runs; chained to the day before', async () => {
  okData(await publish(P.cadreA, VILLAGE_A, '2026-01'));
  expect((await tick()).townDays).toBe(2); // both towns
  expect((await tick()).townDays).toBe(0);
  // Later the same China day (23:30, China time): still that day's entry only.
  clock.set('2026-03-05T15:30:00.000Z');
  okData(await publish(P.cadreA, VILLAGE_A, '2026-02'));
  await Promise.all([tick(), tick()]);
  expect(await townDocs()).toHaveLength(1);
  const [first] = await townDocs();
  expect(first).toMatchObject({ seq: 1, day: '2026-03-05' });
  expect(first!.heads.map((h) => [h.villageId, h.seq])).toEqual([
    [VILLAGE_A, 1],
    [VILLAGE_B, 0],
  ]);

  // Past midnight in China (16:00 UTC): the next day's entry, holding A's new head.
  clock.set('2026-03-05T16:00:00.000Z');
  await tick();
  const docs = await townDocs();
  expect(docs.map((d) => [d.seq, d.day])).toEqual([
    [1, '2026-03-05'],
    [2, '2026-03-06'],
  ]);
  expect(docs[1]!.prevHash).toBe(docs[0]!.hash);
  expect(docs[1]!.heads.find((h) => h.villageId === VILLAGE_A)!.seq).toBe(2);
});

test('the town page reads the latest fingerprint with its date; anyone of the town may, only the town admin exports', async () => {
  expect(okData<RecordOutputs['townHead']>(await record(P.townAdmin, 'townHead', {})).head).toBeNull();
  await twoDays();
  const head = okData<RecordOutputs['townHead']>(await record(P.townAdmin, 'townHead', {}));
  const docs = await townDocs();
  expect(head).toMatchObject({
    townName: '甲镇',
    head: { seq: 2, day: '2026-03-06', fingerprint: fingerprintOf(docs[1]!.hash) },
  });
  expect(okData<RecordOutputs['townHead']>(await record(P.residentA, 'townHead', {})).head!.seq).toBe(2);
  expect(await record(P.cadreA, 'exportTown', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  expect(await record(P.newcomer, 'townHead', {})).toMatchObject({ ok: false, code: 'NOT_BOUND' });
  // The other town's admin sees their own town's chain only.
  const other = okData<TownExport>(await record(P.otherTownAdmin, 'exportTown', {}));
  expect(other.villages.map((v) => v.villageId)).toEqual(['v-c']);
});

const exported = async () =>
  JSON.parse(JSON.stringify(okData<TownExport>(await record(P.townAdmin, 'exportTown', {})))) as TownExport;

test('the town export verifies on its own', async () => {
  await twoDays();
  const r = verifyTownExport(await exported(), []);
  expect(r).toMatchObject({ ok: true });
  expect(r.lines[0]).toBe('甲镇：自 2026年3月5日以来的 2 个每日指纹与各村公开记录一致');
});

test('a village head changed in the town’s store is named with its day', async () => {
  await twoDays();
  const docs = await townDocs();
  const day1 = docs[0]!;
  const heads = day1.heads.map((h) => (h.villageId === VILLAGE_B ? { ...h, hash: 'f'.repeat(64) } : h));
  await store.inner.collection<TownDoc>('townChain').update(day1._id, { set: { heads } });
  const r = verifyTownExport(await exported(), []);
  expect(r.ok).toBe(false);
  expect(r.lines).toEqual(
    expect.arrayContaining([
      '- 2026年3月5日的每日指纹登记被改动',
      '- 乙村的公开记录与镇里2026年3月5日记下的指纹不一致：该村记录在此之前被改写',
    ]),
  );
});

test('a village chain rewritten from end to end (new hashes and all) no longer matches the head the town took', async () => {
  await twoDays();
  // Whoever holds the console rewrites village A's first entry and every hash after it.
  const col = store.inner.collection<Doc & ChainEntry & { villageId: string }>('publicChain');
  const entries = (await findAll(col, { villageId: VILLAGE_A })).sort((a, b) => a.seq - b.seq);
  let prev = '0'.repeat(64);
  for (const e of entries) {
    const fields = { ...e, contentHash: e.seq === 1 ? 'a'.repeat(64) : e.contentHash, prevHash: prev };
    const hash = entryHashOf(fields);
    await col.update(e._id, { set: { contentHash: fields.contentHash, prevHash: prev, hash } });
    prev = hash;
  }
  const file = await exported();
  // The town's own entries are intact...
  for (const e of file.entries) expect(townEntryHashOf(e)).toBe(e.hash);
  // ...and name village A on both days.
  const r = verifyTownExport(file, []);
  expect(r.ok).toBe(false);
  expect(r.lines.filter((l) => l.includes('甲村'))).toEqual([
    '- 甲村的公开记录与镇里2026年3月5日记下的指纹不一致：该村记录在此之前被改写',
    '- 甲村的公开记录与镇里2026年3月6日记下的指纹不一致：该村记录在此之前被改写',
  ]);
});
