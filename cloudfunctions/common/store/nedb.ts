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
  type Query,
  type Store,
  type UpdateOps,
} from './port';

export interface NedbOptions {
  /** File-backed only: also rewrite each collection's file on this interval. */
  compactEveryMs?: number;
  /**
   * File-backed only: the collections whose file must never keep the order of writes (see
   * `nedbStore`). By default the survey's (`survey…`): what is written while people vote.
   * Rewriting costs a pass over the collection per write, so it is not done for every one.
   */
  orderFree?: (collection: string) => boolean;
}

const SURVEY_COLLECTIONS = (name: string) => name.startsWith('survey');

/**
 * The embedded store: one NeDB datastore per collection, file-backed in `dir`
 * (or in memory when dir is undefined). Used by the local runtime and the tests.
 *
 * NeDB appends a line per write, so an append-only file keeps the order (and the history) of
 * writes: someone copying the files could line up who voted with what was answered by their
 * position, or read each ballot off the successive versions of a tally. So in an order-free
 * collection a write resolves only once the collection's file has been rewritten in _id
 * order: each document once, and nothing about when it was written.
 */
export function nedbStore(dir?: string, options: NedbOptions = {}): Store & { close(): Promise<void> } {
  if (dir) mkdirSync(dir, { recursive: true });
  const open = new Map<string, Datastore<Doc>>();
  const cols = new Map<string, Collection<Doc>>();

  function datastore(name: string): Datastore<Doc> {
    let ds = open.get(name);
    if (!ds) {
      ds = dir
        ? new Datastore<Doc>({ filename: join(dir, `${name}.db`), autoload: true })
        : new Datastore<Doc>({ inMemoryOnly: true });
      if (dir && options.compactEveryMs) ds.setAutocompactionInterval(options.compactEveryMs);
      open.set(name, ds);
    }
    return ds;
  }

  function collection<T extends Doc>(name: string): Collection<T> {
    const existing = cols.get(name);
    if (existing) return existing as unknown as Collection<T>;
    const ds = datastore(name);
    // One rewrite serves every write that completed before it finished: NeDB runs writes and
    // rewrites one at a time in its own queue, so a rewrite not yet finished when a write has
    // completed runs after it. It is forgotten once finished; a write completing later (its
    // file append is I/O, so after that) queues the next.
    let queued: Promise<void> | null = null;
    const orderFree = !!dir && (options.orderFree ?? SURVEY_COLLECTIONS)(name);
    const rewrite = (): Promise<void> => {
      if (!orderFree) return Promise.resolve();
      queued ??= ds.compactDatafileAsync().finally(() => {
        queued = null;
      });
      return queued;
    };
    const written = async <R>(result: R): Promise<R> => {
      await rewrite();
      return result;
    };
    const col: Collection<Doc> = {
      async get(id) {
        return strip(await ds.findOneAsync({ _id: id }));
      },
      async find(query, options = {}) {
        let cursor = ds.findAsync(toNedbQuery(query), projection(options));
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        // Like the cloud database: never more than MAX_PAGE at once, so paging bugs show up here.
        cursor = cursor.limit(pageSize(options.limit));
        return (await cursor).map((d) => strip(d) as Doc);
      },
      count(query) {
        return ds.countAsync(toNedbQuery(query));
      },
      async insert(doc) {
        try {
          await ds.insertAsync(structuredClone(doc));
          await rewrite();
        } catch (e) {
          if ((e as { errorType?: string }).errorType === 'uniqueViolated') {
            throw new DuplicateKeyError(name, doc._id);
          }
          throw e;
        }
      },
      async update(id, ops) {
        // An update without operators would make NeDB replace the whole document.
        if (!hasUpdates(ops)) return (await ds.countAsync({ _id: id })) > 0;
        const { numAffected } = await ds.updateAsync({ _id: id }, toNedbUpdate(ops), {});
        return written(numAffected > 0);
      },
      async updateWhere(query, ops) {
        if (!hasUpdates(ops)) return ds.countAsync(toNedbQuery(query));
        const { numAffected } = await ds.updateAsync(toNedbQuery(query), toNedbUpdate(ops), {
          multi: true,
        });
        return written(numAffected);
      },
      async remove(id) {
        return written((await ds.removeAsync({ _id: id }, {})) > 0);
      },
    };
    cols.set(name, col);
    return col as unknown as Collection<T>;
  }

  return {
    collection,
    async close() {
      for (const ds of open.values()) {
        ds.stopAutocompaction();
        await ds.compactDatafileAsync().catch(() => undefined);
      }
    },
  };
}

function strip<T>(d: T | null): T | null {
  return d ?? null;
}

function projection(options: FindOptions): Record<string, 1> | undefined {
  if (!options.fields) return undefined;
  return Object.fromEntries([['_id', 1], ...options.fields.map((f) => [f, 1])]) as Record<string, 1>;
}

/** NeDB speaks Mongo's operators, so the port's query passes through unchanged. */
export function toNedbQuery(query: Query): Record<string, unknown> {
  return query as Record<string, unknown>;
}

export function toNedbUpdate(ops: UpdateOps): Record<string, unknown> {
  const u: Record<string, unknown> = {};
  if (ops.set && Object.keys(ops.set).length) u.$set = ops.set;
  if (ops.inc && Object.keys(ops.inc).length) u.$inc = ops.inc;
  if (ops.addToSet && Object.keys(ops.addToSet).length) u.$addToSet = ops.addToSet;
  if (ops.unset?.length) u.$unset = Object.fromEntries(ops.unset.map((f) => [f, true]));
  return u;
}
