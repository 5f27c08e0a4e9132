import { appPerFile } from './session';

/**
 * 问题反映 end to end on the H5 build: a resident questions one line of a finance disclosure
 * with the name hidden; the 村监委 accepts and assigns; the cadre (who cannot see the name)
 * answers; the 村监委 checks; the resident rates 不满意; it escalates; the town instructs and
 * closes; the disclosure shows the public answer.
 */
const app = appPerFile();

const REPORTER = '张桂兰';

async function stateIs(text: string) {
  await app.page.locator('#item-detail .ov-state', { hasText: text }).first().waitFor();
}

test('the whole loop, from one line of a finance disclosure to the town closing it', async () => {
  const { page } = app;
  const list = await app.api<{ items: { seriesId: string; version: number }[] }>(
    'dev-resident',
    'disclosure',
    'list',
    { villageId: 'v-dongling', category: 'finance', limit: 1 },
  );
  const disclosure = list.items[0];
  if (!disclosure) throw new Error('the demo town has no finance disclosure');

  // 1. The resident questions the second line of the disclosure, hiding the name from cadres.
  await app.openAs('dev-resident', `/pages/disclosure/index?seriesId=${disclosure.seriesId}`);
  await page.locator('#disclosure-questions').waitFor();
  await page.locator('#line-ask-1').click();
  await page.locator('#raise-subject-line').waitFor();
  expect(await page.locator('#raise-subject-line').innerText()).toContain('第 2 条明细');
  await page.locator('#raise-text textarea').fill('这笔支出是做什么用的？为什么比上个月多？');
  await page.locator('#raise-submit').click();
  // The name choice is required: the form says so and sends nothing.
  await page.getByText('请选择是否让村干部看到您的姓名').waitFor();
  await page.locator('#raise-name-hide').click();
  await page.locator('#raise-submit').click();
  await page.locator('#item-detail').waitFor();
  await stateIs('待受理');
  const id = /[?&]id=([A-Za-z0-9]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no item id in ${page.url()}`);
  expect(await page.locator('#item-subject').innerText()).toContain('第 2 条明细');
  expect(await page.locator('#item-due').innerText()).toContain('前受理');

  // 2. The 村监委 finds it in the inbox, sees the name (marked not public), accepts and assigns.
  await app.openAs('dev-supervisor', '/oversight/pages/inbox/index');
  await page.locator(`#item-${id}`).click();
  await page.locator('#action-accept').waitFor();
  expect(await page.locator('#item-reporter').innerText()).toContain(`${REPORTER}（不公开）`);
  await page.locator('#accept-assignee-dev-cadre').click();
  await page.locator('#accept-note textarea').fill('请村会计说明支出依据');
  await page.locator('#accept-submit').click();
  await stateIs('办理中');

  // 3. The cadre never sees the name, anywhere on the page, and answers.
  await app.openAs('dev-cadre', `/oversight/pages/item/index?id=${id}`);
  await page.locator('#action-answer').waitFor();
  expect(await page.locator('#item-reporter').innerText()).toContain('匿名');
  expect(await page.locator('body').innerText()).not.toContain(REPORTER);
  await page.locator('#answer-text textarea').fill('该笔为村道保洁全年合同的首付款，合同经两委会议通过。');
  await page.locator('#answer-submit').click();
  await stateIs('已答复，待核实');

  // 4. The 村监委 checks the answer and passes it to the resident.
  await app.openAs('dev-supervisor', `/oversight/pages/item/index?id=${id}`);
  await page.locator('#verify-pass').click();
  await stateIs('待评价');

  // 5. The resident rates 不满意: the item escalates to the town.
  await app.openAs('dev-resident', '/oversight/pages/mine/index');
  await page.locator(`#item-${id}`).click();
  await page.locator('#action-rate').waitFor();
  await page.locator('#rate-unsatisfied').click();
  await page.locator('#rate-comment textarea').fill('没有说明为什么比上个月多');
  await page.locator('#rate-submit').click();
  await stateIs('已升级到镇纪委');
  expect(await page.locator('#item-steps').innerText()).toContain('反映人对答复不满意');

  // 6. The town sees it in its view, instructs and closes.
  await app.openAs('dev-town', '/oversight/pages/town/index');
  const row = page.locator('#town-row-v-dongling');
  await row.waitFor();
  expect(await row.innerText()).toMatch(/已升级 [1-9]/);
  await app.openAs('dev-town', `/oversight/pages/item/index?id=${id}`);
  await page.locator('#instruct-text textarea').fill('请村两委三日内补充上月同类支出的对比说明');
  await page.locator('#instruct-submit').click();
  await page.locator('#item-steps', { hasText: '镇纪委督办' }).waitFor();
  await page
    .locator('#close-text textarea')
    .fill('经镇纪委核查，该支出为保洁合同首付款，程序合规，已向反映人说明。');
  await page.locator('#close-submit').click();
  await stateIs('已办结');

  // 7. The disclosure shows the public answer under its questions.
  await app.openAs('dev-resident', `/pages/disclosure/index?seriesId=${disclosure.seriesId}`);
  const answer = page.locator(`#public-answer-${id}`);
  await answer.waitFor();
  expect(await answer.innerText()).toContain('程序合规');
  expect(await answer.innerText()).toContain('第 2 条明细');
  expect(app.errors).toEqual([]);
}, 120_000);

test("the 村监委's 台账: a finding with its 整改, the cadre reports it done, the 村监委 verifies, the month exports", async () => {
  const { page } = app;
  await app.openAs('dev-supervisor', '/oversight/pages/log/index');
  expect(await page.locator('#log-month').innerText()).toContain('2026年11月');
  await page.locator('#log-add-open').click();
  await page.locator('#log-kind-finding').click();
  await page.locator('#log-title input').fill('十一月财务公开前审核');
  await page.locator('#log-text textarea').fill('两张发票缺少经手人签字');
  await page.locator('#log-fix-what input').fill('补齐经手人签字后再公开');
  await page.locator('#log-fix-owner input').fill('村会计');
  await page.locator('#log-add-submit').click();
  await page.locator('.log-entry', { hasText: '十一月财务公开前审核' }).waitFor();
  const fix = page.locator('.ov-item', { hasText: '补齐经手人签字后再公开' });
  await fix.getByText('待整改').waitFor();

  await app.openAs('dev-cadre', '/oversight/pages/log/index');
  await fix.locator('.fix-note input').fill('已补齐签字，附照片');
  await fix.locator('.fix-move-done').click();
  await fix.getByText('已整改，待核实').waitFor();

  await app.openAs('dev-supervisor', '/oversight/pages/log/index');
  await fix.locator('.fix-note input').fill('核对无误');
  await fix.locator('.fix-move-verified').click();
  await fix.getByText('已核实销号').waitFor();

  const download = page.waitForEvent('download');
  await page.locator('#log-export').click();
  expect((await download).suggestedFilename()).toBe('东岭村村监委台账-2026年11月.xlsx');
}, 120_000);
