import { payoutInputs as I } from '../common/contracts/payouts';
import { action } from '../common/router';
import { payoutCorrect, payoutPreview, payoutPublish } from './payouts';
import { payoutFlags, payoutList, payoutLists, payoutMine, payoutTown } from './payoutReads';

/** The payout list actions of the disclosure function (spread into its action map). */
export const payoutActions = {
  payoutPreview: action(I.payoutPreview, payoutPreview),
  payoutPublish: action(I.payoutPublish, payoutPublish),
  payoutCorrect: action(I.payoutCorrect, payoutCorrect),
  payoutLists: action(I.payoutLists, payoutLists),
  payoutList: action(I.payoutList, payoutList),
  payoutMine: action(I.payoutMine, payoutMine),
  payoutFlags: action(I.payoutFlags, payoutFlags),
  payoutTown: action(I.payoutTown, payoutTown),
};
