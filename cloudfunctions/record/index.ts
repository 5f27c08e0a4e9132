import { wxMain } from '../common/wx-entry';
import { recordActions } from './actions';

export const main = wxMain(recordActions);
