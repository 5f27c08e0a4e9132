import type { Locator } from 'playwright-core';
import type { DecisionsOutputs } from '../../cloudfunctions/common/contracts/decisions';
import { appPerFile } from './session';

/**
 * 四议两公开 and the 小微权力清单 in the H5 build against the local runtime and the demo town:
 * a cadre of 东岭村 records a land-lease decision through every step (the 党员大会 first lacks a
 * quorum, is refused as "passed", recorded as such and held again), the 村监委 confirms each
 * meeting, the resolution goes out and shows as a major matter in 三务公开; a resident searches
 * the list for 低保 and opens its flow. Only the pages act; the API is read to know what to expect.
 */
jest.setTimeout(120_000);

const TITLE = '村集体东片耕地流转给种植合作社';

const app = appPerFile();

beforeAll(async () => {
  // The runtime of browser tests keeps no files: an upload answers with the demo's sample picture.
  await app.page.route('**/api/files', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: true, data: { fileId: '/static/demo/receipt.svg' } }),
    }),
  );
});

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

async function recordMeeting(numbers: [number, number, number, number, number], outcome: string) {
  const [entitled, present, votesFor, votesAgainst, abstentions] = numbers;
  await shown('#meeting-entitled input').fill(String(entitled));
  await shown('#meeting-present input').fill(String(present));
  await shown('#meeting-votesFor input').fill(String(votesFor));
  await shown('#meeting-votesAgainst input').fill(String(votesAgainst));
  await shown('#meeting-abstentions input').fill(String(abstentions));
  await shown(`#outcome-${outcome}`).click();
  if ((await app.page.locator('#meeting-form .attachment-edit').count()) === 0) {
    await app.page.locator('#meeting-form #attachment-input').setInputFiles({
      name: 'minutes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    await shown('#meeting-form .attachment-edit').waitFor();
  }
  await shown('#meeting-submit').click();
}

test('a cadre records a land-lease decision through every step; the 村监委 confirms; the resolution is a major matter in 三务公开', async () => {
  const { page } = app;
  await app.openAs('dev-cadre', '/decisions/pages/decisions/index');
  await shown('#decision-new').click();
  // Dates are picked, and read as a person writes them: today by default, no 2026-03-08.
  expect(await shown('#propose-date').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
  expect(await shown('#propose-planned').textContent()).toContain('可不填');
  await shown('#propose-title input').fill(TITLE);
  await shown('#category-landTransfer').click();
  await shown('#propose-summary textarea').fill(
    '东片 86 亩耕地流转给本村种植合作社，期限 5 年，每亩每年 800 元。',
  );
  await shown('#propose-submit').click();
  await shown('#decision-title').getByText(TITLE).waitFor();
  await shown('#step-proposal').getByText('已完成').waitFor();

  // 两委商议
  await shown('#meeting-form').getByText('村“两委”联席会议').waitFor();
  await recordMeeting([7, 7, 7, 0, 0], 'passed');
  await shown('#step-committee').getByText('已完成').waitFor();

  // 党员大会: 19 of 38 is exactly half: "passed" is refused with the outcome the numbers give.
  await shown('#meeting-form').getByText('记录党员大会').waitFor();
  await recordMeeting([38, 19, 19, 0, 0], 'passed');
  await shown('#meeting-form .form-error').getByText('结果应为“到会人数不足，会议无效”').waitFor();
  await shown('#outcome-noQuorum').click();
  await shown('#meeting-submit').click();
  await shown('#attempt-partyCongress-1').getByText('到会人数不足，会议无效').waitFor();
  // Held again.
  await recordMeeting([38, 30, 25, 3, 2], 'passed');
  await shown('#step-partyCongress').getByText('开会 2 次').waitFor();

  // 村民代表会议: 25 of 31 present, 22 in favour.
  await shown('#meeting-form').getByText('记录村民代表会议').waitFor();
  await recordMeeting([31, 25, 22, 2, 1], 'passed');
  await shown('#step-resolution').getByText('已完成').waitFor();

  // Not public before the 村监委 confirms.
  await shown('#publish-submit').click();
  await shown('#publish-form .form-error').getByText('须经村监委确认后才能公开').waitFor();

  const list = await app.api<DecisionsOutputs['decisions']>('dev-cadre', 'decisions', 'decisions', {});
  const id = list.items.find((d) => d.title === TITLE)!.id;
  await app.openAs('dev-supervisor', `/decisions/pages/decision/index?id=${id}`);
  await shown('#decision-title').getByText(TITLE).waitFor();
  for (const attempt of ['committee-1', 'partyCongress-1', 'partyCongress-2', 'resolution-1']) {
    await shown(`#attempt-${attempt} .confirm-button`).click();
    await shown(`#attempt-${attempt}`).getByText('村监委 陈立新 已确认').waitFor();
  }
  expect(await page.locator('#meeting-form').count()).toBe(0);

  await app.openAs('dev-cadre', `/decisions/pages/decision/index?id=${id}`);
  await shown('#publish-body textarea').fill('如有异议，请于 7 日内向村务监督委员会反映。');
  await shown('#publish-submit').click();
  await shown('#step-resolutionPublic').getByText('已完成').waitFor();
  await shown('#publish-form').getByText('实施结果公开').waitFor();
  // 实施结果公开 closes the matter.
  await shown('#publish-body textarea').fill('流转合同已签订，首年流转费 68800 元已入村集体账户。');
  await shown('#publish-submit').click();
  await shown('#decision-status').getByText('已办结').waitFor();
  await shown('#step-resultPublic').getByText('已完成').waitFor();

  // The resident sees it in 三务公开 as a 村务 major matter.
  await app.openAs('dev-resident', '/pages/disclosures/index');
  await shown('#category-tab-affairs').click();
  const card = app.page
    .locator('.disclosure-card')
    .filter({ hasText: `${TITLE}（决议公开）` })
    .locator('visible=true')
    .first();
  await card.waitFor();
  await card.locator('.badge-major').getByText('重大事项').waitFor();
  await card.click();
  await shown('#page-disclosure')
    .getByText('应到 31 人，实到 25 人；同意 22 票，反对 2 票，弃权 1 票')
    .waitFor();
  expect(app.errors).toEqual([]);
});

test('the town sees per village what is overdue and which meetings are missing', async () => {
  const view = await app.api<DecisionsOutputs['townView']>('dev-town', 'decisions', 'townView', {});
  const xihe = view.villages.find((v) => v.villageName === '西河村')!;
  expect(xihe.overdue).toHaveLength(1);
  await app.openAs('dev-town', '/decisions/pages/town/index');
  const row = shown(`#town-${xihe.villageId}`);
  await row.getByText(`逾期：${xihe.overdue[0]!.title}（决议公开`).waitFor();
  const dongling = view.villages.find((v) => v.villageName === '东岭村')!;
  await shown(`#town-${dongling.villageId}`)
    .getByText(`缺少会议 ${dongling.missingMeetings.count} 次`)
    .waitFor();
});

test('a resident searches the power list for 低保 and opens its flow as a flowchart', async () => {
  await app.openAs('dev-resident', '/pages/home/index');
  await shown('#entry-power-list').click();
  await shown('#power-search input').fill('低保怎么申请');
  await shown('#power-search-go').click();
  const first = shown('#power-results .power-item');
  await first.getByText('最低生活保障（低保）申请').waitFor();
  await first.click();
  await shown('#item-name').getByText('最低生活保障（低保）申请').waitFor();
  const expected = await app.api<DecisionsOutputs['items']>('dev-resident', 'decisions', 'items', {
    query: '低保',
  });
  const item = await app.api<DecisionsOutputs['item']>('dev-resident', 'decisions', 'item', {
    itemId: expected.items[0]!.id,
  });
  const boxes = app.page.locator('#item-flow .flow-step').locator('visible=true');
  await boxes.first().waitFor();
  expect(await boxes.count()).toBe(item.steps.length);
  for (const [n, s] of item.steps.entries())
    await expect(boxes.nth(n).innerText()).resolves.toContain(s.action);
  // The adjustment and its reason are on the page; the first version stays readable.
  await shown('#page-power-item').getByText('镇审核时限由 30 个工作日缩短为 20 个工作日').waitFor();
});

test('the town adjusts a base item with a reason; the earlier version stays readable; a cadre adds a +X item', async () => {
  const list = await app.api<DecisionsOutputs['items']>('dev-town', 'decisions', 'items', { query: '印章' });
  const seal = list.items.find((i) => i.name === '村级印章使用')!;
  await app.openAs('dev-town', `/decisions/pages/item/index?id=${seal.id}`);
  await shown('#item-edit').click();
  await shown('#item-form').getByText('调整：村级印章使用').waitFor();
  await shown('#item-submit').click();
  await shown('#item-form .field-reason .field-error').waitFor();
  await shown('#item-reason textarea').fill('增加用印后拍照存档的要求');
  await shown('#item-submit').click();
  await shown('#item-name').getByText('村级印章使用').waitFor();
  await shown('#page-power-item').getByText('增加用印后拍照存档的要求').waitFor();
  const after = await app.api<DecisionsOutputs['item']>('dev-town', 'decisions', 'item', { itemId: seal.id });
  expect(after.versions.map((v) => v.version)).toEqual([1, 2]);

  await app.openAs('dev-cadre', '/decisions/pages/item-edit/index');
  await shown('#item-form').getByText('新增本村事项（+X）').waitFor();
  await shown('#item-name-input input').fill('村集体林地护林员选聘');
  await shown('#category-daily').click();
  const rows = app.page.locator('#steps-editor .flow-step-edit').locator('visible=true');
  await rows.nth(0).locator('.field-steps-0-actor input').fill('村委会');
  await rows.nth(0).locator('.field-steps-0-action input').fill('发布选聘公告');
  await shown('#item-submit').click();
  await shown('#item-name').getByText('村集体林地护林员选聘').waitFor();
  const own = await app.api<DecisionsOutputs['items']>('dev-resident', 'decisions', 'items', {
    query: '护林员',
  });
  expect(own.items.map((i) => [i.name, i.scope])).toEqual([['村集体林地护林员选聘', 'village']]);
});

test('a cadre records a meeting of record: the date picked and read in words, the numbers side by side', async () => {
  await app.openAs('dev-cadre', '/decisions/pages/meetings/index');
  await shown('#regular-form').waitFor();
  expect(await shown('#regular-heldOn').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
  await shown('#regular-entitled input').fill('11');
  await shown('#regular-present input').fill('10');
  await shown('#regular-topics textarea').fill('党员、村民代表列席村“两委”会议，听取本月村务工作安排');
  await app.page.locator('#regular-form #attachment-input').setInputFiles({
    name: 'minutes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
  });
  await shown('#regular-form .attachment-edit').waitFor();
  await app.page
    .locator('#regular-form .nut-button')
    .filter({ hasText: /^登记$/ })
    .click();
  await app.page.locator('.dc-step').getByText('应到 11 人，实到 10 人').waitFor();
});

test('a meeting entered for a past month shows 补录 and its day to the 村监委 and in the town view', async () => {
  // The demo's 东岭村 lacks the 列席 of three months ago; the cadre enters it today (2026年11月23日).
  const before = await app.api<DecisionsOutputs['regular']>('dev-supervisor', 'decisions', 'regular', {});
  const gap = before.missing.find((m) => m.kind === 'attendance')!;
  const entered = await app.api<DecisionsOutputs['recordRegular']>(
    'dev-cadre',
    'decisions',
    'recordRegular',
    {
      requestId: 'req-browser-late-1',
      villageId: 'v-dongling',
      kind: 'attendance',
      heldOn: `${gap.periodKey}-12`,
      entitled: 9,
      present: 8,
      topics: '党员、村民代表列席村“两委”会议（补录）',
      minutes: [{ fileId: '/static/demo/receipt.svg', name: '会议记录', kind: 'image' }],
    },
  );
  expect(entered).toMatchObject({ late: true, enteredOn: '2026-11-23' });
  await app.openAs('dev-supervisor', '/decisions/pages/meetings/index');
  const [y, m] = gap.periodKey.split('-');
  const row = app.page
    .locator('.dc-step')
    .filter({ hasText: `${y}年${Number(m)}月12日 ` })
    .locator('visible=true');
  await row.getByText('补录（11月23日录入）').waitFor();
  // Only that one: the meetings entered on time carry no mark.
  expect(await app.page.locator('.dc-late').locator('visible=true').count()).toBe(1);

  await app.openAs('dev-town', '/decisions/pages/town/index');
  await shown('#town-v-dongling')
    .getByText(/按时登记 \d+ 次，补录 1 次/)
    .waitFor();
});
