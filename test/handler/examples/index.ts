import type { FunctionName } from '../../../cloudfunctions/common/contracts';
import { accountExamples } from './account';
import { assessmentExamples } from './assessment';
import { assetsExamples } from './assets';
import { decisionsExamples } from './decisions';
import { disclosureExamples } from './disclosure';
import { oversightExamples } from './oversight';
import { recordExamples } from './record';
import { reportExamples } from './report';
import { surveyExamples } from './survey';
import type { Example, Examples } from './types';

/** Every context's valid examples, keyed like the registry. */
export const examples: { [F in FunctionName]: Examples<F> } = {
  account: accountExamples,
  disclosure: disclosureExamples,
  survey: surveyExamples,
  report: reportExamples,
  assessment: assessmentExamples,
  oversight: oversightExamples,
  decisions: decisionsExamples,
  assets: assetsExamples,
  record: recordExamples,
};

/** The example of one action, if its context's file has one. */
export function exampleOf(fn: string, action: string): Example | undefined {
  const perContext = (examples as Record<string, Record<string, Example> | undefined>)[fn];
  return perContext && Object.prototype.hasOwnProperty.call(perContext, action)
    ? perContext[action]
    : undefined;
}
