import { reportInputs as I } from '../common/contracts/report';
import { action } from '../common/router';

export const reportActions = {
  ping: action(I.ping, async () => ({ ok: true as const })),
};
