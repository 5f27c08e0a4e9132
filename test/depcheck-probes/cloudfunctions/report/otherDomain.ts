// Probe: report borrowing survey's domain module instead of what survey/public.ts offers.
import { FIVE_GOOD_INDICATORS } from '../../../../cloudfunctions/survey/domain/indicators';

export const probe = FIVE_GOOD_INDICATORS;
