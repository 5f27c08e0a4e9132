import { wxMain } from '../common/wx-entry';
import { accountActions } from './actions';

export const main = wxMain(accountActions);
