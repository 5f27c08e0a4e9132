import { wxMain } from '../common/wx-entry';
import { assessmentActions } from './actions';

export const main = wxMain(assessmentActions);
