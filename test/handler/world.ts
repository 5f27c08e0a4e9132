/**
 * The seeded-store set-up handler tests share. Call `twoTownsEach` once at the top of a test file:
 * before each test it builds a fresh embedded store with the two towns of `seedTwoTowns` (and any
 * extra people), a fixed clock and the environment the routers get, then counts writes from zero.
 * Every test gets a world of its own: nothing a test writes is seen by the next.
 */
import type { Role } from '../../cloudfunctions/common/contracts/shared';
import type { ActionMap, Env } from '../../cloudfunctions/common/router';
import { countingStore } from '../../cloudfunctions/common/store/port';
import { must } from '../must';
import { standIn } from '../stand-in';
import {
  CJK,
  TOWN,
  addUser,
  callerFor,
  okData,
  seedTwoTowns,
  snapshot,
  testEnv,
  type Caller,
  type TestStore,
} from './builders';

type TestClock = ReturnType<typeof testEnv>['clock'];

/** One person beyond the two towns' own: openid, village (null for the town), roles, name. */
export type ExtraPerson = [openid: string, villageId: string | null, roles: Role[], name: string];

export interface WorldOptions {
  /** The clock's start (UTC ISO); China date 2026-03-15 10:00 unless said. */
  now?: string;
  people?: ExtraPerson[];
  /** Collections a snapshot must see even before the first write to them. */
  collections?: string[];
  /** Services of the environment (a subscription sender, say), built on the test's clock. */
  services?: (clock: TestClock) => Env['services'];
}

/** The current test's store, clock and environment. */
export interface World {
  readonly store: TestStore;
  readonly clock: TestClock;
  readonly env: Env;
  /** Calls one context through its router, always on the current test's world. */
  caller(actions: ActionMap): Caller;
}

export function twoTownsEach(options: WorldOptions = {}): World {
  let current: { store: TestStore; clock: TestClock; env: Env } | undefined;

  beforeEach(async () => {
    const t = testEnv(options.now ?? '2026-03-15T02:00:00.000Z');
    const services = options.services?.(t.clock);
    const env: Env = services ? { ...t.env, services } : t.env;
    await seedTwoTowns(t.store);
    for (const [openid, villageId, roles, name] of options.people ?? [])
      await addUser(t.store, openid, villageId, roles, TOWN, name);
    for (const name of options.collections ?? []) t.store.collection(name);
    t.store.resetWrites();
    current = { store: t.store, clock: t.clock, env };
  });

  const now = () => must(current, 'the world of this test (built before each test)');
  return standIn(now, {
    caller(actions: ActionMap): Caller {
      return (openid, action, input) => callerFor(actions, now().env)(openid, action, input);
    },
  });
}

/** The data of a successful call; a test failure naming the code otherwise. */
export function okOf<D = Record<string, unknown>>(call: Caller) {
  return async <T = D>(who: string, action: string, input?: unknown): Promise<T> =>
    okData<T>(await call(who, action, input));
}

/**
 * A refusal as every context must give it: the named code, a Chinese message, and nothing
 * written (no write counted, every collection as it was). Resolves to the message.
 */
export function refusedOf(world: World, call: Caller) {
  return async (who: string, action: string, input: unknown, code: string): Promise<string> => {
    const before = await snapshot(world.store);
    world.store.resetWrites();
    const r = await call(who, action, input);
    expect(r).toMatchObject({ ok: false, code });
    expect(world.store.writes()).toBe(0);
    expect(await snapshot(world.store)).toEqual(before);
    if (r.ok) throw new Error(`expected the refusal ${code}, the call succeeded`);
    expect(r.message).toMatch(CJK);
    return r.message;
  };
}

/**
 * The two towns (China date 2026-03-15) on a store that counts its operations, with one caller per
 * context given, all counted: for tests that bound what one call costs (`counting.ops()`).
 */
export async function countedTwoTowns<K extends string>(contexts: Record<K, ActionMap>) {
  const { store, env, clock } = testEnv();
  await seedTwoTowns(store);
  const counting = countingStore(store);
  const counted: Env = { ...env, store: counting };
  const callers = Object.fromEntries(
    Object.entries<ActionMap>(contexts).map(([name, actions]) => [name, callerFor(actions, counted)]),
  ) as Record<K, Caller>;
  return { store, clock, counting, ...callers };
}
