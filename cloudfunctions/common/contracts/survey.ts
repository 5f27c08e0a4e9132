import { z } from 'zod';

/** Input schema of every action of the survey function. */
export const surveyInputs = {
  /** Placeholder until the survey context is built; replace with its real actions. */
  ping: z.object({}),
} as const;

export type SurveyInputs = { [K in keyof typeof surveyInputs]: z.input<(typeof surveyInputs)[K]> };

export interface SurveyOutputs {
  ping: { ok: true };
}
