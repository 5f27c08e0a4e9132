import type { z } from 'zod';
import type { ActionDef } from '../router';

/**
 * An action map bound to its contract on both sides: exactly the contract's action names, each
 * action parsing with the contract's schema and resolving to the contract's declared output.
 * Use as `export const xActions = { … } satisfies BoundTo<typeof xInputs, XOutputs>;`.
 */
export type BoundTo<I extends Record<string, z.ZodType>, O> = {
  [K in keyof I]: ActionDef<I[K], K extends keyof O ? O[K] : never>;
};
