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
import { fakeWxDatabase, WX_MAX_LIMIT } from './wx-fake';
import {
  DuplicateKeyError,
  BATCH_DOCS,
  MAX_PAGE,
  addMany,
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

  describe('addMany', () => {
    const batchOf = (n: number, from = 0): Item[] =>
      Array.from({ length: n }, (_, i) => ({
        _id: `m${String(from + i).padStart(5, '0')}`,
        n: from + i,
        tag: 'batch',
        flag: null,
        nested: { k: 'b', v: from + i },
      }));

    test('stores a batch of more than one cloud batch, every document as given', async () => {
      const batch = h.store.collection<Item>('batch');
      const docs = batchOf(1_234);
      expect(await addMany(batch, docs)).toEqual({ inserted: 1_234, present: 0 });
      expect(await batch.count({})).toBe(1_234);
      expect(await batch.get('m01233')).toEqual(docs[1_233]);
      expect(await findAll(batch, {}, { sort: { n: 1 } })).toEqual(docs);
    });

    test('a retry after a partial batch finishes it: what was stored is skipped, never overwritten', async () => {
      const batch = h.store.collection<Item>('batch');
      const docs = batchOf(700);
      // What a failed attempt may leave: any part of the batch (here every third document).
      for (const d of docs.filter((_, i) => i % 3 === 0)) await batch.insert({ ...d, tag: 'first try' });
      const done = await addMany(batch, docs);
      // On the cloud database a refused array call may itself have stored some of the documents
      // it carried: those count as present too.
      expect(done.inserted + done.present).toBe(700);
      expect(done.present).toBeGreaterThanOrEqual(234);
      const all = await findAll(batch, {}, { sort: { n: 1 } });
      expect(ids(all)).toEqual(ids(docs));
      expect(all.filter((d) => d.tag === 'first try')).toHaveLength(234);
      // A retry of the whole batch again writes nothing.
      expect(await addMany(batch, docs)).toEqual({ inserted: 0, present: 700 });
      expect(await batch.count({})).toBe(700);
    });

    test('two batches with shared ids at once: each id stored once, each counted once as inserted', async () => {
      const batch = h.store.collection<Item>('batch');
      const [a, b] = await Promise.all([addMany(batch, batchOf(600)), addMany(batch, batchOf(600, 300))]);
      expect(a.inserted + a.present).toBe(600);
      expect(b.inserted + b.present).toBe(600);
      expect(a.inserted + b.inserted).toBeLessThanOrEqual(900);
      expect(await batch.count({})).toBe(900);
    });

    test('the same _id twice in one batch is refused before anything is written', async () => {
      const batch = h.store.collection<Item>('batch');
      const docs = batchOf(3);
      await expect(addMany(batch, [...docs, must(docs[1], 'doc')])).rejects.toThrow(/twice/);
      expect(await batch.count({})).toBe(0);
      expect(await addMany(batch, [])).toEqual({ inserted: 0, present: 0 });
    });

    test('a collection without a batch insert of its own (a wrapper) gets single inserts', async () => {
      const wrapper: Collection<Item> = { ...col, insertMany: undefined };
      expect(await addMany(wrapper, [ITEMS[0], ...batchOf(30)])).toEqual({ inserted: 30, present: 1 });
      expect(await col.count({})).toBe(35);
    });
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

describe('addMany: what a failure leaves, per adapter', () => {
  const docs = Array.from({ length: 1_200 }, (_, i) => ({ _id: `s${String(i).padStart(5, '0')}`, n: i }));

  test('the embedded store keeps a batch whole or not at all', async () => {
    const col = nedbStore().collection<Doc & { n: number }>('batch');
    // NeDB refuses a field named with a leading $: the one bad document fails the whole batch.
    const bad = [...docs.slice(0, 10), { _id: 'bad', n: 0, $n: 1 }, ...docs.slice(10, 20)];
    await expect(addMany(col, bad)).rejects.toThrow();
    expect(await col.count({})).toBe(0);
    expect(await addMany(col, docs)).toEqual({ inserted: 1_200, present: 0 });
  });

  test('an order-free file on disk is written once for the batch and holds it after reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-batch-'));
    try {
      const first = nedbStore(dir);
      const col = first.collection<Doc & { n: number }>('surveyBatch');
      expect(await addMany(col, docs)).toEqual({ inserted: 1_200, present: 0 });
      await first.close();
      const again = nedbStore(dir);
      expect(await again.collection('surveyBatch').count({})).toBe(1_200);
      expect(await addMany(again.collection<Doc & { n: number }>('surveyBatch'), docs)).toEqual({
        inserted: 0,
        present: 1_200,
      });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the cloud database: a call that fails half way leaves part of a batch; the retry finishes exactly', async () => {
    const db = fakeWxDatabase();
    const col = wxStore(db).collection<Doc & { n: number }>('batch');
    // The third array add fails after storing 123 of its documents (the function killed, say).
    let adds = 0;
    db.faults.afterAdd = (stored) => {
      if (stored === 1) adds++;
      if (adds === 3 && stored === 123) throw new Error('timeout');
    };
    await expect(addMany(col, docs)).rejects.toThrow('timeout');
    const left = await col.count({});
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1_200);
    db.faults.afterAdd = undefined;
    const before = db.operations();
    expect(await addMany(col, docs)).toEqual({ inserted: 1_200 - left, present: left });
    expect(await findAll(col, {})).toEqual(docs);
    // The retry costs a call per batch, and a query and a call for each batch found partly stored.
    expect(db.operations() - before).toBeLessThanOrEqual(Math.ceil(1_200 / BATCH_DOCS) * 3);
    expect(BATCH_DOCS).toBeLessThanOrEqual(WX_MAX_LIMIT);
  });

  test('the cloud database: a batch is one call of add per BATCH_DOCS documents', async () => {
    const db = fakeWxDatabase();
    const counted = countingStore(wxStore(db));
    await addMany(counted.collection('batch'), docs);
    expect(db.operations()).toBe(Math.ceil(1_200 / BATCH_DOCS));
    expect(counted.ops()).toBe(Math.ceil(1_200 / BATCH_DOCS));
  });
});
