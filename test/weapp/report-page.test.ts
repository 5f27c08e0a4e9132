import type { ReportOutputs } from '../../cloudfunctions/common/contracts/report';
import { createWeappHarness, type LoadedPage, type WeappHarness } from './harness';
import { expectReadable } from './readable';

/**
 * The report context's main page, compiled (dist/weapp) and run in miniprogram-simulate against
 * the real handlers over the seeded demo town: it shows what the handler returns to the persona,
 * in Chinese, with no code or ISO date in sight (one harness per file: the simulator's app is
 * loaded once).
 */
jest.setTimeout(60_000);

let h: WeappHarness;
let page: LoadedPage | null = null;

beforeAll(async () => {
  h = await createWeappHarness('dev-migrant');
});

afterEach(() => {
  page?.unload();
  page = null;
});

test('report: the report view shows a migrant last published month’s report of 东岭村', async () => {
  const report = await h.api<ReportOutputs['getReport']>('report', 'getReport', {
    reportId: 'v-dongling.2026-09',
  });
  page = await h.loadPage('report/pages/view/index', { id: 'v-dongling.2026-09' });
  await page.waitForText('2026年9月');
  expect(page.text()).toContain('东岭村');
  expect(report.status).toBe('published');
  expectReadable(page.text());
});
