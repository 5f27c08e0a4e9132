import { wxMain } from '../common/wx-entry';
import { reportActions } from './actions';

export const main = wxMain(reportActions);
