import type { App } from './harness';
import { shownIn } from './pages';
import { appPerFile } from './session';

/**
 * A record's page opened from a hand-typed or stale link (no id, or an id that leads nowhere)
 * says the record cannot be found and offers the way back to its list: never a spinner that
 * never ends.
 */
const app = appPerFile();

async function expectNotFound(a: App, title: string, backLabel: string, landsOn: string) {
  const view = shownIn(a.page, '#not-found');
  await view.waitFor();
  const text = await view.innerText();
  expect(text).toContain(title);
  expect(text).not.toContain('正在加载');
  const back = shownIn(a.page, '#not-found-back');
  expect(await back.innerText()).toBe(backLabel);
  await back.click();
  await shownIn(a.page, landsOn).waitFor();
}

test('a report page opened without an id says the report cannot be found and leads back to the list', async () => {
  await app.openAs('dev-migrant', '/report/pages/view/index');
  await expectNotFound(app, '找不到这份月报', '返回月报列表', '#page-reports');
  await shownIn(app.page, '#report-2026-09').waitFor();
}, 60_000);

test('a stale report link (a month that has no report) says the same, with the way back', async () => {
  await app.openAs('dev-migrant', '/report/pages/view/index?id=v-dongling.2019-01');
  await expectNotFound(app, '找不到这份月报', '返回月报列表', '#page-reports');
}, 60_000);

test('the print page of a report opened without an id says the report cannot be found', async () => {
  await app.openAs('dev-cadre', '/report/pages/print/index');
  await expectNotFound(app, '找不到这份月报', '返回月报列表', '#page-reports');
}, 60_000);

test('a notice page opened without an id says the notice cannot be found and leads back to the notices', async () => {
  await app.openAs('dev-resident', '/report/pages/notice/index');
  await expectNotFound(app, '找不到这条通知', '返回通知列表', '#page-notices');
}, 60_000);

test('survey results opened without a round say the round cannot be found and lead back home', async () => {
  await app.openAs('dev-resident', '/survey/pages/results/index');
  await expectNotFound(app, '找不到这次测评', '返回首页', '#page-home');
}, 60_000);

test('a disclosure opened without a series, or a stale one, says so and leads back to 三务公开', async () => {
  await app.openAs('dev-resident', '/pages/disclosure/index');
  await expectNotFound(app, '找不到这条公开', '返回公开列表', '#page-disclosures');
  await app.openAs('dev-resident', '/pages/disclosure/index?seriesId=no-such-series');
  await expectNotFound(app, '找不到这条公开', '返回公开列表', '#page-disclosures');
}, 60_000);

test('a 四议两公开 matter opened without an id, or a stale one, says so and leads back to the matters', async () => {
  await app.openAs('dev-resident', '/decisions/pages/decision/index');
  await expectNotFound(app, '找不到这件事项', '返回事项列表', '#page-decisions');
  await app.openAs('dev-resident', '/decisions/pages/decision/index?id=no-such-matter');
  await expectNotFound(app, '找不到这件事项', '返回事项列表', '#page-decisions');
}, 60_000);

test('a power-list item opened without an id says so and leads back to the 小微权力清单', async () => {
  await app.openAs('dev-resident', '/decisions/pages/item/index');
  await expectNotFound(app, '找不到这项权力事项', '返回小微权力清单', '#page-power-list');
}, 60_000);
