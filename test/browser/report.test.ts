import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import type { DisclosureDetail, DisclosureSummary } from '../../cloudfunctions/common/contracts/disclosure';
import type { ReportDetail } from '../../cloudfunctions/common/contracts/report';
import { formatYuan } from '../../cloudfunctions/common/money';
import { runTick } from '../../cloudfunctions/report/timer';
import { DEMO_NOW, type App } from './harness';
import { appPerFile } from './session';

/**
 * The monthly report end to end on the H5 build: a migrant worker subscribes, the cadre
 * publishes the report, the message arrives (the local outbox), the worker opens the report.
 */
const app = appPerFile();

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

/** Visible text of the page without ISO dates or month codes (2026-11, 2026-11-30). */
/** Publishing a report cannot be taken back: the page asks once and the test confirms. */
async function confirmPublish(page: App['page']) {
  const modal = page.locator('.taro-modal__content').locator('visible=true').first();
  await modal.getByText('确定发布吗').waitFor();
  await page.locator('.taro-model__confirm').locator('visible=true').first().click();
}

async function visibleText(app: App): Promise<string> {
  const text = await app.page.locator('body').innerText();
  expect(text).not.toMatch(/\d{4}-\d{2}/);
  return text;
}

test('a corrected finance disclosure: the draft shows the new money, lists what changed, and 汇总于 follows', async () => {
  const { page } = app;
  const reportId = 'v-dongling.2026-10';
  await app.openAs('dev-cadre', `/report/pages/view/index?id=${reportId}`);
  await page.locator('#publish-box').waitFor();
  const before = await app.api<ReportDetail>('dev-cadre', 'report', 'getReport', { reportId });
  expect(await page.locator('#report-income').innerText()).toBe(
    formatYuan(before.content.finance.totals!.incomeFen),
  );
  expect(await visibleText(app)).toContain('汇总于 2026年11月1日');
  expect(await page.locator('#report-changes').count()).toBe(0);

  // The cadre corrects October's finance disclosure (an income line was 100 yuan short).
  const list = await app.api<{ items: DisclosureSummary[] }>('dev-cadre', 'disclosure', 'list', {
    category: 'finance',
    limit: 50,
  });
  const october = list.items.find((d) => d.periodKey === '2026-10')!;
  const detail = await app.api<DisclosureDetail>('dev-cadre', 'disclosure', 'get', {
    seriesId: october.seriesId,
  });
  const incomeAt = detail.items.findIndex((i) => i.direction === 'income');
  await app.api('dev-cadre', 'disclosure', 'correct', {
    requestId: 'browser-fix-oct-0001',
    seriesId: detail.seriesId,
    baseVersion: detail.version,
    reason: '一笔收入少录了一百元',
    title: detail.title,
    periodKey: detail.periodKey,
    body: detail.body,
    items: detail.items.map((i, k) => (k === incomeAt ? { ...i, amountFen: i.amountFen + 10_000 } : i)),
  });

  // The page as opened still holds the old content: publishing it is refused and the page
  // shows the recomposed draft instead.
  await page.locator('#publish-report').click();
  await confirmPublish(page);
  await page.getByText('月报依据的公开内容有更新').waitFor();
  await page.getByText('确定', { exact: true }).click();
  const income = formatYuan(before.content.finance.totals!.incomeFen + 10_000);
  await page.locator('#report-changes').waitFor();
  expect(await page.locator('#report-income').innerText()).toBe(income);
  const changes = await page.locator('#report-changes').innerText();
  expect(changes).toContain(
    `本月收入由 ${formatYuan(before.content.finance.totals!.incomeFen)} 变为 ${income}`,
  );
  expect(changes).toContain(`《${detail.title}》已更正为第 ${detail.version + 1} 版`);
  expect(await visibleText(app)).toContain('汇总于 2026年11月23日');
  // Opened afresh, the draft says the same.
  await app.openAs('dev-cadre', `/report/pages/view/index?id=${reportId}`);
  await page.locator('#report-changes').waitFor();
  expect(await page.locator('#report-income').innerText()).toBe(income);
}, 90_000);

test('the reminder is claimed only once recorded; the town picks a month, sees the reminders and opens any village', async () => {
  const { page } = app;
  // Before the timer has run, the overdue draft does not claim the town was told.
  await app.openAs('dev-cadre', '/report/pages/view/index?id=v-dongling.2026-10');
  await page.locator('#report-stale').waitFor();
  expect(await page.locator('#report-stale').innerText()).not.toContain('镇纪委已于');
  await app.openAs('dev-town', '/report/pages/index/index');
  await page.locator('#town-reports').waitFor();
  expect(await page.locator('#town-reminders').count()).toBe(0);

  // A timer tick records the reminders.
  await runTick(
    { store: app.runtime.store, clock: fixedClock(DEMO_NOW), ids: sequentialIds('bt') },
    { owner: 'browser-tick' },
  );
  await app.openAs('dev-cadre', '/report/pages/view/index?id=v-dongling.2026-10');
  await page.locator('#report-stale').waitFor();
  expect(await page.locator('#report-stale').innerText()).toContain('镇纪委已于2026年11月23日');

  await app.openAs('dev-town', '/report/pages/index/index');
  await page.locator('#town-reminders').waitFor();
  const reminders = await page.locator('#town-reminders').innerText();
  expect(reminders).toContain('东岭村 · 2026年10月月报已等待 22 天');
  expect(await page.locator('#town-reports-title').innerText()).toBe('2026年10月各村月报');
  expect(await page.locator('#report-month-next').count()).toBe(0); // November has not closed
  await visibleText(app);

  // A month is picked, not typed: September, then a village's report opens from its row.
  await page.locator('#report-month-prev').click();
  await page.getByText('2026年9月各村月报').waitFor();
  const row = page.locator('#town-report-v-dongling');
  await row.waitFor();
  expect(await row.innerText()).toContain('已发布');
  await row.click();
  await page.locator('#report-title').waitFor();
  expect(await page.locator('#report-title').innerText()).toContain('东岭村2026年9月村情月报');

  // Back to the list: a year and month picked from the chips; a reminder opens its draft.
  await app.openAs('dev-town', '/report/pages/index/index');
  await page.locator('#report-month-2026-08').click();
  await page.getByText('2026年8月各村月报').waitFor();
  await page.locator('#reminder-v-dongling-2026-10').click();
  await page.locator('#report-title').waitFor();
  expect(await page.locator('#report-title').innerText()).toContain('东岭村2026年10月村情月报');
}, 90_000);

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
  // Publishing asks once: cancelling publishes nothing.
  await page.locator('#publish-report').click();
  await page.locator('.taro-model__cancel').locator('visible=true').first().click();
  expect(
    (
      await app.api<{ status: string }>('dev-cadre', 'report', 'getReport', {
        reportId: 'v-dongling.2026-10',
      })
    ).status,
  ).toBe('draft');
  await page.locator('#publish-report').click();
  await confirmPublish(page);
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

test('a notice’s expiry is picked on a wheel and read in Chinese; H5 offers no share button that does nothing', async () => {
  const { page } = app;
  const shown = (s: string) => page.locator(s).locator('visible=true').first();
  await app.openAs('dev-cadre', '/report/pages/notice-new/index');
  await shown('#notice-title-input').waitFor();
  // No text box for the date: a tap opens the picker.
  expect(await page.locator('#notice-expires input').count()).toBe(0);
  expect(await shown('#notice-expires').innerText()).toContain('不选则一直显示');
  await shown('#notice-expires').click();
  await shown('.nut-picker-confirm-btn').click();
  expect(await shown('#notice-expires .date-field-value').innerText()).toBe('2026年11月23日');
  await shown('#notice-title-input input, input#notice-title-input').fill('停水通知');
  await shown('#notice-body-input textarea, textarea#notice-body-input').fill(
    '明天上午村里检修水管，停水半天。',
  );
  await shown('#publish-notice').click();
  await page.getByText('有效至 2026年11月23日').waitFor();
  expect(await visibleText(app)).not.toMatch(/\d{4}-\d{2}/);

  // A published report in H5: "分享到微信群" cannot work here, so it is not offered.
  const list = await app.api<{ items: { reportId: string; status: string }[] }>(
    'dev-resident',
    'report',
    'listReports',
    {},
  );
  const published = list.items.find((r) => r.status === 'published')!;
  await app.openAs('dev-resident', `/report/pages/view/index?id=${published.reportId}`);
  await page.locator('#subscribe-next').waitFor();
  expect(await page.locator('#share-report').count()).toBe(0);
}, 60_000);

test('a double tap on 发布 sends the notice once', async () => {
  const { page } = app;
  const shown = (s: string) => page.locator(s).locator('visible=true').first();
  const sent: string[] = [];
  const count = (r: { url(): string; postData(): string | null }) => {
    if (r.url().includes('/api/fn/report') && r.postData()?.includes('"publishNotice"')) sent.push(r.url());
  };
  page.on('request', count);
  try {
    await app.openAs('dev-cadre', '/report/pages/notice-new/index');
    await shown('#notice-title-input input, input#notice-title-input').fill('村民代表会议通知');
    await shown('#notice-body-input textarea, textarea#notice-body-input').fill(
      '本周五晚七点在村部召开村民代表会议。',
    );
    // Two taps in one go, as a shaky finger makes them.
    await shown('#publish-notice').evaluate((el: HTMLElement) => {
      el.click();
      el.click();
    });
    await page.locator('#notice-title').locator('visible=true').first().waitFor();
    expect(await shown('#notice-title').innerText()).toContain('村民代表会议通知');
    expect(sent).toHaveLength(1);
  } finally {
    page.off('request', count);
  }
  const list = await app.api<{ items: { title: string }[] }>('dev-cadre', 'report', 'listNotices', {});
  expect(list.items.filter((n) => n.title === '村民代表会议通知')).toHaveLength(1);
}, 60_000);
