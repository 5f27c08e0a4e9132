/**
 * An in-memory stand-in for the cloud database of the server SDK (`cloud.database()`), for the
 * store contract suite. It keeps to the documented behaviour the adapter depends on:
 * - `get()` returns at most 100 documents unless `limit(n)` is given, and `limit` above 1000
 *   is refused (the server SDK's caps);
 * - `add` of an existing `_id` fails (errCode -502001, "duplicate key"); `add` of an array
 *   inserts in order and stops at the first duplicate, keeping those before it (the least
 *   favourable reading of an undocumented case: an ordered insert);
 * - `update` and `remove` resolve to `{ stats: { updated } }` / `{ stats: { removed } }`;
 * - in `update`, a plain object is merged field by field, while `_.set(obj)` replaces;
 * - `where` takes equality, dotted paths and the commands `in`, `nin`, `neq`, `gt`, `gte`,
 *   `lt`, `lte`, `and`; every operation works on copies, one at a time, after a tick.
 */
import type { WxCommand, WxDatabase } from '../../cloudfunctions/common/store/wx';

/** The server SDK's default page of `get()` without `limit`, and the most `limit` accepts. */
export const WX_DEFAULT_GET = 100;
export const WX_MAX_LIMIT = 1000;

type Json = Record<string, unknown>;

class Command {
  constructor(
    readonly op: string,
    readonly args: unknown[],
  ) {}
}

const command =
  (op: string) =>
  (...args: unknown[]) =>
    new Command(op, args);

function at(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Json)[key];
  }
  return v;
}

function setAt(doc: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = doc;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object') target[key] = {};
    target = target[key] as Json;
  }
  target[keys[keys.length - 1]!] = value;
}

function removeAt(doc: Json, path: string): void {
  const keys = path.split('.');
  const parent = keys.length > 1 ? at(doc, keys.slice(0, -1).join('.')) : doc;
  if (parent && typeof parent === 'object') delete (parent as Json)[keys[keys.length - 1]!];
}

/** The order of values in comparisons and sorting: null/missing < numbers < strings < booleans. */
function rank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

function compare(a: unknown, b: unknown): number {
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  if (a === b || rank(a) === 0) return 0;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

function matches(value: unknown, cond: unknown): boolean {
  if (!(cond instanceof Command)) {
    if (cond !== null && typeof cond === 'object') throw new Error('the fake takes no nested-object queries');
    return same(value, cond);
  }
  const [arg] = cond.args;
  const comparable = (x: unknown) => rank(value) === rank(x) && rank(x) !== 0;
  switch (cond.op) {
    case 'in':
      return (arg as unknown[]).some((x) => same(value, x));
    case 'nin':
      return !(arg as unknown[]).some((x) => same(value, x));
    case 'neq':
      return !same(value, arg);
    case 'gt':
      return comparable(arg) && compare(value, arg) > 0;
    case 'gte':
      return comparable(arg) && compare(value, arg) >= 0;
    case 'lt':
      return comparable(arg) && compare(value, arg) < 0;
    case 'lte':
      return comparable(arg) && compare(value, arg) <= 0;
    case 'and':
      return cond.args.every((c) => matches(value, c));
    default:
      throw new Error(`the command ${cond.op} is not a query operator`);
  }
}

/** Flattens update data to dotted paths: plain objects merge; commands and arrays are values. */
function flatten(data: Json, prefix = ''): [string, unknown][] {
  return Object.entries(data).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !(v instanceof Command) && !Array.isArray(v)
      ? flatten(v as Json, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

function applyUpdate(doc: Json, data: Json): void {
  for (const [path, v] of flatten(data)) {
    if (path === '_id') throw new Error('_id cannot be updated');
    if (!(v instanceof Command)) setAt(doc, path, structuredClone(v));
    else if (v.op === 'set') setAt(doc, path, structuredClone(v.args[0]));
    else if (v.op === 'inc')
      setAt(doc, path, ((at(doc, path) as number | undefined) ?? 0) + (v.args[0] as number));
    else if (v.op === 'remove') removeAt(doc, path);
    else if (v.op === 'addToSet') {
      const list = (at(doc, path) as unknown[] | undefined) ?? [];
      if (!list.some((x) => same(x, v.args[0]))) setAt(doc, path, [...list, v.args[0]]);
      else setAt(doc, path, list);
    } else throw new Error(`the command ${v.op} is not an update operator`);
  }
}

function project(doc: Json, fields: Record<string, boolean> | null): Json {
  if (!fields) return structuredClone(doc);
  const out: Json = {};
  for (const [path, on] of Object.entries(fields)) {
    const v = at(doc, path);
    if (on && v !== undefined) setAt(out, path, structuredClone(v));
  }
  return out;
}

interface QueryState {
  where: Json;
  order: [string, 'asc' | 'desc'][];
  skip: number;
  limit: number | null;
  fields: Record<string, boolean> | null;
}

/** A duplicate `_id` as the server reports it. */
export function duplicateKeyError(id: string): Error & { errCode: number; errMsg: string } {
  return Object.assign(new Error(`duplicate key error: _id ${id}`), {
    errCode: -502001,
    errMsg: `database.add:fail -502001 E11000 duplicate key error collection, dup key: { _id: "${id}" }`,
  });
}

/** Faults a test may inject: called after each document of an array `add` is stored. */
export interface WxFaults {
  afterAdd?: (stored: number) => void;
}

export function fakeWxDatabase(
  faults: WxFaults = {},
): WxDatabase & { operations: () => number; faults: WxFaults } {
  const collections = new Map<string, Map<string, Json>>();
  let operations = 0;
  const docsOf = (name: string) => {
    let c = collections.get(name);
    if (!c) collections.set(name, (c = new Map()));
    return c;
  };
  /** Every operation runs on its own, after the caller's synchronous code (as over a network). */
  const later = async <T>(run: () => T): Promise<T> => {
    await new Promise((r) => setImmediate(r));
    operations++;
    return run();
  };

  const cmd: WxCommand = {
    in: command('in'),
    nin: command('nin'),
    neq: command('neq'),
    gt: command('gt'),
    gte: command('gte'),
    lt: command('lt'),
    lte: command('lte'),
    and: command('and'),
    inc: command('inc'),
    set: command('set'),
    remove: command('remove'),
    addToSet: command('addToSet'),
  };

  function ref(name: string, state: QueryState) {
    const next = (over: Partial<QueryState>) => ref(name, { ...state, ...over });
    const selected = (): Json[] =>
      [...docsOf(name).values()].filter((d) =>
        Object.entries(state.where).every(([path, cond]) => matches(at(d, path), cond)),
      );
    return {
      where: (q: Json) => next({ where: { ...state.where, ...q } }),
      orderBy: (field: string, dir: 'asc' | 'desc') => next({ order: [...state.order, [field, dir]] }),
      skip: (n: number) => next({ skip: n }),
      limit: (n: number) => {
        if (!Number.isInteger(n) || n < 1 || n > WX_MAX_LIMIT)
          throw new Error(`limit must be an integer from 1 to ${WX_MAX_LIMIT}`);
        return next({ limit: n });
      },
      field: (f: Record<string, boolean>) => next({ fields: f }),
      get: () =>
        later(() => {
          const sorted = selected().sort((a, b) => {
            for (const [f, dir] of state.order) {
              const c = compare(at(a, f), at(b, f));
              if (c) return dir === 'asc' ? c : -c;
            }
            return 0;
          });
          const page = sorted.slice(state.skip, state.skip + (state.limit ?? WX_DEFAULT_GET));
          return { data: page.map((d) => project(d, state.fields)) };
        }),
      count: () => later(() => ({ total: selected().length })),
      update: ({ data }: { data: Json }) =>
        later(() => {
          const hits = selected();
          for (const d of hits) applyUpdate(d, data);
          return { stats: { updated: hits.length } };
        }),
      remove: () =>
        later(() => {
          const hits = selected();
          for (const d of hits) docsOf(name).delete(d._id as string);
          return { stats: { removed: hits.length } };
        }),
      add: ({ data }: { data: Json | Json[] }) =>
        later(() => {
          const one = (doc: Json) => {
            const id = typeof doc._id === 'string' ? doc._id : `auto${docsOf(name).size + 1}`;
            if (docsOf(name).has(id)) throw duplicateKeyError(id);
            docsOf(name).set(id, structuredClone({ ...doc, _id: id }));
            return id;
          };
          if (!Array.isArray(data)) return { _id: one(data) };
          const ids: string[] = [];
          for (const doc of data) {
            ids.push(one(doc));
            faults.afterAdd?.(ids.length);
          }
          return { _ids: ids };
        }),
    };
  }

  return {
    command: cmd,
    collection: (name: string) =>
      ref(name, { where: {}, order: [], skip: 0, limit: null, fields: null }) as unknown as ReturnType<
        WxDatabase['collection']
      >,
    operations: () => operations,
    faults,
  };
}
