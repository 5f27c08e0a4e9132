import { accountActions } from './account/actions';
import { disclosureActions } from './disclosure/actions';
import type { ActionMap } from './common/router';

/** Every deployable function (bounded context) by name, for the local runtime and the tests. */
export const functions = {
  account: accountActions,
  disclosure: disclosureActions,
} satisfies Record<string, ActionMap>;

export type DeployedName = keyof typeof functions;
