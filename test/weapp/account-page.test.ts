import type { AccountOutputs } from '../../cloudfunctions/common/contracts/account';
import { weappSession } from './session';
import { expectReadable } from './readable';

/**
 * The account context's main page, compiled (dist/weapp) and run in miniprogram-simulate against
 * the real handlers over the seeded demo town: it shows what the handler returns to the persona,
 * in Chinese, with no code or ISO date in sight (one harness per file: the simulator's app is
 * loaded once).
 */
const h = weappSession('dev-resident', 60_000);

test('account: the me page shows a resident who they are and their village', async () => {
  const me = await h.api<AccountOutputs['me']>('account', 'me', {});
  const page = await h.loadPage('pages/me/index');
  await page.waitForText(me.binding!.villageName ?? '东岭村');
  expect(page.text()).toContain(me.binding!.name);
  expectReadable(page.text());
});
