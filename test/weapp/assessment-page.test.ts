import type { AssessmentOutputs } from '../../cloudfunctions/common/contracts/assessment';
import { weappSession } from './session';
import { expectReadable } from './readable';

/**
 * The assessment context's main page, compiled (dist/weapp) and run in miniprogram-simulate against
 * the real handlers over the seeded demo town: it shows what the handler returns to the persona,
 * in Chinese, with no code or ISO date in sight (one harness per file: the simulator's app is
 * loaded once).
 */
const h = weappSession('dev-cadre', 60_000);

test('assessment: the sheet shows a cadre 东岭村’s items of this year, as the handler returns them', async () => {
  const sheet = await h.api<AssessmentOutputs['sheet']>('assessment', 'sheet', { villageId: 'v-dongling' });
  const titles = sheet.entries.slice(0, 3).map((e) => e.title);
  expect(titles.length).toBeGreaterThan(0);
  const page = await h.loadPage('assessment/pages/sheet/index');
  await page.waitForText(titles[0]!);
  for (const t of titles) expect(page.text()).toContain(t);
  expectReadable(page.text());
});
