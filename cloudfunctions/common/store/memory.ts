import { checkObject, compareThings, getDotValue, match, modify } from '@seald-io/nedb/lib/model';
import {
  DuplicateKeyError,
  hasUpdates,
  pageSize,
  type Collection,
  type Doc,
  type FindOptions,
  type Query,
  type UpdateOps,
} from './port';
import { toNedbQuery, toNedbUpdate } from './nedb-ops';
import type { OrderFreeFile } from './order-free';

export interface MemoryCollectionOptions {
  name: string;
  /** The collection's order-free file (loaded first, told of every change), or null in memory only. */
  file: OrderFreeFile | null;
  /** Fields served by a hash on their value (the leading field of each declared index). */
  indexed: readonly string[];
  /** Sees every query (as the embedded store's other collections report theirs). */
  observe(query: Query, options?: FindOptions): void;
}

/**
 * A collection of the embedded store held in a plain map by `_id`, for the collections written
 * at every ballot (the order-free ones): a read or write by `_id` is a map lookup and a small
 * copy, with no queue of operations and no ordered index to keep. It speaks the embedded
 * store's own semantics (its matching, modifiers and ordering) and keeps the port's contract:
 * returned documents never alias stored ones, a duplicate `_id` is refused, a conditional
 * update is atomic (matched and applied in one synchronous step), an update applies to every
 * match or to none. Without a sort, results come in `_id` order.
 */
export function memoryCollection(
  opts: MemoryCollectionOptions,
): Collection<Doc> & { close(): Promise<void> } {
  const { file, observe, name } = opts;
  const docs = new Map<string, Doc>();
  const indexed = opts.indexed.filter((f) => f !== '_id' && !f.includes('.'));
  /** Per indexed field: the ids of the documents holding each string value (or array element). */
  const hashes = new Map<string, Map<string, Set<string>>>(indexed.map((f) => [f, new Map()]));

  const keysOf = (doc: Doc, field: string): string[] => {
    const v = (doc as unknown as Record<string, unknown>)[field];
    if (typeof v === 'string') return [v];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  const put = (doc: Doc) => {
    const old = docs.get(doc._id);
    for (const [field, hash] of hashes) {
      const was = old && (old as unknown as Record<string, unknown>)[field];
      if (was !== undefined && was === (doc as unknown as Record<string, unknown>)[field]) continue;
      const before = old ? keysOf(old, field) : [];
      const after = keysOf(doc, field);
      if (before.length === after.length && before.every((k, i) => k === after[i])) continue;
      for (const k of before) hash.get(k)?.delete(doc._id);
      for (const k of after) {
        let ids = hash.get(k);
        if (!ids) hash.set(k, (ids = new Set()));
        ids.add(doc._id);
      }
    }
    docs.set(doc._id, doc);
  };
  const drop = (id: string) => {
    const old = docs.get(id);
    if (!old) return false;
    for (const [field, hash] of hashes) for (const k of keysOf(old, field)) hash.get(k)?.delete(id);
    return docs.delete(id);
  };

  let ready: Promise<void> | null = file
    ? file.load().then((loaded) => {
        for (const d of loaded) put(d);
        ready = null;
      })
    : null;
  ready?.catch(() => undefined);

  /** The stored documents matching the query (the stored objects themselves: never hand them out). */
  const matching = (query: Query): Doc[] => {
    const q = toNedbQuery(query);
    const id = query._id;
    let candidates: Iterable<Doc> = docs.values();
    if (typeof id === 'string') {
      const d = docs.get(id);
      candidates = d ? [d] : [];
    } else if (id !== null && typeof id === 'object' && Array.isArray(id.$in)) {
      const ids = new Set(id.$in.filter((x): x is string => typeof x === 'string'));
      candidates = [...ids].flatMap((i) => docs.get(i) ?? []);
    } else {
      const field = indexed.find((f) => typeof query[f] === 'string');
      if (field) {
        const ids = hashes.get(field)?.get(query[field] as string);
        candidates = ids ? [...ids].flatMap((i) => docs.get(i) ?? []) : [];
      }
    }
    const out: Doc[] = [];
    for (const d of candidates) if (match(d, q)) out.push(d);
    return out;
  };

  /** The documents after the update, all computed before any is stored (all or none). */
  const apply = async (found: Doc[], ops: UpdateOps): Promise<void> => {
    let next: Doc[];
    if (plainSet(ops)) {
      // Stored documents are replaced, never changed in place: the new one may share the rest.
      next = found.map((d) => ({ ...d, ...ops.set }));
    } else {
      const update = clone(toNedbUpdate(ops));
      next = found.map((d) => modify(d, update));
    }
    for (const d of next) put(d);
    if (file && next.length) await file.changed(next);
  };

  return {
    async get(id) {
      if (ready) await ready;
      const d = docs.get(id);
      return d ? clone(d) : null;
    },
    async find(query, options = {}) {
      observe(query, options);
      if (ready) await ready;
      const found = matching(query);
      const sort = options.sort ?? { _id: 1 };
      const keys = Object.keys(sort);
      if (found.length > 1)
        found.sort((a, b) => {
          for (const k of keys) {
            const c = compareThings(getDotValue(a, k), getDotValue(b, k));
            if (c) return (sort[k] ?? 1) * c;
          }
          return 0;
        });
      const skip = options.skip && options.skip > 0 ? Math.floor(options.skip) : 0;
      // Like the cloud database: never more than MAX_PAGE at once.
      const page = found.slice(skip, skip + pageSize(options.limit));
      return options.fields ? page.map((d) => pick(d, options.fields as string[])) : page.map(clone);
    },
    async count(query) {
      observe(query);
      if (ready) await ready;
      return matching(query).length;
    },
    async insert(doc) {
      if (ready) await ready;
      if (docs.has(doc._id)) throw new DuplicateKeyError(name, doc._id);
      const stored = clone(doc);
      checkObject(stored);
      put(stored);
      await file?.changed([stored]);
    },
    async insertMany(batch) {
      if (ready) await ready;
      // Every new document checked and copied before any is stored: all or none, one file write.
      const fresh: Doc[] = [];
      for (const doc of batch) {
        if (docs.has(doc._id)) continue;
        const stored = clone(doc);
        checkObject(stored);
        fresh.push(stored);
      }
      for (const d of fresh) put(d);
      if (fresh.length) await file?.changed(fresh);
      return { inserted: fresh.length, present: batch.length - fresh.length };
    },
    async update(id, ops) {
      if (ready) await ready;
      const d = docs.get(id);
      if (!d) return false;
      if (hasUpdates(ops)) await apply([d], ops);
      return true;
    },
    async updateWhere(query, ops) {
      observe(query);
      if (ready) await ready;
      const found = matching(query);
      if (hasUpdates(ops)) await apply(found, ops);
      return found.length;
    },
    async remove(id) {
      if (ready) await ready;
      if (!drop(id)) return false;
      await file?.removed([id]);
      return true;
    },
    async close() {
      await ready?.catch(() => undefined);
      await file?.close();
    },
  };
}

/** Only top-level fields set to scalars (what a ballot writes): a spread does what modify would. */
function plainSet(ops: UpdateOps): boolean {
  if (!ops.set || ops.inc || ops.addToSet || ops.unset?.length) return false;
  for (const [k, v] of Object.entries(ops.set)) {
    if (k === '_id' || k.startsWith('$') || k.includes('.')) return false;
    if (v !== null && typeof v === 'object') return false;
    if (v === undefined) return false;
  }
  return true;
}

/** A copy of a JSON-like value (documents are flat or nearly: cheaper than a general clone). */
function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = clone((v as Record<string, unknown>)[k]);
  return out as T;
}

/** The asked-for fields of a document (dotted paths too), always with `_id`, as a copy. */
function pick(doc: Doc, fields: string[]): Doc {
  if (!fields.some((f) => f.includes('.'))) {
    const out: Record<string, unknown> = { _id: doc._id };
    for (const f of fields) {
      const v = (doc as unknown as Record<string, unknown>)[f];
      if (v !== undefined) out[f] = clone(v);
    }
    return out as unknown as Doc;
  }
  const set: Record<string, unknown> = {};
  for (const f of fields) {
    if (f === '_id') continue;
    const v = getDotValue(doc, f);
    if (v !== undefined) set[f] = clone(v);
  }
  const out = modify({} as Doc, { $set: set });
  out._id = doc._id;
  return out;
}
