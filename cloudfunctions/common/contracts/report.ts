import { z } from 'zod';

/** Input schema of every action of the report function. */
export const reportInputs = {
  /** Placeholder until the report context is built; replace with its real actions. */
  ping: z.object({}),
} as const;

export type ReportInputs = { [K in keyof typeof reportInputs]: z.input<(typeof reportInputs)[K]> };

export interface ReportOutputs {
  ping: { ok: true };
}
