import { accountActions } from './account/actions';
import { disclosureActions } from './disclosure/actions';
import { surveyActions } from './survey/actions';
import { reportActions } from './report/actions';
import { assessmentActions } from './assessment/actions';
import { oversightActions } from './oversight';
import { decisionsActions } from './decisions';
import { assetsActions } from './assets';
import { recordActions } from './record/actions';
import type { ActionMap } from './common/router';

/** Every deployable function (bounded context) by name, for the local runtime and the tests. */
export const functions = {
  account: accountActions,
  disclosure: disclosureActions,
  survey: surveyActions,
  report: reportActions,
  assessment: assessmentActions,
  oversight: oversightActions,
  decisions: decisionsActions,
  assets: assetsActions,
  record: recordActions,
} satisfies Record<string, ActionMap>;

export type DeployedName = keyof typeof functions;
