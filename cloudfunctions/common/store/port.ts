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

/** Reads every match by paging; for bounded sets (one village, one town) only. */
export async function findAll<T extends Doc>(
  col: Collection<T>,
  query: Query,
  options: Omit<FindOptions, 'limit' | 'skip'> = {},
): Promise<T[]> {
  const out: T[] = [];
  // Pages are only disjoint under a total order: break ties by _id.
  const sort = { ...(options.sort ?? {}) };
  if (!('_id' in sort)) sort._id = 1;
  for (let skip = 0; ; skip += MAX_PAGE) {
    const page = await col.find(query, { ...options, sort, skip, limit: MAX_PAGE });
    out.push(...page);
    if (page.length < MAX_PAGE) return out;
  }
}

/** Wraps a store and counts operations per collection: what a request costs. */
export function countingStore(inner: Store): Store & { ops: () => number; reset: () => void } {
  let n = 0;
  const wrap = <T extends Doc>(col: Collection<T>): Collection<T> => ({
    get: (id) => (n++, col.get(id)),
    find: (q, o) => (n++, col.find(q, o)),
    count: (q) => (n++, col.count(q)),
    insert: (d) => (n++, col.insert(d)),
    update: (id, ops) => (n++, col.update(id, ops)),
    updateWhere: (q, ops) => (n++, col.updateWhere(q, ops)),
    remove: (id) => (n++, col.remove(id)),
  });
  return {
    collection: <T extends Doc>(name: string) => wrap(inner.collection<T>(name)),
    ops: () => n,
    reset: () => {
      n = 0;
    },
  };
}
