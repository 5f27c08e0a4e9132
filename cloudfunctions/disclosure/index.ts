import { wxMain } from '../common/wx-entry';
import { disclosureActions } from './actions';

export const main = wxMain(disclosureActions);
