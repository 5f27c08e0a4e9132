import type { DisclosureDetail } from '../../cloudfunctions/common/contracts/disclosure';
import type { ReportOutputs } from '../../cloudfunctions/common/contracts/report';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { formatMonth } from '../../cloudfunctions/common/format';
import { appPerFile } from './session';
import { expectText, shownIn } from './pages';

/**
 * The village home on a phone: what is new comes first (urgent and new notices, an open survey,
 * the latest report) and stays marked 未读 until opened; a disclosure published late says by how
 * many days; an overdue line of 公开进度 opens the form for that period; a town admin picks the
 * village on 本村 and 三务公开 and it is remembered; H5 pages have a way back; supervisors see
 * their village's members.
 */
jest.setTimeout(180_000);

const app = appPerFile();

const shown = (s: string) => shownIn(app.page, s);

describe('the home page', () => {
  let noticeId: string;

  test('an urgent notice a cadre just published is at the top, marked 未读 until opened', async () => {
    const notice = await app.api<ReportOutputs['publishNotice']>('dev-cadre', 'report', 'publishNotice', {
      requestId: 'home-test-water',
      villageId: 'v-dongling',
      title: '明日停水通知',
      body: '因主管道维修，明天上午 8 点至下午 4 点全村停水，请提前储水。',
      pinned: true,
    });
    noticeId = notice.noticeId;

    await app.openAs('dev-resident', '/pages/home/index');
    const item = shown(`#feed-notice-${noticeId}`);
    await expectText(app.page, item, '明日停水通知');
    await expectText(app.page, item, '紧急通知');
    await expectText(app.page, item, '未读');
    // Above the disclosure status and the money: the first thing under the village name.
    const [feed, status] = await Promise.all([
      shown('#home-feed').boundingBox(),
      shown('.status-card').boundingBox(),
    ]);
    expect(feed!.y).toBeLessThan(status!.y);

    await item.click();
    await expectText(app.page, app.page.locator('.taro_page').locator('visible=true').last(), '主管道维修');
    await app.page.goBack();
    const again = shown(`#feed-notice-${noticeId}`);
    await again.waitFor();
    await until(async () => !(await again.innerText()).includes('未读'));
    expect(await again.getAttribute('class')).not.toContain('unread');
  });

  test('the open survey and the latest report are near the top too, each with its own mark', async () => {
    const current = await app.api<SurveyOutputs['current']>('dev-resident', 'survey', 'current');
    const reports = await app.api<ReportOutputs['listReports']>('dev-resident', 'report', 'listReports', {
      limit: 3,
    });
    const published = reports.items.find((r) => r.status === 'published');
    await app.openAs('dev-resident', '/pages/home/index');
    await shown('#home-feed').waitFor();
    if (current.round?.status === 'open' && current.eligible) {
      await expectText(app.page, shown('#feed-survey'), '满意度测评');
    } else {
      expect(await app.page.locator('#feed-survey').count()).toBe(0);
    }
    expect(published).toBeDefined();
    await expectText(app.page, shown('#feed-report'), `${formatMonth(published!.month)}村情月报`);
    await expectText(app.page, shown('#feed-report'), '未读');
    // The marks are this person's: another resident on the same phone still sees it unread.
    await app.openAs('dev-party', '/pages/home/index');
    await expectText(app.page, shown(`#feed-notice-${noticeId}`), '未读');
  });
});

describe('late disclosures', () => {
  test('an overdue line of 公开进度 opens the form for that period; once published it says how late', async () => {
    await app.openAs('dev-cadre-xihe', '/cadre/status/index');
    const gap = shown('#gap-finance-2026-09');
    await expectText(app.page, gap, '去发布');
    await gap.click();
    await shown('#disclosure-form').waitFor();
    await expectText(app.page, shown('.field-periodKey .field-label'), '公开期间：2026年9月');
    expect(await shown('#period-month-9').getAttribute('class')).toContain('active');

    await shown('#form-title input').fill('西河村2026年9月财务收支公开');
    await shown('#items-paste-open').click();
    await shown('#items-paste-text textarea').fill('收入\t补助收入\t30,000.00\t镇拨付运转经费\t2026/9/8');
    await shown('#items-paste-append').click();
    await shown('#publish-submit').click();
    await app.page.locator('.taro-model__confirm').locator('visible=true').first().click();

    // Due 2026-10-10, published on the demo's 2026-11-23: 44 days late, by the server's cadence.
    await expectText(app.page, shown('#detail-days-late'), '逾期公开 44 天');
    const url = app.page.url();
    const seriesId = /seriesId=([^&]+)/.exec(url)![1];
    const d = await app.api<DisclosureDetail>('dev-town', 'disclosure', 'get', { seriesId });
    expect(d.daysLate).toBe(44);

    // The list card says it too.
    await app.openAs('dev-town', '/pages/disclosures/index');
    await shown('#list-village-v-xihe').click();
    await expectText(app.page, shown(`.disclosure-card[data-series="${seriesId}"]`), '逾期公开 44 天');
  });
});

describe('moving around', () => {
  test('a town admin picks the village on 本村 and 三务公开, and it is remembered', async () => {
    await app.openAs('dev-town', '/pages/home/index');
    await app.page.evaluate(() => localStorage.removeItem('view.village'));
    await app.page.reload();
    await shown('#home-village-v-beipo').click();
    await expectText(app.page, shown('#home-village-name'), '北坡村');
    await app.page.locator('.weui-tabbar__item', { hasText: '三务公开' }).click();
    await shown('#list-village-v-beipo.active').waitFor();
    await shown('#list-village-v-dongling').click();
    await shown('.disclosure-card').waitFor();
    await app.page.reload();
    await shown('#list-village-v-dongling.active').waitFor();
    await app.page.locator('.weui-tabbar__item', { hasText: '本村' }).click();
    await expectText(app.page, shown('#home-village-name'), '东岭村');
  });

  test('an H5 page opened directly has a way back', async () => {
    const home = await app.api<{ latestFinance: { seriesId: string } }>('dev-resident', 'disclosure', 'home');
    await app.openAs('dev-resident', `/pages/disclosure/index?seriesId=${home.latestFinance.seriesId}`);
    await shown('#detail-title').waitFor();
    await shown('#page-back').click();
    await shown('#home-village-name').waitFor();
    // From the home into a disclosure and back again.
    await shown('#home-latest-finance').click();
    await shown('#detail-title').waitFor();
    await shown('#page-back').click();
    await shown('#home-latest-finance').waitFor();
    // Tab pages need none.
    await until(async () => (await app.page.locator('#page-back').locator('visible=true').count()) === 0);
  });

  test('a supervisor opens the village members from 我的, to watch, not to manage', async () => {
    await app.openAs('dev-supervisor', '/pages/me/index');
    await shown('#link-village-members').click();
    await shown('#member-list .member-row').waitFor();
    expect(await app.page.locator('#invitation-creator').locator('visible=true').count()).toBe(0);
    expect(await app.page.locator('#roster-import').locator('visible=true').count()).toBe(0);
  });
});

describe('what the village home costs a resident on a slow network', () => {
  test('who they are, the village home and the feed of what is new come in exactly one call (account.home)', async () => {
    await app.openAs('dev-resident', '/pages/home/index');
    await shown('#home-village-name').waitFor();
    const calls: string[] = [];
    const listen = (req: { url(): string; method(): string; postDataJSON(): unknown }) => {
      const m = /\/api\/fn\/([a-z]+)$/.exec(req.url());
      if (m && req.method() === 'POST')
        calls.push(`${m[1]}.${(req.postDataJSON() as { action: string }).action}`);
    };
    app.page.on('request', listen);
    try {
      // The app opened afresh on the home tab, as from WeChat's chat list.
      await app.page.reload();
      await shown('#home-village-name').waitFor();
      await shown('#home-feed').waitFor();
      await app.page.waitForLoadState('networkidle');
    } finally {
      app.page.off('request', listen);
    }
    // The village, the feed (notices, survey, report), the disclosure status, the money and the
    // latest disclosures: one call, and the feed is painted from it.
    expect(calls).toEqual(['account.home']);
    expect(await app.page.locator('#home-feed .feed-item').count()).toBeGreaterThan(0);
  });
});

/** Waits (10 s at most) for a condition the page reaches after a navigation. */
async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await app.page.waitForTimeout(100);
  }
  expect(await check()).toBe(true);
}

test('no page threw an uncaught error along the way', () => {
  expect(app.errors).toEqual([]);
});
