// Probe: report reading disclosure's collections instead of asking disclosure/public.ts.
import { versionsOf } from '../../../../cloudfunctions/disclosure/store';

export const probe = versionsOf;
