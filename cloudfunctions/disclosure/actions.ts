import * as publishing from './publishing';
import * as reading from './reading';

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
  townStatus: reading.townStatus,
};
