/**
 * The seeded demo town (清河镇) as a fixture: seeded once per test file through the real
 * actions, then copied into a fresh embedded store for every test, so no test sees another's
 * writes and none depends on the order they run in.
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { DoorCodeMaker } from '../../cloudfunctions/common/doorCode';
import type { FunctionName } from '../../cloudfunctions/common/contracts';
import type { Reply } from '../../cloudfunctions/common/errors';
import { towns, users, villages } from '../../cloudfunctions/common/identity';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter, type Env } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { findAll, type Collection, type Doc, type Store } from '../../cloudfunctions/common/store/port';
import { DEMO_REFERENCE_NOW } from '../../cloudfunctions/local/demo-calendar';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { functions } from '../../cloudfunctions/registry';
import { snapshot, testStore, type TestStore } from './builders';

/** The demo's "today": 2026-11-23, 10:00 China time. */
export const DEMO_NOW = DEMO_REFERENCE_NOW;

/** Openids of the demo personas (see `PERSONAS` in the seed). */
export const DEMO = {
  resident: 'dev-resident',
  representative: 'dev-representative',
  party: 'dev-party',
  migrant: 'dev-migrant',
  cadre: 'dev-cadre',
  supervisor: 'dev-supervisor',
  cadreXihe: 'dev-cadre-xihe',
  town: 'dev-town',
  newcomer: 'dev-newcomer',
  /** The town admin of another town (see `addOtherTown`). */
  otherTown: 'other-town-admin',
} as const;

export type DemoPersona = keyof typeof DEMO;

/** 东岭村, the demo personas' village; 西河村, another village of the same town. */
export const DONGLING = 'v-dongling';
export const XIHE = 'v-xihe';

export interface DemoTown {
  store: TestStore;
  env: Env;
  /** The town's clock (China time is UTC+8): set it to act on another day. */
  clock: ReturnType<typeof fixedClock>;
  /** Calls one deployed function through its router as `persona`, as the host does. */
  call(
    fn: FunctionName,
    persona: DemoPersona | undefined,
    action: string,
    input?: unknown,
  ): Promise<Reply<unknown>>;
  /** Like `call`, but the data of a success or a thrown error naming the refusal. */
  data<T = Record<string, unknown>>(
    fn: FunctionName,
    persona: DemoPersona,
    action: string,
    input?: unknown,
  ): Promise<T>;
  /** Every document of one collection, sorted by _id. */
  docs<T extends Doc = Doc & Record<string, unknown>>(collection: string): Promise<T[]>;
  snapshot(): Promise<Record<string, Doc[]>>;
  /** The whole store as one string: cheap to compare before and after on thousands of documents. */
  fingerprint(): Promise<string>;
}

let seeded: Promise<Record<string, Doc[]>> | null = null;

/** The seeded town's documents, per collection (computed once per test file, never mutated). */
function seededDocs(): Promise<Record<string, Doc[]>> {
  seeded ??= (async () => {
    const inner = nedbStore();
    const names = new Set<string>();
    const recording: Store = {
      collection<T extends Doc>(name: string): Collection<T> {
        names.add(name);
        return inner.collection<T>(name);
      },
    };
    await seedDemoTown(recording, DEMO_NOW);
    const out: Record<string, Doc[]> = {};
    for (const name of [...names].sort()) out[name] = await findAll(inner.collection(name), {});
    return out;
  })();
  return seeded;
}

/**
 * A fresh embedded store holding the seeded documents, each collection copied in on its first
 * use (most actions touch a few of forty collections); `touched` names those copied.
 */
function copyOnUse(docs: Record<string, Doc[]>): { store: Store; touched: Set<string> } {
  const inner = nedbStore();
  const touched = new Set<string>();
  const ready = new Map<string, Promise<void>>();
  const load = (name: string): Promise<void> => {
    let p = ready.get(name);
    if (!p) {
      touched.add(name);
      const col = inner.collection(name);
      p = Promise.all((docs[name] ?? []).map((d) => col.insert(d))).then(() => undefined);
      ready.set(name, p);
    }
    return p;
  };
  return {
    touched,
    store: {
      collection<T extends Doc>(name: string): Collection<T> {
        const col = inner.collection<T>(name);
        const lazy = {} as Collection<T>;
        for (const op of Object.keys(col) as (keyof Collection<T>)[]) {
          const fn = col[op] as (...a: unknown[]) => Promise<unknown>;
          (lazy as unknown as Record<string, unknown>)[op] = async (...a: unknown[]) => {
            await load(name);
            return fn(...a);
          };
        }
        return lazy;
      },
    },
  };
}

/** JSON of each seeded collection, for fingerprints of collections a test never touched. */
let seededJson: Map<string, string> | null = null;

/** Another town (乙镇) with one village and its town admin, for "other town" refusals. */
export async function addOtherTown(town: DemoTown): Promise<void> {
  await towns(town.store).insert({ _id: 'town-other', name: '乙镇' });
  await villages(town.store).insert({
    _id: 'v-other',
    name: '丙村',
    townId: 'town-other',
    trackingSince: '2025-11',
  });
  await users(town.store).insert({
    _id: DEMO.otherTown,
    name: '吴建平',
    townId: 'town-other',
    villageId: null,
    roles: ['townAdmin'],
    boundAt: '2025-10-20T02:00:00.000Z',
    via: 'seed',
  });
}

/** Just the store of a fresh copy of the seeded demo town (seeded at DEMO_NOW). */
export async function seededStore(): Promise<TestStore> {
  return (await demoTown()).store;
}

/** The host's door-code maker, as WeChat would answer: a file in cloud storage per village. */
const DOOR_CODES: DoorCodeMaker = {
  source: () => 'wxacode',
  make: async (req) => `cloud://env-demo/door-codes/${req.villageId}.png`,
};

/** A fresh copy of the seeded demo town with its clock at DEMO_NOW and writes counted from zero. */
export async function demoTown(now = DEMO_NOW): Promise<DemoTown> {
  const docs = await seededDocs();
  seededJson ??= new Map(Object.entries(docs).map(([n, list]) => [n, JSON.stringify(list)]));
  const json = seededJson;
  const { store: inner, touched } = copyOnUse(docs);
  const store = testStore(inner, Object.keys(docs));
  const clock = fixedClock(now);
  const env: Env = { store, clock, ids: sequentialIds('x'), services: { doorCodeMaker: DOOR_CODES } };
  const call: DemoTown['call'] = (fn, persona, action, input) =>
    createRouter(functions[fn])(
      input === undefined ? { action } : { action, input },
      persona && DEMO[persona],
      env,
    );
  return {
    store,
    env,
    clock,
    call,
    async data<T>(fn: FunctionName, persona: DemoPersona, action: string, input?: unknown) {
      const r = await call(fn, persona, action, input);
      if (!r.ok) throw new Error(`${fn}.${action} as ${persona}: ${r.code} ${r.message}`);
      return r.data as T;
    },
    docs: <T extends Doc>(collection: string) =>
      findAll(store.inner.collection<T>(collection), {}, { sort: { _id: 1 } }),
    snapshot: () => snapshot(store),
    async fingerprint() {
      const parts: string[] = [];
      for (const name of store.names()) {
        const list =
          touched.has(name) || !json.has(name)
            ? JSON.stringify(await findAll(inner.collection(name), {}, { sort: { _id: 1 } }))
            : json.get(name)!;
        parts.push(`${JSON.stringify(name)}:${list}`);
      }
      return `{${parts.join(',')}}`;
    },
  };
}
