import * as publishing from './publishing';
import * as reading from './reading';
import { payoutActions } from './payoutActions';
import { townStatus } from './townStatus';
import { recountHomes } from './recountHomes';
import { disclosureInputs as I } from '../common/contracts/disclosure';
import { action } from '../common/router';

export { villageHome } from './home';
export { recountCoverage } from './heads';

/** The disclosure context's action map. */
export const disclosureActions = {
  publish: publishing.publish,
  correct: publishing.correct,
  list: reading.list,
  get: reading.get,
  home: reading.home,
  status: reading.status,
  townStatus: action(I.townStatus, (input, ctx) => townStatus(input, ctx)),
  recountHomes: action(I.recountHomes, (input, ctx) => recountHomes(input, ctx)),
  ...payoutActions,
};
