/**
 * The store port's contract, proved against the embedded adapter in memory and file-backed
 * (NeDB's datastores, and the plain map that holds the order-free collections), and against the cloud-database adapter over an in-memory fake of the server SDK's database
 * that keeps its documented limits (./wx-fake.ts).
 * Use cases rely on every behaviour here (idempotent inserts, atomic conditional updates,
 * $set replacing objects, paging), so a new adapter must pass the same suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { wxStore } from '../../cloudfunctions/common/store/wx';
import { at, must } from '../must';
import { fakeWxDatabase } from './wx-fake';
import {
  DuplicateKeyError,
  MAX_PAGE,
  countingStore,
  findAll,
  type Collection,
  type Doc,
  type Store,
} from '../../cloudfunctions/common/store/port';

interface Item extends Doc {
  n: number;
  tag: string;
  flag: boolean | null;
  nested: { k: string; v: number };
  list?: string[];
  extra?: string;
}

const ITEMS: [Item, Item, Item, Item, Item] = [
  { _id: 'a', n: 1, tag: 'x', flag: true, nested: { k: 'p', v: 3 } },
  { _id: 'b', n: 2, tag: 'y', flag: false, nested: { k: 'q', v: 1 } },
  { _id: 'c', n: 3, tag: 'x', flag: null, nested: { k: 'p', v: 2 } },
  { _id: 'd', n: 4, tag: 'z', flag: true, nested: { k: 'r', v: 5 } },
  { _id: 'e', n: 5, tag: 'y', flag: false, nested: { k: 'q', v: 4 } },
];

const ids = (docs: Doc[]) => docs.map((d) => d._id);

interface Harness {
  store: Store;
  dispose(): void;
}

const adapters: [string, () => Harness][] = [
  ['embedded store in memory', () => ({ store: nedbStore(), dispose: () => undefined })],
  [
    'embedded store on disk',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
      return {
        store: nedbStore(dir),
        dispose: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'embedded store, a collection held in a map, in memory',
    () => ({ store: nedbStore(undefined, { orderFree: () => true }), dispose: () => undefined }),
  ],
  [
    'embedded store, a collection held in a map with its order-free file',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
      return {
        store: nedbStore(dir, { orderFree: () => true }),
        dispose: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'cloud-database adapter over the fake server database',
    () => ({ store: wxStore(fakeWxDatabase()), dispose: () => undefined }),
  ],
];

describe.each(adapters)('%s', (_name, make) => {
  let h: Harness;
  let col: Collection<Item>;

  beforeEach(async () => {
    h = make();
    col = h.store.collection<Item>('items');
    for (const d of ITEMS) await col.insert(d);
  });
  afterEach(() => h.dispose());

  describe('get and find', () => {
    test('get by _id, or null', async () => {
      expect(await col.get('c')).toEqual(ITEMS[2]);
      expect(await col.get('nope')).toBeNull();
    });

    test('equality on several fields: all must hold', async () => {
      expect(ids(await col.find({ tag: 'x' }, { sort: { n: 1 } }))).toEqual(['a', 'c']);
      expect(ids(await col.find({ tag: 'x', flag: true }))).toEqual(['a']);
      expect(ids(await col.find({ flag: null }))).toEqual(['c']);
      expect(await col.find({ tag: 'none' })).toEqual([]);
    });

    test.each([
      [{ n: { $in: [1, 4, 9] } }, ['a', 'd']],
      [{ tag: { $nin: ['x', 'y'] } }, ['d']],
      [{ tag: { $ne: 'x' } }, ['b', 'd', 'e']],
      [{ n: { $gt: 3 } }, ['d', 'e']],
      [{ n: { $gte: 3 } }, ['c', 'd', 'e']],
      [{ n: { $lt: 3 } }, ['a', 'b']],
      [{ n: { $lte: 3 } }, ['a', 'b', 'c']],
      [{ n: { $gte: 2, $lt: 5 } }, ['b', 'c', 'd']],
      [{ 'nested.k': 'p' }, ['a', 'c']],
      [{ 'nested.v': { $gt: 2 } }, ['a', 'd', 'e']],
      [{ tag: { $lt: 'y' } }, ['a', 'c']],
      [{ _id: { $in: ['b', 'e', 'zz'] } }, ['b', 'e']],
    ] as const)('query %j matches %j', async (query, expected) => {
      expect(ids(await col.find(query as never, { sort: { _id: 1 } }))).toEqual(expected);
    });

    test('sort by one or two keys, dotted paths included', async () => {
      expect(ids(await col.find({}, { sort: { n: -1 } }))).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect(ids(await col.find({}, { sort: { 'nested.v': 1 } }))).toEqual(['b', 'c', 'a', 'e', 'd']);
      expect(ids(await col.find({}, { sort: { tag: 1, n: -1 } }))).toEqual(['c', 'a', 'e', 'b', 'd']);
    });

    test('skip and limit page through a sorted result', async () => {
      expect(ids(await col.find({}, { sort: { n: 1 }, skip: 1, limit: 2 }))).toEqual(['b', 'c']);
      expect(ids(await col.find({}, { sort: { n: 1 }, skip: 4, limit: 2 }))).toEqual(['e']);
      expect(ids(await col.find({}, { sort: { n: 1 }, skip: 9 }))).toEqual([]);
    });

    test('fields returns only those fields and _id', async () => {
      const [d] = await col.find({ _id: 'a' }, { fields: ['n', 'nested.k'] });
      expect(d).toEqual({ _id: 'a', n: 1, nested: { k: 'p' } });
    });

    test('count', async () => {
      expect(await col.count({})).toBe(5);
      expect(await col.count({ tag: 'y' })).toBe(2);
      expect(await col.count({ n: { $gt: 10 } })).toBe(0);
    });

    test('what the store returns is a copy: changing it changes nothing stored', async () => {
      const d = (await col.get('a')) as Item;
      d.n = 99;
      d.nested.k = 'changed';
      const [f] = await col.find({ _id: 'a' });
      must(f, 'item a').tag = 'changed';
      expect(await col.get('a')).toEqual(ITEMS[0]);
    });
  });

  describe('insert', () => {
    test('a second insert of an _id fails with DuplicateKeyError and keeps the first', async () => {
      const err = await col.insert({ ...ITEMS[0], n: 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect(err).toMatchObject({ collection: 'items', id: 'a' });
      expect((await col.get('a'))?.n).toBe(1);
    });

    test('of many concurrent inserts of one _id exactly one wins', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => col.insert({ ...ITEMS[0], _id: 'race', n: i })),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateKeyError);
      }
      expect((await col.get('race'))?.n).toBe(won[0]);
      expect(await col.count({ _id: 'race' })).toBe(1);
    });

    test('the stored document does not follow later changes of the inserted object', async () => {
      const doc: Item = { _id: 'f', n: 6, tag: 'x', flag: true, nested: { k: 's', v: 6 } };
      await col.insert(doc);
      doc.nested.k = 'mutated';
      expect((await col.get('f'))?.nested.k).toBe('s');
    });

    test('collections are separate namespaces', async () => {
      const other = h.store.collection<Item>('others');
      await other.insert(ITEMS[0]);
      expect(await other.count({})).toBe(1);
      expect(await col.count({})).toBe(5);
    });
  });

  describe('update', () => {
    test('set changes the named fields only; a dotted path changes one nested field', async () => {
      expect(await col.update('a', { set: { tag: 'w', 'nested.v': 30 } })).toBe(true);
      expect(await col.get('a')).toEqual({ ...ITEMS[0], tag: 'w', nested: { k: 'p', v: 30 } });
    });

    test('set of an object replaces it (no merge with the old keys)', async () => {
      await col.update('a', { set: { nested: { k: 'only' } } });
      expect((await col.get('a'))?.nested).toEqual({ k: 'only' });
    });

    test('inc adds, creates a missing field, and is atomic under concurrency', async () => {
      await col.update('a', { inc: { n: 10 } });
      expect((await col.get('a'))?.n).toBe(11);
      await col.update('a', { inc: { 'nested.v': -3, fresh: 2 } });
      expect(await col.get('a')).toMatchObject({ nested: { v: 0 }, fresh: 2 });
      await Promise.all(Array.from({ length: 30 }, () => col.update('b', { inc: { n: 1 } })));
      expect((await col.get('b'))?.n).toBe(32);
    });

    test('addToSet creates the array, adds a value once, and is idempotent', async () => {
      await col.update('a', { addToSet: { list: '2026-01' } });
      await col.update('a', { addToSet: { list: '2026-02' } });
      await col.update('a', { addToSet: { list: '2026-01' } });
      await Promise.all(Array.from({ length: 5 }, () => col.update('a', { addToSet: { list: '2026-03' } })));
      expect((await col.get('a'))?.list).toEqual(['2026-01', '2026-02', '2026-03']);
    });

    test('unset removes fields', async () => {
      await col.update('a', { set: { extra: 'tmp' } });
      await col.update('a', { unset: ['extra', 'nested.k'] });
      const d = (await col.get('a')) as Item;
      expect('extra' in d).toBe(false);
      expect(d.nested).toEqual({ v: 3 });
    });

    test('several kinds of operation in one update', async () => {
      await col.update('a', { set: { tag: 'm' }, inc: { n: 1 }, addToSet: { list: 'v' }, unset: ['flag'] });
      const d = (await col.get('a')) as Item;
      expect(d).toMatchObject({ tag: 'm', n: 2, list: ['v'] });
      expect('flag' in d).toBe(false);
    });

    test('update of a missing _id reports false and creates nothing', async () => {
      expect(await col.update('nope', { set: { n: 1 } })).toBe(false);
      expect(await col.get('nope')).toBeNull();
    });

    test('an update with no operations changes nothing', async () => {
      expect(await col.update('a', {})).toBe(true);
      expect(await col.update('nope', {})).toBe(false);
      expect(await col.get('a')).toEqual(ITEMS[0]);
      expect(await col.updateWhere({ tag: 'x' }, { set: {} })).toBe(2);
      expect(await col.get('c')).toEqual(ITEMS[2]);
    });

    test('updateWhere changes every match and says how many', async () => {
      expect(await col.updateWhere({ tag: 'y' }, { set: { flag: true } })).toBe(2);
      expect(ids(await col.find({ flag: true }, { sort: { _id: 1 } }))).toEqual(['a', 'b', 'd', 'e']);
      expect(await col.updateWhere({ tag: 'none' }, { set: { flag: true } })).toBe(0);
    });

    test('a conditional updateWhere is a compare-and-set: of concurrent takers only the allowed number win', async () => {
      // The idiom behind one-use invitation codes: take a use while used < maxUses.
      const takes = await Promise.all(
        Array.from({ length: 10 }, () => col.updateWhere({ _id: 'a', n: { $lt: 4 } }, { inc: { n: 1 } })),
      );
      expect(takes.filter((t) => t === 1)).toHaveLength(3);
      expect((await col.get('a'))?.n).toBe(4);
    });
  });

  test('remove reports whether the document was there', async () => {
    expect(await col.remove('a')).toBe(true);
    expect(await col.remove('a')).toBe(false);
    expect(await col.get('a')).toBeNull();
    expect(await col.count({})).toBe(4);
  });

  describe('more than one page', () => {
    const many = 2_345;
    beforeEach(async () => {
      const big = h.store.collection<Item>('big');
      await Promise.all(
        Array.from({ length: many }, (_, i) =>
          big.insert({
            _id: `k${String(i).padStart(5, '0')}`,
            n: i % 7,
            tag: i % 2 ? 'odd' : 'even',
            flag: null,
            nested: { k: '', v: i },
          }),
        ),
      );
    });

    test('find never returns more than MAX_PAGE, with or without a limit', async () => {
      const big = h.store.collection<Item>('big');
      expect(await big.find({})).toHaveLength(MAX_PAGE);
      expect(await big.find({}, { limit: 5_000 })).toHaveLength(MAX_PAGE);
    });

    test('findAll pages through every match exactly once, sorted, even with ties in the sort key', async () => {
      const big = h.store.collection<Item>('big');
      const all = await findAll(big, {}, { sort: { n: 1 } });
      expect(all).toHaveLength(many);
      expect(new Set(ids(all)).size).toBe(many);
      for (let i = 1; i < all.length; i++) expect(at(all, i - 1).n).toBeLessThanOrEqual(at(all, i).n);
      const odd = await findAll(big, { tag: 'odd' }, { fields: ['tag'] });
      expect(odd).toHaveLength(Math.floor(many / 2));
      expect(odd[0]).toEqual({ _id: 'k00001', tag: 'odd' });
    });

    test('findAll of exactly one page asks once more and stops', async () => {
      const big = h.store.collection<Item>('big');
      const counted = countingStore(h.store);
      const all = await findAll(counted.collection<Item>('big'), { _id: { $lt: 'k01000' } });
      expect(all).toHaveLength(MAX_PAGE);
      expect(counted.ops()).toBe(2);
      expect(await big.count({})).toBe(many);
    });
  });
});

describe('embedded store on disk: persistence', () => {
  test('data survives closing and opening the store again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-persist-'));
    try {
      const first = nedbStore(dir);
      const col = first.collection<Item>('items');
      for (const d of ITEMS) await col.insert(d);
      await col.update('a', { set: { nested: { k: 'kept' } }, inc: { n: 1 } });
      await col.remove('e');
      await first.close();
      const again = nedbStore(dir).collection<Item>('items');
      expect(await again.get('a')).toEqual({ ...ITEMS[0], n: 2, nested: { k: 'kept' } });
      expect(ids(await again.find({}, { sort: { _id: 1 } }))).toEqual(['a', 'b', 'c', 'd']);
      const dup = await again.insert(ITEMS[1]).catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(DuplicateKeyError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('countingStore', () => {
  test('counts every operation on every collection once, and resets', async () => {
    const s = countingStore(nedbStore());
    const a = s.collection<Item>('a');
    const b = s.collection<Item>('b');
    await a.insert(ITEMS[0]);
    await a.get('a');
    await a.find({});
    await b.count({});
    await a.update('a', { inc: { n: 1 } });
    await a.updateWhere({}, { set: { tag: 'q' } });
    await a.remove('a');
    expect(s.ops()).toBe(7);
    s.reset();
    expect(s.ops()).toBe(0);
    await a.insert(ITEMS[1]).catch(() => undefined);
    await a.insert(ITEMS[1]).catch(() => undefined);
    expect(s.ops()).toBe(2);
    await findAll(b, {});
    expect(s.ops()).toBe(3);
  });
});
