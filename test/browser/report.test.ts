import { startApp, type App } from './harness';

/**
 * The monthly report end to end on the H5 build: a migrant worker subscribes, the cadre
 * publishes the report, the message arrives (the local outbox), the worker opens the report.
 */
let app: App;
beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(async () => {
  await app?.close();
});

test("the village's cadres see that this month's draft is overdue; villagers do not", async () => {
  const { page } = app;
  await app.openAs('dev-cadre', '/report/pages/index/index');
  const banner = page.locator('#stale-draft-banner');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('本月村情月报草稿已超过5天未发布');
  await banner.click();
  await page.locator('#report-stale').waitFor();
  await app.openAs('dev-migrant', '/report/pages/index/index');
  await page.locator('#report-2026-09').waitFor();
  expect(await page.locator('#stale-draft-banner').count()).toBe(0);
}, 60_000);

test('a migrant worker subscribes, the cadre publishes, the message opens the report', async () => {
  const { page } = app;

  // 1. The migrant worker subscribes from the report page (a tap, then the permission dialog).
  await app.openAs('dev-migrant', '/report/pages/index/index');
  await page.locator('#subscribe-report').click();
  await page.getByText('允许', { exact: true }).click();
  await page.getByText('已订阅：下一期月报发布时').waitFor();
  // Last month's report is already in the archive; October is still a draft, not shown.
  await page.locator('#report-2026-09').waitFor();
  expect(await page.locator('#report-2026-10').count()).toBe(0);

  // 2. The cadre reviews October's draft, adds a note and publishes.
  await app.openAs('dev-cadre', '/report/pages/view/index?id=v-dongling.2026-10');
  await page.locator('#publish-box').waitFor();
  await page.locator('#report-note textarea').fill('十月秋收顺利，感谢大家支持村里的工作。');
  await page.locator('#publish-report').click();
  await page.getByText('已发送完毕').waitFor();
  expect(await page.locator('#delivery-status').innerText()).toContain('已送达 1');

  // 3. The worker's 服务通知 (the local outbox) shows one message; tapping it opens the report.
  await app.openAs('dev-migrant', '/report/pages/outbox/index');
  const message = page.locator('.outbox-message');
  await message.first().waitFor();
  expect(await message.count()).toBe(1);
  expect(await message.first().innerText()).toContain('东岭村2026年10月村情月报');
  await message.first().click();
  await page.locator('#report-title').waitFor();
  expect(await page.locator('#report-title').innerText()).toContain('东岭村2026年10月村情月报');
  await page.getByText('村两委的话：十月秋收顺利').waitFor();
  expect(await page.locator('#report-income').innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
  // Villagers do not see read counts; the report invites them to subscribe again.
  expect(await page.locator('#report-reads').count()).toBe(0);
  await page.getByText('下期月报发布时提醒我').waitFor();
}, 120_000);

test('a cadre withdraws a notice with a reason; villagers still find it, marked 已撤回', async () => {
  const { page } = app;
  const list = await app.api<{ items: { noticeId: string; title: string }[] }>(
    'dev-cadre',
    'report',
    'listNotices',
    {},
  );
  const notice = list.items.find((n) => n.title.includes('秸秆'))!;
  await app.openAs('dev-cadre', `/report/pages/notice/index?id=${notice.noticeId}`);
  await page.locator('#withdraw-notice').click();
  await page.locator('#confirm-withdraw').click();
  await page.locator('#manage-error').waitFor(); // a reason is required
  await page.locator('#withdraw-reason textarea').fill('巡查安排有变，另行通知');
  await page.locator('#confirm-withdraw').click();
  await page.locator('#notice-withdrawn').waitFor();

  await app.openAs('dev-migrant', '/report/pages/notices/index');
  const card = page.locator('.notice-card', { hasText: '秸秆' });
  await card.waitFor();
  expect(await card.innerText()).toContain('已撤回');
  await card.click();
  await page.locator('#notice-withdrawn').waitFor();
  expect(await page.locator('#notice-withdrawn').innerText()).toContain('巡查安排有变，另行通知');
  expect(await page.locator('#notice-manage').count()).toBe(0);
}, 60_000);
