/**
 * The embedded store's order-free files (what a copy of the survey's files holds) and paging
 * without `skip` (findAll asks for the ids after the last one it saw, in both adapters).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import {
  MAX_PAGE,
  findAll,
  type Collection,
  type Doc,
  type FindOptions,
  type Query,
} from '../../cloudfunctions/common/store/port';

interface Slot extends Doc {
  roundId: string;
  option: string | null;
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('an order-free collection on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-order-free-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('its file holds each document once, in _id order, every line one width, whatever the order of writes', async () => {
    const store = nedbStore(dir, { orderFree: (n) => n === 'slots' });
    const slots = store.collection<Slot>('slots');
    const ids = ['q', 'c', 'x', 'a', 'm'];
    for (const id of ids) await slots.insert({ _id: id, roundId: 'r', option: null });
    // Filled in an order unrelated to the ids, one of them twice, one emptied again.
    for (const [id, option] of [
      ['x', '满意'],
      ['a', 'fairly'],
      ['x', 'dissatisfied'],
      ['m', 'satisfied'],
    ] as const)
      expect(await slots.updateWhere({ _id: id }, { set: { option } })).toBe(1);
    await slots.update('a', { set: { option: null } });
    const file = join(dir, 'slots.db');
    const text = lines(file);
    expect(text.map((l) => (JSON.parse(l) as Doc)._id)).toEqual([...ids].sort());
    expect(new Set(text.map((l) => Buffer.byteLength(l))).size).toBe(1);
    expect(text.map((l) => (JSON.parse(l) as Slot).option)).toEqual([
      null,
      null,
      'satisfied',
      null,
      'dissatisfied',
    ]);
    await store.close();
    // Opened again, it reads what was written.
    const again = nedbStore(dir, { orderFree: (n) => n === 'slots' });
    const reopened = await findAll(again.collection<Slot>('slots'), { option: { $ne: null } });
    expect(reopened.map((s) => [s._id, s.option])).toEqual([
      ['m', 'satisfied'],
      ['x', 'dissatisfied'],
    ]);
    await again.collection<Slot>('slots').remove('q');
    expect(lines(file).map((l) => (JSON.parse(l) as Doc)._id)).toEqual(['a', 'c', 'm', 'x']);
    await again.close();
  });

  test('a write resolves only once the file holds it (one flush serves concurrent writes)', async () => {
    const store = nedbStore(dir, { orderFree: () => true });
    const slots = store.collection<Slot>('slots');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => slots.insert({ _id: `s${100 + i}`, roundId: 'r', option: null })),
    );
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await slots.updateWhere({ _id: `s${100 + i}`, option: null }, { set: { option: `o${i}` } });
        const mine = lines(join(dir, 'slots.db')).find((l) => l.startsWith(`{"_id":"s${100 + i}"`));
        expect(JSON.parse(mine as string)).toMatchObject({ option: `o${i}` });
      }),
    );
    await store.close();
  });
});

describe('findAll pages by a cursor on _id, never by skip', () => {
  const spy = <T extends Doc>(
    inner: Collection<T>,
    seen: FindOptions[],
    queries: Query[],
  ): Collection<T> => ({
    ...inner,
    find: (q, o = {}) => {
      seen.push(o);
      queries.push(q);
      return inner.find(q, o);
    },
  });

  test('every page after the first asks for the ids after the last one, and the asked order holds', async () => {
    const col = nedbStore().collection<Doc & { n: number; k: string }>('many');
    const n = MAX_PAGE * 2 + 5;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        col.insert({ _id: `d${String(i).padStart(5, '0')}`, n: i % 7, k: 'x' }),
      ),
    );
    const seen: FindOptions[] = [];
    const queries: Query[] = [];
    const all = await findAll(spy(col, seen, queries), { k: 'x' }, { sort: { n: -1 }, fields: ['k'] });
    expect(all).toHaveLength(n);
    expect(seen.every((o) => o.skip === undefined)).toBe(true);
    expect(queries.slice(1).every((q) => typeof q._id === 'object')).toBe(true);
    expect(new Set(all.map((d) => d._id)).size).toBe(n);
    // Sorted by n descending, ties by _id; n was read for the order and dropped again.
    expect(all[0]).toEqual({ _id: 'd00006', k: 'x' });
    expect(all[n - 1]).toEqual({ _id: `d${String(n - 1 - ((n - 1) % 7)).padStart(5, '0')}`, k: 'x' });
    // A condition of its own on _id is kept.
    const some = await findAll(col, { _id: { $lt: 'd01500' } });
    expect(some).toHaveLength(1500);
  });
});

describe('a collection held in a map answers as a NeDB datastore does', () => {
  interface Answer extends Doc {
    roundId: string | string[] | null;
    indicatorId: string;
    option: string | null;
    n: number;
  }
  const QUERIES: Query[] = [
    { roundId: 'r1' },
    { roundId: 'r2', option: null },
    { roundId: 'r1', indicatorId: 'b', option: { $ne: null } },
    { roundId: 'r3' },
    { roundId: { $in: ['r1', 'r3'] } },
    { _id: { $in: ['s03', 's07', 'zz'] }, roundId: 'r1' },
    { option: 'agree', n: { $gte: 3 } },
    { roundId: null },
  ];

  test('its hashes on an indexed field follow every insert, update and removal', async () => {
    // surveyAnswers declares an index led by roundId: the map serves that field by a hash.
    const held = nedbStore().collection<Answer>('surveyAnswers');
    const datastore = nedbStore(undefined, { orderFree: () => false }).collection<Answer>('surveyAnswers');
    const both = async (f: (c: Collection<Answer>) => Promise<unknown>) => {
      const [a, b] = [await f(held), await f(datastore)];
      expect(a).toEqual(b);
    };
    for (let i = 0; i < 12; i++) {
      const doc: Answer = {
        _id: `s${String(i).padStart(2, '0')}`,
        roundId: i % 5 === 4 ? ['r1', 'r3'] : `r${(i % 3) + 1}`,
        indicatorId: i % 2 ? 'a' : 'b',
        option: null,
        n: i,
      };
      await both((c) => c.insert(doc));
    }
    await both((c) => c.updateWhere({ roundId: 'r1', indicatorId: 'b' }, { set: { option: 'agree' } }));
    // The indexed field changes: the document leaves one hash for another (or for none).
    await both((c) => c.update('s01', { set: { roundId: 'r1' } }));
    await both((c) => c.update('s02', { set: { roundId: null } }));
    await both((c) => c.update('s05', { unset: ['roundId'] }));
    await both((c) => c.updateWhere({ roundId: 'r3', option: null }, { inc: { n: 10 } }));
    await both((c) => c.remove('s06'));
    await both((c) => c.update('s06', { set: { option: 'late' } }));
    for (const q of QUERIES) {
      await both((c) => c.find(q, { sort: { _id: 1 } }));
      await both((c) => c.count(q));
      await both((c) => c.find(q, { sort: { n: -1 }, limit: 2, fields: ['option'] }));
    }
    // A found document is a copy: changing it changes nothing held.
    const [first] = await held.find({ roundId: 'r1' }, { sort: { _id: 1 } });
    (first as Answer).option = 'changed';
    expect((await held.get((first as Answer)._id))?.option).not.toBe('changed');
  });
});
