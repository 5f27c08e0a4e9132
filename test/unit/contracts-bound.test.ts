/**
 * Contracts bind both sides: every deployed action map has exactly its contract's action names,
 * parses with the contract's schema and resolves to the contract's declared output. The
 * type-level half is checked by the compiler (this file is part of the type check); the
 * run-time half proves the names, which a structural type cannot.
 */
import { z } from 'zod';
import { contracts, type Outputs } from '../../cloudfunctions/common/contracts';
import type { BoundTo } from '../../cloudfunctions/common/contracts/bound';
import { action } from '../../cloudfunctions/common/router';
import { functions } from '../../cloudfunctions/registry';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every deployed function bound to its contract, inputs and outputs. */
export const bound = functions satisfies {
  [F in keyof typeof contracts]: BoundTo<(typeof contracts)[F], Outputs[F]>;
};

/** The same function names on both sides, and per function the same action names. */
export const sameNames: {
  functions: Same<keyof typeof functions, keyof typeof contracts>;
  actions: { [F in keyof typeof contracts]: Same<keyof (typeof functions)[F], keyof (typeof contracts)[F]> };
} = {
  functions: true,
  actions: {
    account: true,
    disclosure: true,
    survey: true,
    report: true,
    assessment: true,
    oversight: true,
    decisions: true,
    assets: true,
    record: true,
  },
};

// --- what the binding refuses (each line below must fail to type-check) -----------------------

const probeInputs = { villageCount: z.object({ townId: z.string() }) };
interface ProbeOutputs {
  villageCount: { villageCount: number };
}

/** An action returning a string where its contract declares a number. */
const returnsString = {
  villageCount: action(probeInputs.villageCount, async () => ({ villageCount: '6' })),
};
// @ts-expect-error the declared output is a number, the action returns a string
export const refusedOutput = returnsString satisfies BoundTo<typeof probeInputs, ProbeOutputs>;

/** An action parsing another schema than its contract's. */
const otherSchema = {
  villageCount: action(z.object({ townId: z.number() }), async () => ({ villageCount: 6 })),
};
// @ts-expect-error the action parses a number where the contract's schema has a string
export const refusedInput = otherSchema satisfies BoundTo<typeof probeInputs, ProbeOutputs>;

/** A map missing one of its contract's actions. */
// @ts-expect-error the contract's action is missing from the map
export const refusedMissing = {} satisfies BoundTo<typeof probeInputs, ProbeOutputs>;

/** The registry's binding is not vacuous: one real action answering a number instead fails. */
const tampered = {
  ...functions,
  record: { ...functions.record, head: action(contracts.record.head, async () => 5) },
};
// @ts-expect-error record.head declares an object, the tampered action answers a number
export const refusedRegistry = tampered satisfies {
  [F in keyof typeof contracts]: BoundTo<(typeof contracts)[F], Outputs[F]>;
};

/** The right shape passes (so the lines above fail for their reason, not any other). */
export const accepted = {
  villageCount: action(probeInputs.villageCount, async () => ({ villageCount: 6 })),
} satisfies BoundTo<typeof probeInputs, ProbeOutputs>;

describe('contracts bind both sides', () => {
  test('the deployed functions are the contracts’ functions', () => {
    expect(Object.keys(functions).sort()).toEqual(Object.keys(contracts).sort());
  });

  test.each(Object.keys(contracts))('%s: the contract’s action names equal its map’s', (name) => {
    const fn = name as keyof typeof contracts;
    expect(Object.keys(functions[fn]).sort()).toEqual(Object.keys(contracts[fn]).sort());
  });

  test.each(Object.keys(contracts))('%s: each action parses with its contract’s schema', (name) => {
    const fn = name as keyof typeof contracts;
    const schemas = contracts[fn] as Record<string, z.ZodType>;
    for (const [act, def] of Object.entries(functions[fn] as Record<string, { input: z.ZodType }>))
      expect([act, def.input === schemas[act]]).toEqual([act, true]);
  });

  test('the type probes are real: the accepted shape runs and answers its number', async () => {
    expect(sameNames.functions).toBe(true);
    const out = await accepted.villageCount.run({ townId: 't' }, {} as never);
    expect(out).toEqual({ villageCount: 6 });
    expect(await refusedOutput.villageCount.run({ townId: 't' }, {} as never)).toEqual({ villageCount: '6' });
    expect(bound.account).toBe(functions.account);
  });
});
