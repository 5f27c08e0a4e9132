import type { ReportOutputs } from '../../cloudfunctions/common/contracts/report';
import { weappSession } from './session';
import { expectReadable } from './readable';

/**
 * The report context's main page, compiled (dist/weapp) and run in miniprogram-simulate against
 * the real handlers over the seeded demo town: it shows what the handler returns to the persona,
 * in Chinese, with no code or ISO date in sight (one harness per file: the simulator's app is
 * loaded once).
 */
const h = weappSession('dev-migrant', 60_000);

test('report: the report view shows a migrant last published month’s report of 东岭村', async () => {
  const report = await h.api<ReportOutputs['getReport']>('report', 'getReport', {
    reportId: 'v-dongling.2026-09',
  });
  const page = await h.loadPage('report/pages/view/index', { id: 'v-dongling.2026-09' });
  await page.waitForText('2026年9月');
  expect(page.text()).toContain('东岭村');
  expect(report.status).toBe('published');
  expectReadable(page.text());
});
