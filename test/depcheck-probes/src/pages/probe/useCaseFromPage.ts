// Probe: a page importing a context's use case (pages talk to the server through services/api.ts).
import { disclosureActions } from '../../../../../cloudfunctions/disclosure/actions';

export const probe = disclosureActions;
