import type { z } from 'zod';
import { assetsInputs as I, type AssetsOutputs } from '../common/contracts/assets';
import { action, type ActionDef } from '../common/router';
import { wxHost, wxMain } from '../common/wx-entry';
import * as contracts from './contracts';
import { refreshStaleSummaries } from './daily';
import { exportRegister } from './export';
import * as funds from './funds';
import * as register from './register';
import { isTimerEvent } from '../common/timerEvent';
import { runReminders, subscribeReminders } from './reminders';
import * as stocktakes from './stocktakes';
import * as townView from './townView';

/** Every action of 三资, bound to its contract (inputs and outputs). */
export const assetsActions = {
  register: action(I.register, register.register),
  exportRegister: action(I.exportRegister, exportRegister),
  item: action(I.item, register.item),
  registerItem: action(I.registerItem, register.registerItem),
  importItems: action(I.importItems, register.importItems),
  recordChange: action(I.recordChange, register.recordChange),
  contracts: action(I.contracts, contracts.contracts),
  createContract: action(I.createContract, contracts.createContract),
  recordVacated: action(I.recordVacated, contracts.recordVacated),
  recordPayment: action(I.recordPayment, contracts.recordPayment),
  waive: action(I.waive, contracts.waive),
  recordStocktake: action(I.recordStocktake, stocktakes.recordStocktake),
  stocktakes: action(I.stocktakes, stocktakes.stocktakes),
  subscribeReminders: action(I.subscribeReminders, subscribeReminders),
  setThreshold: action(I.setThreshold, townView.setThreshold),
  recordBalance: action(I.recordBalance, funds.recordBalance),
  reconciliation: action(I.reconciliation, funds.reconciliation),
  townView: action(I.townView, townView.townView),
} satisfies {
  [K in keyof typeof I]: ActionDef<(typeof I)[K] & z.ZodType, AssetsOutputs[K]>;
};

const routed = wxMain(assetsActions);

/**
 * The function's entry. WeChat's daily timer calls it with { Type: 'timer', ... } and no OPENID:
 * that sends the reminders and brings the stalest village summaries up to date. A call from the mini-program always carries an OPENID.
 */
export async function main(event: unknown) {
  if (isTimerEvent(event)) {
    const { openid, env } = wxHost();
    if (!openid) {
      const reminders = await runReminders(env);
      return { ...reminders, ...(await refreshStaleSummaries(env)) };
    }
  }
  return routed(event);
}
