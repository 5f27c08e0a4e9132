/**
 * 惠民资金发放名单 as an attacker (or a careless cadre) tries it: an ID-card or mobile number
 * slipped into a note with dots, slashes or middle dots between its groups, where every villager
 * would read it.
 */
import { rosterOf } from '../../cloudfunctions/account/store';
import { holdsPersonalNumber, PERSONAL_NUMBER_MESSAGE } from '../../cloudfunctions/common/contracts/payouts';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { P, VILLAGE_A } from './builders';
import { refusedOf, twoTownsEach } from './world';

const w = twoTownsEach({ collections: ['payoutVersions', 'payoutLists', 'payoutHouseholds', 'payoutFlags'] });
const call = w.caller(disclosureActions);
const refused = refusedOf(w, call);

beforeEach(async () => {
  await rosterOf(w.store).insert({
    _id: 'r-zhang',
    name: '张桂兰',
    villageId: VILLAGE_A,
    phoneLast4: '1234',
    roles: ['resident'],
    claimedBy: null,
    importedAt: '',
  });
  w.store.resetWrites();
});

const HIDDEN = [
  '身份证 110105.19491231.002X',
  '身份证110105/19491231/0021',
  '证号 110105·19491231·002x',
  '电话 138.0013.8000',
  '联系电话138/0013/8000',
  '手机 138_0013_8000',
];

test.each(HIDDEN)('a note holding %s is refused by name, nothing written', async (note) => {
  expect(holdsPersonalNumber(note)).toBe(true);
  const message = await refused(
    P.cadreA,
    'payoutPublish',
    {
      requestId: 'req-pay-atk-0001',
      villageId: VILLAGE_A,
      category: 'subsistence',
      periodKey: '2026-02',
      basis: '镇民政办 2026 年第 1 批低保审批表',
      rows: [{ recipient: '张桂兰', householdId: 'r-zhang', amountFen: 65_000, note }],
    },
    'BAD_INPUT',
  );
  expect(message).toContain(PERSONAL_NUMBER_MESSAGE);
});

test('amounts, dates and ordinary notes are not taken for personal numbers', () => {
  for (const note of [
    '2026.03.15 发放',
    '标准 1,200.50 元',
    '2026年1-12月补发',
    '第 3/12 期',
    '残疾加发 300.00 元',
  ])
    expect([note, holdsPersonalNumber(note)]).toEqual([note, false]);
});
