/**
 * One test for every action of every deployed function (`cloudfunctions/registry.ts`), on a
 * fresh copy of the seeded demo town each:
 *   - its valid example (test/handler/examples/<context>.ts) succeeds for its persona;
 *   - every malformed input generated from its schema (test/handler/malformed.ts) is refused
 *     with BAD_INPUT, a Chinese message and field issues, and writes nothing (the whole store
 *     compared before and after);
 *   - without a signed-in caller the example is refused with NOT_SIGNED_IN;
 *   - an event naming no action of the function is refused with UNKNOWN_ACTION.
 * An action without an example fails here: add one to its context's examples file.
 */
import type { z } from 'zod';
import type { FunctionName } from '../../cloudfunctions/common/contracts';
import { createRouter } from '../../cloudfunctions/common/router';
import { functions } from '../../cloudfunctions/registry';
import { CJK } from './builders';
import { DEMO, demoTown } from './demo-town';
import { exampleOf } from './examples';
import { malformedFrom, NOT_OBJECTS } from './malformed';

// A fresh copy of the demo town per action: seconds per test on a busy 2-core machine.
jest.setTimeout(60_000);

const ACTIONS: [FunctionName, string][] = (Object.keys(functions) as FunctionName[]).flatMap((fn) =>
  Object.keys(functions[fn]).map((action): [FunctionName, string] => [fn, action]),
);

const schemaOf = (fn: FunctionName, action: string): z.ZodType =>
  (functions[fn] as Record<string, { input: z.ZodType }>)[action]!.input;

test('every action of every deployed function has a valid example (100% of the registry)', () => {
  const missing = ACTIONS.filter(([fn, action]) => !exampleOf(fn, action)).map(([fn, a]) => `${fn}.${a}`);
  expect(missing).toEqual([]);
  expect(ACTIONS.length).toBeGreaterThan(100);
});

test('the examples name no action the registry does not deploy', async () => {
  const { examples } = await import('./examples');
  const named = Object.entries(examples).flatMap(([fn, perAction]) =>
    Object.keys(perAction).map((a) => `${fn}.${a}`),
  );
  expect(named.sort()).toEqual(ACTIONS.map(([fn, a]) => `${fn}.${a}`).sort());
});

test.each(ACTIONS)(
  '%s.%s: malformed input is refused by name and writes nothing; the example succeeds for its persona',
  async (fn, action) => {
    const example = exampleOf(fn, action);
    if (!example) throw new Error(`${fn}.${action} has no example in test/handler/examples/${fn}.ts`);
    const town = await demoTown();
    const input = typeof example.input === 'function' ? await example.input(town) : example.input;
    const schema = schemaOf(fn, action);
    const parsed = schema.safeParse(input);
    expect(parsed.success ? 'valid' : parsed.error.issues).toBe('valid');

    const generated = malformedFrom(schema, input);
    expect(generated.length).toBeGreaterThanOrEqual(NOT_OBJECTS.length);
    const malformed = [...generated, ...(example.malformed?.(input) ?? [])];
    const before = await town.fingerprint();
    town.store.resetWrites();
    for (const [label, bad] of malformed) {
      const r = await town.call(fn, example.persona, action, bad);
      expect([label, r.ok ? 'accepted' : r.code]).toEqual([label, 'BAD_INPUT']);
      if (r.ok) continue;
      expect([label, r.message]).toEqual([label, expect.stringMatching(CJK)]);
      expect([label, r.issues?.[0]?.message]).toEqual([label, expect.stringMatching(CJK)]);
    }
    const signedOut = await town.call(fn, undefined, action, input);
    expect(signedOut).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(town.store.writes()).toBe(0);
    // Compared as one string (thousands of documents); a difference is then shown per collection.
    const after = await town.fingerprint();
    if (after !== before) expect(JSON.parse(after)).toEqual(JSON.parse(before));

    const reply = await town.call(fn, example.persona, action, input);
    expect(reply.ok ? 'ok' : `${reply.code}: ${reply.message}`).toBe('ok');
  },
);

/** Events that name no action of the function (including names every object inherits). */
const NO_ACTION: unknown[] = [
  null,
  [],
  'publish',
  {},
  { action: 7 },
  { action: '' },
  { action: 'drop' },
  { action: 'constructor' },
  { action: '__proto__' },
  { action: 'toString' },
  { action: 'hasOwnProperty' },
];

test.each(Object.keys(functions) as FunctionName[])(
  '%s: an event naming no action of the function is UNKNOWN_ACTION in Chinese, and writes nothing',
  async (fn) => {
    const town = await demoTown();
    const handle = createRouter(functions[fn]);
    const before = await town.fingerprint();
    for (const event of NO_ACTION) {
      const r = await handle(event, DEMO.cadre, town.env);
      expect([event, r.ok ? 'accepted' : r.code]).toEqual([event, 'UNKNOWN_ACTION']);
      expect(r.ok || r.message).toMatch(CJK);
    }
    expect(town.store.writes()).toBe(0);
    expect(await town.fingerprint()).toBe(before);
  },
);
