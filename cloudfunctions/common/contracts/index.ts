import type { z } from 'zod';
import { accountInputs, type AccountOutputs } from './account';
import { disclosureInputs, type DisclosureOutputs } from './disclosure';
import { surveyInputs, type SurveyOutputs } from './survey';
import { reportInputs, type ReportOutputs } from './report';
import { assessmentInputs, type AssessmentOutputs } from './assessment';
import { oversightInputs, type OversightOutputs } from './oversight';
import { decisionsInputs, type DecisionsOutputs } from './decisions';
import { assetsInputs, type AssetsOutputs } from './assets';
import { recordInputs, type RecordOutputs } from './record';

export * from './shared';
export * from './account';
export * from './disclosure';
export * from './survey';
export * from './report';
export * from './assessment';
// The newer contexts name their own types (ItemDetail, StepView, …): import them from their file.

/** Every cloud function (bounded context) with the input schema of each of its actions. */
export const contracts = {
  account: accountInputs,
  disclosure: disclosureInputs,
  survey: surveyInputs,
  report: reportInputs,
  assessment: assessmentInputs,
  oversight: oversightInputs,
  decisions: decisionsInputs,
  assets: assetsInputs,
  record: recordInputs,
} as const;

/** Output type of each action, keyed like `contracts`. */
export interface Outputs {
  account: AccountOutputs;
  disclosure: DisclosureOutputs;
  survey: SurveyOutputs;
  report: ReportOutputs;
  assessment: AssessmentOutputs;
  oversight: OversightOutputs;
  decisions: DecisionsOutputs;
  assets: AssetsOutputs;
  record: RecordOutputs;
}

export type FunctionName = keyof typeof contracts;
export type ActionName<F extends FunctionName> = keyof (typeof contracts)[F] & keyof Outputs[F] & string;
export type InputOf<F extends FunctionName, A extends ActionName<F>> = z.input<
  (typeof contracts)[F][A] & z.ZodType
>;
export type ParsedInputOf<F extends FunctionName, A extends ActionName<F>> = z.output<
  (typeof contracts)[F][A] & z.ZodType
>;
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = Outputs[F][A];
