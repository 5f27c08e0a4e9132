import { surveyInputs as I } from '../common/contracts/survey';
import { action } from '../common/router';

export const surveyActions = {
  ping: action(I.ping, async () => ({ ok: true as const })),
};
