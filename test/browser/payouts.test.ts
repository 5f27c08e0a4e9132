import type { Locator } from 'playwright-core';
import type { PayoutOutputs } from '../../cloudfunctions/common/contracts/payouts';
import { appPerFile } from './session';

/**
 * 惠民资金发放名单 in the H5 build against the local runtime and the demo town (today 2026年11月23日):
 * the cadre of 东岭村 pastes this month's 低保 list, one row of which is 李建国, the brother he
 * declared; the resident 张桂兰 sees the names masked except her own household's, and her rows
 * under 我家领了什么; the 村监委 sees the flag on the row and the town sees it on its view; the
 * resident sees neither the flag nor anyone else's full name. Only the pages act; the API is
 * read to find the list.
 */
jest.setTimeout(150_000);

const app = appPerFile();

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

const PASTE = [
  '姓名\t户主\t金额（元）\t备注',
  '张桂兰\t张桂兰\t650\t',
  '王大山\t王大山\t650\t',
  '李建国\t李建国\t650\t新纳入',
  '赵红\t赵红\t500\t',
].join('\n');
const OTHERS = ['王大山', '李建国', '赵红'];

test('a pasted 低保 list: masked for the resident, her household in full, the relative flagged for the 村监委 and the town only', async () => {
  const { page } = app;
  // The cadre pastes, checks and publishes this month's list.
  await app.openAs('dev-cadre', '/payouts/pages/edit/index');
  await shown('#payout-edit').waitFor();
  await shown('#month-next').click();
  await expect(shown('#payout-month').textContent()).resolves.toBe('2026年11月');
  await shown('#payout-basis input').fill('县民政局 2026 年 11 月农村低保审批表');
  await shown('#payout-text textarea').fill(PASTE);
  await shown('#payout-check').click();
  await expect(shown('#payout-preview-summary').textContent()).resolves.toContain('共 4 行，都可以公开');
  await expect(shown('#payout-preview').textContent()).resolves.toContain('¥2,450.00');
  await shown('#payout-publish').click();
  await shown('#payout-detail').waitFor();
  await expect(shown('#payout-title').textContent()).resolves.toContain('2026年11月 低保');

  const lists = await app.api<PayoutOutputs['payoutLists']>('dev-resident', 'disclosure', 'payoutLists', {});
  const list = lists.lists.find((l) => l.periodKey === '2026-11' && l.category === 'subsistence');
  expect(list).toMatchObject({ count: 4, amountFen: 245_000 });
  const url = `/payouts/pages/list/index?seriesId=${list?.seriesId}`;

  // The resident: masked names, her own row in full, no flag.
  await app.openAs('dev-resident', url);
  await shown('#payout-row-3').waitFor();
  const rows = await page.locator('.payout-row').locator('visible=true').allTextContents();
  expect(rows.map((r) => r.replace(/\s+/g, ''))).toEqual([
    expect.stringContaining('1.张桂兰'),
    expect.stringContaining('2.王*山'),
    expect.stringContaining('3.李*国'),
    expect.stringContaining('4.赵*'),
  ]);
  const residentText = (await shown('#payout-detail').textContent()) ?? '';
  for (const name of OTHERS) expect([name, residentText.includes(name)]).toEqual([name, false]);
  expect(await page.locator('.payout-flag').count()).toBe(0);
  expect(await page.locator('#payout-flagged').count()).toBe(0);
  // Search by masked name.
  await shown('#payout-search input').fill('王*');
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.payout-row')).filter((e) => (e as HTMLElement).offsetParent)
        .length === 1,
  );
  await expect(shown('.payout-row').textContent()).resolves.toContain('王*山');

  // 我家领了什么: her household's rows in full, this month's among them.
  await app.openAs('dev-resident', '/payouts/pages/mine/index');
  await shown('#payout-mine').waitFor();
  const mine = (await shown('#payout-mine').textContent()) ?? '';
  expect(mine).toContain('2026年11月 低保');
  expect(mine).toContain('领取人：张桂兰');
  for (const name of OTHERS) expect([name, mine.includes(name)]).toEqual([name, false]);

  // The 村监委: full names and the flag on 李建国's row.
  await app.openAs('dev-supervisor', url);
  await shown('#payout-row-2').waitFor();
  await expect(shown('#payout-row-2 .payout-flag').textContent()).resolves.toBe('村干部 李明华的兄弟姐妹');
  await expect(shown('#payout-row-1').textContent()).resolves.toContain('王大山');

  // The town: the flag on its view of 东岭村.
  await app.openAs('dev-town', '/payouts/pages/flags/index');
  await shown('#payout-village-v-dongling').waitFor();
  const town = (await shown('#payout-village-v-dongling').textContent()) ?? '';
  expect(town).toContain('优亲厚友：2026年11月 低保 第 3 行 李建国');
  expect(town).toContain('村干部 李明华的兄弟姐妹');
  await page.screenshot({ path: 'test/browser/screenshots/payouts-town.png' });
  expect(app.errors).toEqual([]);
});
