import type { DecisionsOutputs } from '../../cloudfunctions/common/contracts/decisions';
import type { ReportOutputs } from '../../cloudfunctions/common/contracts/report';
import { appPerFile } from './session';
import { shownIn } from './pages';

/**
 * 我要反映 from every place a question may concern: a resident opens a notice, a published
 * monthly report and a decision of the village, taps 我要反映, and the item raised names it.
 */
jest.setTimeout(180_000);

const app = appPerFile();

const shown = (s: string) => shownIn(app.page, s);

/** From the page at `route`: 我要反映, the subject shown, the question sent, the item names it. */
async function raiseFrom(route: string, named: string, text: string) {
  await app.openAs('dev-resident', route);
  await shown('#page-raise').click();
  await shown('#raise-subject').waitFor();
  expect(await shown('#raise-subject').innerText()).toContain(named);
  await shown('#raise-category-other').click();
  await shown('#raise-text textarea').fill(text);
  await shown('#raise-name-hide').click();
  await shown('#raise-submit').click();
  await shown('#item-detail').waitFor();
  expect(await shown('#item-subject').innerText()).toContain(named);
}

test('a notice, a monthly report and a decision each lead to a question about them', async () => {
  const notices = await app.api<ReportOutputs['listNotices']>('dev-resident', 'report', 'listNotices', {});
  const notice = notices.items[0];
  if (!notice) throw new Error('the demo village has no notice');
  await raiseFrom(
    `/report/pages/notice/index?id=${encodeURIComponent(notice.noticeId)}`,
    notice.title,
    '通知里说的时间和组里讲的不一样，以哪个为准？',
  );

  const reports = await app.api<ReportOutputs['listReports']>('dev-resident', 'report', 'listReports', {});
  const report = reports.items.find((r) => r.status === 'published');
  if (!report) throw new Error('the demo village has no published monthly report');
  const [year, month] = report.month.split('-').map(Number);
  await raiseFrom(
    `/report/pages/view/index?id=${encodeURIComponent(report.reportId)}`,
    `${year}年${month}月村情月报`,
    '月报里的支出合计和公开栏上的对不上，请核实。',
  );

  const decisions = await app.api<DecisionsOutputs['decisions']>(
    'dev-resident',
    'decisions',
    'decisions',
    {},
  );
  const decision = decisions.items[0];
  if (!decision) throw new Error('the demo village has no decision');
  await raiseFrom(
    `/decisions/pages/decision/index?id=${encodeURIComponent(decision.id)}`,
    decision.title,
    '这项决策开会时我们组没有代表参加，程序是否完整？',
  );

  // The town reads the decision too, yet raises no question about a village's matter.
  await app.openAs('dev-town', `/decisions/pages/decision/index?id=${encodeURIComponent(decision.id)}`);
  await app.page.getByText(decision.title).locator('visible=true').first().waitFor();
  expect(await app.page.locator('#page-raise').locator('visible=true').count()).toBe(0);
});
