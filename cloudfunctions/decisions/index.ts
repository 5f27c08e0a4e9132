import type { z } from 'zod';
import { decisionsInputs as I, type DecisionsOutputs } from '../common/contracts/decisions';
import { action, type ActionDef } from '../common/router';
import { wxMain } from '../common/wx-entry';
import * as decisions from './decisions';
import * as meetings from './meetings';
import * as powerList from './powerList';
import { townView } from './townView';

/** Every action of 小微权力清单 and 四议两公开, bound to its contract (inputs and outputs). */
export const decisionsActions = {
  items: action(I.items, powerList.items),
  item: action(I.item, powerList.item),
  createItem: action(I.createItem, powerList.createItem),
  reviseItem: action(I.reviseItem, powerList.reviseItem),
  propose: action(I.propose, decisions.propose),
  recordMeeting: action(I.recordMeeting, decisions.recordMeeting),
  confirmStep: action(I.confirmStep, decisions.confirmStep),
  publishResolution: action(I.publishResolution, decisions.publishResolution),
  publishResult: action(I.publishResult, decisions.publishResult),
  decisions: action(I.decisions, decisions.decisions),
  decision: action(I.decision, decisions.decision),
  recordRegular: action(I.recordRegular, meetings.recordRegular),
  regular: action(I.regular, meetings.regular),
  townView: action(I.townView, townView),
} satisfies {
  [K in keyof typeof I]: ActionDef<(typeof I)[K] & z.ZodType, DecisionsOutputs[K]>;
};

export const main = wxMain(decisionsActions);
