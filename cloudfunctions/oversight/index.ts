import { oversightInputs as I, type OversightOutputs } from '../common/contracts/oversight';
import { action, type ActionDef } from '../common/router';
import * as commands from './commands';
import * as items from './items';
import * as log from './log';
import { wxHost, wxMain } from '../common/wx-entry';
import { isTimerEvent } from '../common/timerEvent';
import { sweep } from './townView';
import * as town from './townView';

/** The oversight context's action map: every action of its contract, inputs and outputs bound. */
export const oversightActions = {
  raise: action(I.raise, items.raise),
  mine: action(I.mine, items.mine),
  get: action(I.get, items.get),
  inbox: action(I.inbox, items.inbox),
  accept: action(I.accept, commands.accept),
  refer: action(I.refer, commands.refer),
  answer: action(I.answer, commands.answer),
  verify: action(I.verify, commands.verify),
  rate: action(I.rate, commands.rate),
  object: action(I.object, commands.object),
  instruct: action(I.instruct, commands.instruct),
  takeOver: action(I.takeOver, commands.takeOver),
  close: action(I.close, commands.close),
  aboutDisclosure: action(I.aboutDisclosure, items.aboutDisclosure),
  townView: action(I.townView, town.townView),
  deadlines: action(I.deadlines, town.deadlines),
  setDeadlines: action(I.setDeadlines, town.setDeadlines),
  logMonth: action(I.logMonth, log.logMonth),
  logAdd: action(I.logAdd, log.logAdd),
  fixUpdate: action(I.fixUpdate, log.fixUpdate),
  logExport: action(I.logExport, log.logExport),
} satisfies { [K in keyof typeof I]: ActionDef<(typeof I)[K], OversightOutputs[K]> };
const routed = wxMain(oversightActions);

/**
 * The oversight function's entry: routed calls from the mini-program, and the timer that
 * stores escalations and closes the clock has made due. WeChat's timer trigger calls it with
 * { Type: 'timer', TriggerName, ... } and no OPENID; a call from the mini-program always
 * carries an OPENID, so a client cannot pose as the timer.
 */
export async function main(event: unknown) {
  if (isTimerEvent(event)) {
    const { openid, env } = wxHost();
    if (!openid) return sweep(env);
  }
  return routed(event);
}
