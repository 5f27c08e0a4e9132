/**
 * Valid examples for the registry-driven test: per context, per action, the persona it is
 * meant for and an input that succeeds for them on a fresh copy of the seeded demo town.
 * An input may be computed from the town (to refer to what the seed made). Adding an action
 * means adding one entry to its context's file; the type and the test both insist.
 */
import type { contracts } from '../../../cloudfunctions/common/contracts';
import type { DemoPersona, DemoTown } from '../demo-town';

export type Input = Record<string, unknown>;

export interface Example {
  persona: DemoPersona;
  input: Input | ((town: DemoTown) => Promise<Input>);
  /**
   * Malformed inputs beyond those generated from the schema (rules of the contract a generic
   * probe does not reach: a heading of the other direction, a photo from outside), made from the
   * valid input. Each must be refused with BAD_INPUT and write nothing.
   */
  malformed?: (valid: Input) => [label: string, input: unknown][];
}

export type Examples<F extends keyof typeof contracts> = { [A in keyof (typeof contracts)[F]]: Example };

/** The first document of a collection that matches, or a test failure naming what was sought. */
export async function seeded<T extends Record<string, unknown>>(
  town: DemoTown,
  collection: string,
  match: (doc: T) => boolean,
): Promise<T & { _id: string }> {
  const found = (await town.docs<T & { _id: string }>(collection)).find(match);
  if (!found) throw new Error(`the demo town has no matching document in ${collection}`);
  return found;
}

export const PHOTO = [{ fileId: '/static/demo/receipt.svg', name: '会议记录', kind: 'image' }];
