// Probe: a page reading a context's collections directly.
import { headsOf } from '../../../../../cloudfunctions/disclosure/store';

export const probe = headsOf;
