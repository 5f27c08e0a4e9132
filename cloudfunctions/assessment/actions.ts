import { assessmentInputs as I } from '../common/contracts/assessment';
import { action } from '../common/router';

export const assessmentActions = {
  ping: action(I.ping, async () => ({ ok: true as const })),
};
