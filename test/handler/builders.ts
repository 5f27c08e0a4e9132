/**
 * Builders for handler tests: an embedded store that remembers which collections exist and
 * counts writes, a fixed clock, minimal towns/villages/people, and a caller that goes through
 * the real router exactly as the cloud entry and the local runtime do.
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { Role } from '../../cloudfunctions/common/contracts/shared';
import type { Reply } from '../../cloudfunctions/common/errors';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { towns, users, villages, type UserDoc } from '../../cloudfunctions/common/identity';
import { createRouter, type ActionMap, type Env } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { findAll, type Collection, type Doc, type Store } from '../../cloudfunctions/common/store/port';

const WRITES = new Set(['insert', 'update', 'updateWhere', 'remove']);

/** Every collection the contexts under test use, so a snapshot sees them even before first use. */
export const KNOWN_COLLECTIONS = [
  'towns',
  'villages',
  'users',
  'invitations',
  'roster',
  'claims',
  'claimMisses',
  'disclosures',
  'disclosureVersions',
  'disclosureCoverage',
  'villageHomes',
];

export interface TestStore extends Store {
  inner: Store;
  /** Write operations (insert, update, updateWhere, remove) since creation or resetWrites. */
  writes(): number;
  resetWrites(): void;
  names(): string[];
}

export function testStore(inner: Store = nedbStore(), known: string[] = KNOWN_COLLECTIONS): TestStore {
  const names = new Set(known);
  let writes = 0;
  return {
    inner,
    collection<T extends Doc>(name: string): Collection<T> {
      names.add(name);
      const col = inner.collection<T>(name);
      return new Proxy(col, {
        get(target, prop, recv) {
          const v = Reflect.get(target, prop, recv);
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            if (WRITES.has(String(prop))) writes++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    writes: () => writes,
    resetWrites: () => {
      writes = 0;
    },
    names: () => [...names].sort(),
  };
}

/** Every document of every collection, in a stable order: compare before and after. */
export async function snapshot(store: TestStore): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const name of store.names())
    out[name] = await findAll(store.inner.collection(name), {}, { sort: { _id: 1 } });
  return out;
}

export function testEnv(now = '2026-03-15T02:00:00.000Z') {
  const store = testStore();
  const clock = fixedClock(now);
  const env: Env = { store, clock, ids: sequentialIds('t') };
  return { store, clock, env };
}

export type Caller = (openid: string | undefined, action: string, input?: unknown) => Promise<Reply<unknown>>;

/** Calls one bounded context through its router, as the host does. */
export function callerFor(actions: ActionMap, env: Env): Caller {
  const handle = createRouter(actions);
  return (openid, action, input) => handle(input === undefined ? { action } : { action, input }, openid, env);
}

/** The data of a successful reply, or a test failure naming the code. */
export function okData<T = Record<string, unknown>>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`expected success, got ${reply.code}: ${reply.message}`);
  return reply.data as T;
}

export const CJK = /[\u4e00-\u9fff]/;

// --- minimal towns, villages and people ---------------------------------------------------

export const TOWN = 'town-a';
export const OTHER_TOWN = 'town-b';
export const VILLAGE_A = 'v-a';
export const VILLAGE_B = 'v-b';
export const VILLAGE_C = 'v-c';

export const P = {
  residentA: 'resident-a',
  residentB: 'resident-b',
  cadreA: 'cadre-a',
  cadreB: 'cadre-b',
  supervisorA: 'supervisor-a',
  townAdmin: 'town-admin',
  otherTownAdmin: 'other-town-admin',
  newcomer: 'newcomer',
} as const;

export async function addUser(
  store: Store,
  openid: string,
  villageId: string | null,
  roles: Role[],
  townId = TOWN,
  name = '测试用户',
): Promise<UserDoc> {
  const u: UserDoc = {
    _id: openid,
    name,
    townId,
    villageId,
    roles,
    boundAt: '2026-01-01T00:00:00.000Z',
    via: 'seed',
  };
  await users(store).insert(u);
  return u;
}

/** Two towns: town A with villages A and B (tracked from 2026-01), town B with village C. */
export async function seedTwoTowns(store: Store, trackingSince = '2026-01'): Promise<void> {
  await towns(store).insert({ _id: TOWN, name: '甲镇' });
  await towns(store).insert({ _id: OTHER_TOWN, name: '乙镇' });
  await villages(store).insert({ _id: VILLAGE_A, name: '甲村', townId: TOWN, trackingSince });
  await villages(store).insert({ _id: VILLAGE_B, name: '乙村', townId: TOWN, trackingSince });
  await villages(store).insert({ _id: VILLAGE_C, name: '丙村', townId: OTHER_TOWN, trackingSince });
  await addUser(store, P.residentA, VILLAGE_A, ['resident'], TOWN, '张桂兰');
  await addUser(store, P.residentB, VILLAGE_B, ['resident'], TOWN, '王秀英');
  await addUser(store, P.cadreA, VILLAGE_A, ['cadre'], TOWN, '李明华');
  await addUser(store, P.cadreB, VILLAGE_B, ['cadre'], TOWN, '孙志强');
  await addUser(store, P.supervisorA, VILLAGE_A, ['resident', 'supervisor'], TOWN, '陈立新');
  await addUser(store, P.townAdmin, null, ['townAdmin'], TOWN, '周海燕');
  await addUser(store, P.otherTownAdmin, null, ['townAdmin'], OTHER_TOWN, '吴建平');
}

/** The store with one operation of one collection failing once (a database blip), then healthy. */
export function failingOnce(
  store: Store,
  collection: string,
  op: 'insert' | 'update' | 'updateWhere' | 'get' | 'find',
): Store {
  let armed = true;
  return {
    collection<T extends Doc>(name: string): Collection<T> {
      const col = store.collection<T>(name);
      if (name !== collection) return col;
      const real = col[op].bind(col) as (...a: unknown[]) => Promise<unknown>;
      return {
        ...col,
        [op]: (...a: unknown[]) => {
          if (armed) {
            armed = false;
            return Promise.reject(new Error(`simulated ${collection}.${op} failure`));
          }
          return real(...a);
        },
      } as Collection<T>;
    },
  };
}
