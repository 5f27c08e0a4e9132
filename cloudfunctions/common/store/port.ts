/**
 * The store port: a few operations that both the WeChat cloud database and the embedded
 * file-backed store do natively. Use cases see only this, never an SDK.
 */

export type Scalar = string | number | boolean | null;

/** A condition on one field: a value means equality; operators mirror the cloud database. */
export type FieldCondition =
  | Scalar
  | {
      $in?: Scalar[];
      $nin?: Scalar[];
      $ne?: Scalar;
      $gt?: Scalar;
      $gte?: Scalar;
      $lt?: Scalar;
      $lte?: Scalar;
    };

/** Field paths may be dotted ('period.key'). All conditions must hold. */
export type Query = Record<string, FieldCondition>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  /** At most MAX_PAGE (also when omitted): use findAll or paging for more. */
  limit?: number;
  skip?: number;
  /** Field names to return (always with _id). */
  fields?: string[];
}

export interface UpdateOps {
  set?: Record<string, unknown>;
  inc?: Record<string, number>;
  /** Adds each listed value to the array field unless already present. */
  addToSet?: Record<string, Scalar>;
  unset?: string[];
}

/** Whether the ops change anything; an update without any is a no-op in every adapter. */
export function hasUpdates(ops: UpdateOps): boolean {
  return (
    Object.keys(ops.set ?? {}).length > 0 ||
    Object.keys(ops.inc ?? {}).length > 0 ||
    Object.keys(ops.addToSet ?? {}).length > 0 ||
    (ops.unset?.length ?? 0) > 0
  );
}

export interface Doc {
  _id: string;
}

/** Raised by insert when the _id exists: the basis of idempotent, at-most-once writes. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`duplicate _id ${id} in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface Collection<T extends Doc> {
  get(id: string): Promise<T | null>;
  find(query: Query, options?: FindOptions): Promise<T[]>;
  count(query: Query): Promise<number>;
  /** Fails with DuplicateKeyError if a document with this _id exists. */
  insert(doc: T): Promise<void>;
  /** Updates the document with this _id; resolves to whether it existed. */
  update(id: string, ops: UpdateOps): Promise<boolean>;
  /** Updates every document matching the query; resolves to how many matched. */
  updateWhere(query: Query, ops: UpdateOps): Promise<number>;
  remove(id: string): Promise<boolean>;
  /**
   * The adapter's own batch insert, used by `addMany` (which falls back to single inserts for a
   * collection without one, such as a test's wrapper). Call `addMany`, not this.
   */
  insertMany?(docs: T[]): Promise<InsertManyResult>;
}

/** What a batch insert did: documents stored by it, and documents whose _id was already stored. */
export interface InsertManyResult {
  inserted: number;
  /**
   * Left as stored: neither compared with the batch's document nor overwritten. On the cloud
   * database this includes any a refused call of this batch stored itself (it cannot tell).
   */
  present: number;
}

/**
 * Documents one batch carries to the cloud database (one call of `add` with an array), and
 * what `countingStore` counts as one operation of a batch insert.
 */
export const BATCH_DOCS = 500;

/**
 * Inserts many documents, in as few writes as the adapter allows: the embedded store writes the
 * whole batch at once (one append, or one rewrite of an order-free file), the cloud database in
 * calls of BATCH_DOCS documents.
 *
 * All or nothing as far as the adapter can honestly give it: the embedded store stores the
 * batch whole or not at all; on the cloud database a failed call (a timeout, the function
 * killed) may leave any part of the batch stored. So the contract is the retry's: with
 * deterministic _ids, calling addMany again with the same documents finishes the batch.
 * A document whose _id is already stored is skipped (counted as `present`, never an error and
 * never overwritten): that is how a retry passes over what the failed attempt left.
 * The same _id twice in one batch is a caller's mistake and refused before anything is written.
 */
export async function addMany<T extends Doc>(
  col: Collection<T>,
  docs: readonly T[],
): Promise<InsertManyResult> {
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d._id)) throw new Error(`the _id ${d._id} appears twice in one batch`);
    seen.add(d._id);
  }
  if (docs.length === 0) return { inserted: 0, present: 0 };
  if (col.insertMany) return col.insertMany([...docs]);
  return insertEach(col, docs);
}

/** Single inserts, at most `width` in flight, an _id already stored counted as present. */
export async function insertEach<T extends Doc>(
  col: Pick<Collection<T>, 'insert'>,
  docs: readonly T[],
  width = 20,
): Promise<InsertManyResult> {
  const out: InsertManyResult = { inserted: 0, present: 0 };
  for (let i = 0; i < docs.length; i += width) {
    await Promise.all(
      docs.slice(i, i + width).map(async (d) => {
        try {
          await col.insert(d);
          out.inserted++;
        } catch (e) {
          if (!(e instanceof DuplicateKeyError)) throw e;
          out.present++;
        }
      }),
    );
  }
  return out;
}

export interface Store {
  collection<T extends Doc>(name: string): Collection<T>;
}

/** The most a single server-side query returns on the cloud database. */
export const MAX_PAGE = 1000;

/** The page size every adapter uses: MAX_PAGE unless a smaller positive limit is asked for. */
export function pageSize(limit: number | undefined): number {
  return limit === undefined || limit <= 0 ? MAX_PAGE : Math.min(Math.floor(limit), MAX_PAGE);
}

/**
 * Reads every match, for bounded sets (one village, one town) only. Pages by a cursor on
 * `_id` (each page asks for the ids after the last one seen), never by `skip`, whose cost grows
 * with the position on both databases; the requested order is applied to the whole result.
 */
export async function findAll<T extends Doc>(
  col: Collection<T>,
  query: Query,
  options: Omit<FindOptions, 'limit' | 'skip'> = {},
): Promise<T[]> {
  const sort = options.sort ?? {};
  const keys = Object.keys(sort);
  // Sort fields are read too, and dropped again if they were not asked for.
  const extra = options.fields ? keys.filter((k) => k !== '_id' && !options.fields?.includes(k)) : [];
  const fields = options.fields ? [...options.fields, ...extra] : undefined;
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: T[] = await col.find(after === null ? query : afterId(query, after), {
      fields,
      sort: { _id: 1 },
      limit: MAX_PAGE,
    });
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < MAX_PAGE || !last) break;
    after = last._id;
  }
  if (keys.length && !(keys.length === 1 && keys[0] === '_id' && sort._id === 1)) {
    out.sort((a, b) => {
      for (const k of keys) {
        const c = compareValues(valueAt(a, k), valueAt(b, k));
        if (c) return sort[k] === -1 ? -c : c;
      }
      return compareValues(a._id, b._id);
    });
  }
  if (extra.length) for (const d of out) for (const k of extra) delete (d as Record<string, unknown>)[k];
  return out;
}

/** The query narrowed to the ids after `after`, keeping any condition it has on `_id`. */
export function afterId(query: Query, after: string): Query {
  const own = query._id;
  if (own === undefined) return { ...query, _id: { $gt: after } };
  if (own !== null && typeof own === 'object') {
    const $gt = own.$gt !== undefined && own.$gt !== null && own.$gt > after ? own.$gt : after;
    return { ...query, _id: { ...own, $gt } };
  }
  // An equality on _id matches one document at most: there is no page after it.
  return { ...query, _id: { $in: [], $gt: after } };
}

function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.'))
    v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[part];
  return v;
}

/** The databases' order of values: missing and null first, then numbers, strings, booleans. */
export function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    v === undefined || v === null
      ? 0
      : typeof v === 'number'
        ? 1
        : typeof v === 'string'
          ? 2
          : typeof v === 'boolean'
            ? 3
            : 4;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0 || ra === 4) return 0;
  return (a as number | string) < (b as number | string)
    ? -1
    : (a as number | string) > (b as number | string)
      ? 1
      : 0;
}

/** Wraps a store and counts operations per collection: what a request costs. */
export function countingStore(inner: Store): Store & { ops: () => number; reset: () => void } {
  let n = 0;
  const many = <T extends Doc>(col: Collection<T>): Pick<Collection<T>, 'insertMany'> | null => {
    const inner = col.insertMany?.bind(col);
    return inner
      ? { insertMany: (docs) => ((n += Math.max(1, Math.ceil(docs.length / BATCH_DOCS))), inner(docs)) }
      : null;
  };
  const wrap = <T extends Doc>(col: Collection<T>): Collection<T> => ({
    get: (id) => (n++, col.get(id)),
    find: (q, o) => (n++, col.find(q, o)),
    count: (q) => (n++, col.count(q)),
    insert: (d) => (n++, col.insert(d)),
    update: (id, ops) => (n++, col.update(id, ops)),
    updateWhere: (q, ops) => (n++, col.updateWhere(q, ops)),
    remove: (id) => (n++, col.remove(id)),
    // A batch costs what it costs on the cloud database: one operation per BATCH_DOCS documents.
    ...(many(col) ?? {}),
  });
  // One wrapper per collection, made once: a request asks for its collections again and again.
  const wrapped = new Map<string, Collection<Doc>>();
  return {
    collection: <T extends Doc>(name: string) => {
      let col = wrapped.get(name);
      if (!col) wrapped.set(name, (col = wrap(inner.collection<Doc>(name))));
      return col as unknown as Collection<T>;
    },
    ops: () => n,
    reset: () => {
      n = 0;
    },
  };
}
