/**
 * A valid input of every payout and 近亲属 action, with every optional field present, for the
 * per-context malformed-input tests (disclosure and account) and the payout tests.
 */
export const PAYOUT_EXAMPLES = {
  payoutPreview: { villageId: 'v-a', text: '张桂兰\t张桂兰\t650\t' },
  payoutPublish: {
    requestId: 'req-payout-1',
    villageId: 'v-a',
    category: 'subsistence',
    periodKey: '2026-02',
    basis: '镇民政办低保审批表',
    rows: [{ recipient: '张桂兰', householdId: 'r-zhang', amountFen: 65_000, note: '' }],
  },
  payoutCorrect: {
    requestId: 'req-payout-2',
    seriesId: 'pay.v-a.subsistence.2026-02',
    baseVersion: 1,
    reason: '金额有误',
    basis: '镇民政办低保审批表',
    rows: [{ recipient: '张桂兰', householdId: 'r-zhang', amountFen: 60_000, note: '更正' }],
  },
  payoutLists: { villageId: 'v-a', category: 'subsistence', year: 2026 },
  payoutList: { seriesId: 'pay.v-a.subsistence.2026-02', version: 1 },
  payoutMine: {},
  payoutFlags: { villageId: 'v-a' },
  payoutTown: { cursor: 'v-a', limit: 10 },
};

export const RELATIVES_EXAMPLES = {
  myRelatives: {},
  declareRelatives: {
    requestId: 'req-relatives-1',
    relatives: [{ name: '李建国', rosterId: 'r-li', relation: 'sibling' }],
  },
};
