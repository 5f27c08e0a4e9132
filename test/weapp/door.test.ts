import { doorSceneOf } from '../../cloudfunctions/common/door';
import { weappSession } from './session';

/**
 * The compiled mini-program opened from a village's door code: WeChat hands the home the code's
 * `scene` (URL-encoded) in its options. Someone not yet in a village lands on joining it, the
 * village already chosen (a resident landing on the home: test/browser/poster.test.ts).
 */
const h = weappSession('dev-newcomer');

const scene = encodeURIComponent(doorSceneOf('v-dongling'));

test('a newcomer who scans 东岭村’s door code is asked to join 东岭村, already chosen', async () => {
  const page = await h.loadPage('pages/home/index', { scene });
  await page.waitFor(() => !!page.$('#door-welcome'), 'the door welcome');
  await page.waitFor(() => !!page.$('#claim-village-v-dongling'), 'the villages to choose from');
  expect(page.$('#claim-village-v-dongling')?.className).toContain('active');
  expect(page.$$('.chip.active')).toHaveLength(1);
  expect(page.text()).toContain('您扫的是本村的门牌二维码');
});
