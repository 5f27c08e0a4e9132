import { z } from 'zod';

/** Input schema of every action of the assessment function. */
export const assessmentInputs = {
  /** Placeholder until the assessment context is built; replace with its real actions. */
  ping: z.object({}),
} as const;

export type AssessmentInputs = { [K in keyof typeof assessmentInputs]: z.input<(typeof assessmentInputs)[K]> };

export interface AssessmentOutputs {
  ping: { ok: true };
}
