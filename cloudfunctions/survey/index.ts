import { wxMain } from '../common/wx-entry';
import { surveyActions } from './actions';

export const main = wxMain(surveyActions);
