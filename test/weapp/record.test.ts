import type { RecordOutputs } from '../../cloudfunctions/common/contracts/record';
import { weappSession } from './session';

/**
 * The compiled mini-program's home shows the village's public record fingerprint with its date,
 * and tapping it opens 核验公开记录 (resident 张桂兰 of 东岭村, over the seeded demo town).
 */
const h = weappSession('dev-resident');

test('the home shows the fingerprint the record function returns, and opens the verify page', async () => {
  const { head } = await h.api<RecordOutputs['head']>('record', 'head', {});
  expect(head).not.toBeNull();
  const page = await h.loadPage('pages/home/index');
  await page.waitFor(() => !!page.$('#home-fingerprint-value'), 'the fingerprint card');
  expect(page.$('#home-fingerprint-value')?.textContent?.trim()).toBe(head!.fingerprint);
  expect(page.$('#home-fingerprint')?.textContent).toMatch(
    /截至 \d{4}年\d{1,2}月\d{1,2}日，共 \d+ 条公开记录/,
  );
  h.navigations.length = 0;
  await page.tap('#home-fingerprint');
  await page.waitFor(() => h.navigations.length > 0, 'a navigation');
  expect(h.navigations).toEqual([
    { api: 'navigateTo', url: '/record/pages/verify/index?villageId=v-dongling' },
  ]);
});
