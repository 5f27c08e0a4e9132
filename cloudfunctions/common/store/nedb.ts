import Datastore from '@seald-io/nedb';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  DuplicateKeyError,
  hasUpdates,
  pageSize,
  type Collection,
  type Doc,
  type FindOptions,
  type InsertManyResult,
  type Query,
  type Store,
} from './port';
import { leadingFields } from './indexes';
import { OrderFreeFile } from './order-free';
import { memoryCollection } from './memory';
import { toNedbQuery, toNedbUpdate } from './nedb-ops';

export { toNedbQuery, toNedbUpdate } from './nedb-ops';

export interface NedbOptions {
  /** File-backed only: also rewrite each append-only collection's file on this interval. */
  compactEveryMs?: number;
  /**
   * The collections whose file must never keep the order of writes (see `nedbStore`), held in
   * a plain map. By default the survey's (`survey…`): what is written while people vote.
   */
  orderFree?: (collection: string) => boolean;
}

/** Sees every query the embedded store runs (tests record them to check the declared indexes). */
export interface QueryObserver {
  (collection: string, query: Query, options: FindOptions): void;
}

/** Set by tests only: every store made by `nedbStore` reports its queries here. */
export const nedbHooks: { onQuery: QueryObserver | null } = { onQuery: null };

const SURVEY_COLLECTIONS = (name: string) => name.startsWith('survey');

/**
 * The embedded store: one NeDB datastore per collection, file-backed in `dir`
 * (or in memory when dir is undefined), with the indexes declared in `indexes.ts`.
 * Used by the local runtime and the tests.
 *
 * NeDB appends a line per write, so an append-only file keeps the order (and the history) of
 * writes: someone copying the files could line up who voted with what was answered by their
 * position, or read each ballot off the successive versions of a tally. So an order-free
 * collection is held in a plain map (`memoryCollection`, also when the store is in memory) and
 * written to its file by `OrderFreeFile`: one line per document in `_id` order, changed in
 * place, the write resolving once the file holds it.
 */
export function nedbStore(dir?: string, options: NedbOptions = {}): Store & { close(): Promise<void> } {
  if (dir) mkdirSync(dir, { recursive: true });
  const cols = new Map<string, Collection<Doc>>();
  const closers: (() => Promise<void>)[] = [];

  function collection<T extends Doc>(name: string): Collection<T> {
    const existing = cols.get(name);
    if (existing) return existing as unknown as Collection<T>;
    const ballotHot = (options.orderFree ?? SURVEY_COLLECTIONS)(name);
    const observe = (query: Query, opts: FindOptions = {}) => nedbHooks.onQuery?.(name, query, opts);
    if (ballotHot) {
      // Held in a plain map (in memory too): see memoryCollection.
      const file = dir ? new OrderFreeFile(join(dir, `${name}.db`)) : null;
      const held = memoryCollection({ name, file, indexed: leadingFields(name), observe });
      closers.push(() => held.close());
      cols.set(name, held);
      return held as unknown as Collection<T>;
    }
    const ds = dir
      ? new Datastore<Doc>({ filename: join(dir, `${name}.db`), autoload: true })
      : new Datastore<Doc>({ inMemoryOnly: true });
    if (dir && options.compactEveryMs) ds.setAutocompactionInterval(options.compactEveryMs);
    const ready = (async () => {
      for (const fieldName of leadingFields(name)) await ds.ensureIndexAsync({ fieldName });
    })();
    closers.push(async () => {
      await ready.catch(() => undefined);
      ds.stopAutocompaction();
      if (dir) await ds.compactDatafileAsync().catch(() => undefined);
    });
    const col: Collection<Doc> = {
      async get(id) {
        await ready;
        return strip(await ds.findOneAsync({ _id: id }));
      },
      async find(query, options = {}) {
        observe(query, options);
        await ready;
        let cursor = ds.findAsync(toNedbQuery(query), projection(options));
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        // Like the cloud database: never more than MAX_PAGE at once, so paging bugs show up here.
        cursor = cursor.limit(pageSize(options.limit));
        return (await cursor).map((d) => strip(d) as Doc);
      },
      async count(query) {
        observe(query);
        await ready;
        return ds.countAsync(toNedbQuery(query));
      },
      async insert(doc) {
        await ready;
        try {
          await ds.insertAsync(structuredClone(doc));
        } catch (e) {
          if ((e as { errorType?: string }).errorType === 'uniqueViolated') {
            throw new DuplicateKeyError(name, doc._id);
          }
          throw e;
        }
      },
      async insertMany(docs) {
        await ready;
        return insertBatch(ds, name, docs);
      },
      async update(id, ops) {
        await ready;
        // An update without operators would make NeDB replace the whole document.
        if (!hasUpdates(ops)) return (await ds.countAsync({ _id: id })) > 0;
        const { numAffected } = await ds.updateAsync({ _id: id }, toNedbUpdate(ops), {});
        return numAffected > 0;
      },
      async updateWhere(query, ops) {
        observe(query);
        await ready;
        if (!hasUpdates(ops)) return ds.countAsync(toNedbQuery(query));
        const { numAffected } = await ds.updateAsync(toNedbQuery(query), toNedbUpdate(ops), { multi: true });
        return numAffected;
      },
      async remove(id) {
        await ready;
        return (await ds.removeAsync({ _id: id }, {})) > 0;
      },
    };
    cols.set(name, col);
    return col as unknown as Collection<T>;
  }

  return {
    collection,
    async close() {
      for (const close of closers) await close();
    },
  };
}

/**
 * A batch insert: the documents whose _id is not stored yet go in with one NeDB insert (which
 * checks and copies every document first and keeps all or none of them) and one file append. Tried whole first; when an _id is stored
 * already (a retry), the stored ones are looked up and the rest inserted, again if another
 * write of one of these ids came in between.
 */
async function insertBatch(ds: Datastore<Doc>, name: string, docs: Doc[]): Promise<InsertManyResult> {
  let fresh = docs;
  for (let attempt = 0; ; attempt++) {
    try {
      if (fresh.length) await ds.insertAsync(fresh);
      break;
    } catch (e) {
      if ((e as { errorType?: string }).errorType !== 'uniqueViolated') throw e;
      if (attempt >= 3) throw new DuplicateKeyError(name, String((e as { key?: unknown }).key ?? ''));
    }
    const stored = await ds.findAsync({ _id: { $in: docs.map((d) => d._id) } }, { _id: 1 });
    const have = new Set(stored.map((d) => d._id));
    fresh = docs.filter((d) => !have.has(d._id));
  }
  return { inserted: fresh.length, present: docs.length - fresh.length };
}

function strip<T>(d: T | null): T | null {
  return d ?? null;
}

function projection(options: FindOptions): Record<string, 1> | undefined {
  if (!options.fields) return undefined;
  return Object.fromEntries([['_id', 1], ...options.fields.map((f) => [f, 1])]) as Record<string, 1>;
}
