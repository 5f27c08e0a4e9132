/**
 * The town's survey comparison in the browser: the villages in the order the server keeps for
 * the whole town (the lowest approval first), with the order said on the screen.
 */
import type { Locator } from 'playwright-core';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { startApp, type App } from './harness';

jest.setTimeout(120_000);

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

test('the survey comparison lists the whole town worst first, as the server orders it', async () => {
  const c = await app.api<SurveyOutputs['compare']>('dev-town', 'survey', 'compare');
  expect(c.rows.length).toBeGreaterThan(1);
  await app.openAs('dev-town', '/survey/pages/compare/index');
  await shown('#compare-order').waitFor();
  expect(await shown('#compare-order').innerText()).toContain('最低的满意率从低到高排列');
  await shown(`#compare-${c.rows[0]!.villageId}`).waitFor();
  const ids = await app.page.$$eval('.compare-row', (rows) => rows.map((r) => r.id));
  expect(ids).toEqual(c.rows.map((r) => `compare-${r.villageId}`));
  // The villages with results come before those without a round in the period.
  const firstWithout = c.rows.findIndex((r) => r.round === null);
  if (firstWithout >= 0) expect(c.rows.slice(firstWithout).every((r) => r.round === null)).toBe(true);
});
