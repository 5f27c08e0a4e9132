import {
  BATCH_DOCS,
  DuplicateKeyError,
  insertEach,
  type InsertManyResult,
  hasUpdates,
  pageSize,
  type Collection,
  type Doc,
  type FieldCondition,
  type Query,
  type Store,
  type UpdateOps,
} from './port';

/**
 * The production adapter over the WeChat cloud database (`cloud.database()` of wx-server-sdk).
 * Only the shapes of the SDK that we use are typed here, so this file compiles and is tested
 * without the SDK; the real `db` object is passed in by the function entry.
 */
export interface WxCommand {
  in(v: unknown[]): unknown;
  nin(v: unknown[]): unknown;
  neq(v: unknown): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  and(...conds: unknown[]): unknown;
  inc(n: number): unknown;
  set(v: unknown): unknown;
  remove(): unknown;
  addToSet(v: unknown): unknown;
}

interface WxQueryRef {
  where(q: Record<string, unknown>): WxQueryRef;
  orderBy(field: string, dir: 'asc' | 'desc'): WxQueryRef;
  skip(n: number): WxQueryRef;
  limit(n: number): WxQueryRef;
  field(f: Record<string, boolean>): WxQueryRef;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(arg: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

interface WxCollectionRef extends WxQueryRef {
  /**
   * One document, or an array of them in one call: the server SDK hands `data` to the
   * database's insert as it is, an array included (it answers `_ids` then), though the
   * reference documents only the single document. No limit per call is documented; we send
   * BATCH_DOCS at most (a few hundred bytes each, far below any request size limit).
   */
  add(arg: { data: Record<string, unknown> | Record<string, unknown>[] }): Promise<unknown>;
}

export interface WxDatabase {
  command: WxCommand;
  collection(name: string): WxCollectionRef;
}

export function translateCondition(_: WxCommand, cond: FieldCondition): unknown {
  if (cond === null || typeof cond !== 'object') return cond;
  const parts: unknown[] = [];
  if (cond.$in !== undefined) parts.push(_.in(cond.$in));
  if (cond.$nin !== undefined) parts.push(_.nin(cond.$nin));
  if (cond.$ne !== undefined) parts.push(_.neq(cond.$ne));
  if (cond.$gt !== undefined) parts.push(_.gt(cond.$gt));
  if (cond.$gte !== undefined) parts.push(_.gte(cond.$gte));
  if (cond.$lt !== undefined) parts.push(_.lt(cond.$lt));
  if (cond.$lte !== undefined) parts.push(_.lte(cond.$lte));
  if (parts.length === 0) throw new Error('empty condition');
  return parts.length === 1 ? parts[0] : _.and(...parts);
}

export function translateQuery(_: WxCommand, query: Query): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, translateCondition(_, v)]));
}

/**
 * The cloud database merges plain objects in `update` instead of replacing them, so object
 * values are wrapped in `_.set`, which replaces, to keep the port's `$set` meaning.
 */
export function translateUpdate(_: WxCommand, ops: UpdateOps): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ops.set ?? {})) {
    data[k] = v !== null && typeof v === 'object' ? _.set(v) : v;
  }
  for (const [k, n] of Object.entries(ops.inc ?? {})) data[k] = _.inc(n);
  for (const [k, v] of Object.entries(ops.addToSet ?? {})) data[k] = _.addToSet(v);
  for (const k of ops.unset ?? []) data[k] = _.remove();
  return data;
}

export function isDuplicateKey(e: unknown): boolean {
  const text = `${(e as { errMsg?: string }).errMsg ?? ''} ${(e as Error).message ?? ''}`;
  return /duplicate key|E11000|_id.*exist/i.test(text) || (e as { errCode?: number }).errCode === -502001;
}

export function wxStore(db: WxDatabase): Store {
  const _ = db.command;
  return {
    collection<T extends Doc>(name: string): Collection<T> {
      const ref = () => db.collection(name);
      return {
        async get(id) {
          const { data } = await ref().where({ _id: id }).limit(1).get();
          return (data[0] as T | undefined) ?? null;
        },
        async find(query, options = {}) {
          let q = ref().where(translateQuery(_, query));
          for (const [f, dir] of Object.entries(options.sort ?? {})) {
            q = q.orderBy(f, dir === 1 ? 'asc' : 'desc');
          }
          if (options.fields) {
            q = q.field(Object.fromEntries([['_id', true], ...options.fields.map((f) => [f, true])]));
          }
          if (options.skip) q = q.skip(options.skip);
          // The server's own default is 100; the port promises up to MAX_PAGE like the embedded store.
          q = q.limit(pageSize(options.limit));
          return (await q.get()).data as T[];
        },
        async count(query) {
          return (await ref().where(translateQuery(_, query)).count()).total;
        },
        async insert(doc) {
          try {
            await ref().add({ data: doc as unknown as Record<string, unknown> });
          } catch (e) {
            if (isDuplicateKey(e)) throw new DuplicateKeyError(name, doc._id);
            throw e;
          }
        },
        insertMany: (docs) => insertBatches(name, ref, _, docs),
        async update(id, ops) {
          if (!hasUpdates(ops)) return (await ref().where({ _id: id }).count()).total > 0;
          const res = await ref()
            .where({ _id: id })
            .update({ data: translateUpdate(_, ops) });
          return res.stats.updated > 0;
        },
        async updateWhere(query, ops) {
          if (!hasUpdates(ops)) return (await ref().where(translateQuery(_, query)).count()).total;
          const res = await ref()
            .where(translateQuery(_, query))
            .update({ data: translateUpdate(_, ops) });
          return res.stats.updated;
        },
        async remove(id) {
          return (await ref().where({ _id: id }).remove()).stats.removed > 0;
        },
      };
    },
  };
}

/** Batches of BATCH_DOCS sent at once; a batch call of the server SDK is one request. */
export const WX_BATCHES_IN_FLIGHT = 4;

/**
 * A batch insert on the cloud database: calls of `add` with up to BATCH_DOCS documents each,
 * WX_BATCHES_IN_FLIGHT at a time. What the database does when one document of an array is a
 * duplicate is not documented (an ordered insert keeps those before it): so a batch refused
 * for a duplicate asks which of its ids are stored (one query) and adds the rest, and when
 * that is refused again (another writer in between), adds them one by one. A batch that fails
 * otherwise fails the whole call, leaving any part of the documents stored, which a retry of
 * the same documents then skips.
 */
async function insertBatches<T extends Doc>(
  name: string,
  ref: () => WxCollectionRef,
  _: WxCommand,
  docs: T[],
): Promise<InsertManyResult> {
  const out: InsertManyResult = { inserted: 0, present: 0 };
  const batches: T[][] = [];
  for (let i = 0; i < docs.length; i += BATCH_DOCS) batches.push(docs.slice(i, i + BATCH_DOCS));
  const add = (batch: T[]) => ref().add({ data: batch as unknown as Record<string, unknown>[] });
  const one = async (batch: T[]) => {
    try {
      await add(batch);
      out.inserted += batch.length;
      return;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const { data } = await ref()
      .where({ _id: _.in(batch.map((d) => d._id)) })
      .field({ _id: true })
      .limit(batch.length)
      .get();
    const have = new Set((data as Doc[]).map((d) => d._id));
    const missing = batch.filter((d) => !have.has(d._id));
    out.present += batch.length - missing.length;
    if (missing.length === 0) return;
    try {
      await add(missing);
      out.inserted += missing.length;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const each = await insertEach({ insert: (d: T) => insertOne(name, ref, d) }, missing);
      out.inserted += each.inserted;
      out.present += each.present;
    }
  };
  for (let i = 0; i < batches.length; i += WX_BATCHES_IN_FLIGHT) {
    // Every batch under way is let finish before a failure is reported.
    const settled = await Promise.allSettled(batches.slice(i, i + WX_BATCHES_IN_FLIGHT).map(one));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return out;
}

async function insertOne(name: string, ref: () => WxCollectionRef, doc: Doc): Promise<void> {
  try {
    await ref().add({ data: doc as unknown as Record<string, unknown> });
  } catch (e) {
    if (isDuplicateKey(e)) throw new DuplicateKeyError(name, doc._id);
    throw e;
  }
}
