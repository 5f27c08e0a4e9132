import type { PayoutOutputs } from '../../cloudfunctions/common/contracts/payouts';
import { formatYuan } from '../../cloudfunctions/common/money';
import { weappSession } from './session';

/**
 * 我家领了什么 in the compiled mini-program: the resident 张桂兰 of 东岭村 (linked to her roster
 * household in the demo) sees every payout to her household in full, with the total the server
 * computes, and a tap opens that list.
 */
const h = weappSession('dev-resident');

test('the household’s payouts in full, with the total, each opening its list', async () => {
  const mine = await h.api<PayoutOutputs['payoutMine']>('disclosure', 'payoutMine', {});
  expect(mine.household).toBe('张桂兰');
  expect(mine.rows.length).toBeGreaterThan(3);
  const page = await h.loadPage('payouts/pages/mine/index');
  await page.waitFor(() => !!page.$('#payout-mine-total'), 'the total');
  expect(page.$('#payout-mine-total')?.textContent?.trim()).toBe(formatYuan(mine.totalFen));
  expect(page.text()).toContain('张桂兰家领取的惠民资金');
  expect(page.text()).toContain('领取人：张桂兰');
  expect(page.text()).toMatch(/\d{4}年\d{1,2}月 养老保险补贴/);
  expect(page.text()).not.toMatch(/\d{4}-\d{2}/);
  expect(page.$$('.payout-mine-row')).toHaveLength(mine.rows.length);
  h.navigations.length = 0;
  await page.tap(page.$$('.payout-mine-row')[0]!);
  await page.waitFor(() => h.navigations.length > 0, 'a navigation');
  expect(h.navigations).toEqual([
    { api: 'navigateTo', url: `/payouts/pages/list/index?seriesId=${mine.rows[0]?.seriesId}` },
  ]);
  expect([...h.templateWarnings]).toEqual([]);
});
