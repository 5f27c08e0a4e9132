import type { AssetsOutputs } from '../../cloudfunctions/common/contracts/assets';
import { formatYuan } from '../../cloudfunctions/common/money';
import { DEMO_NOW } from './harness';
import { appPerFile } from './session';
import { expectText, layoutFaults, openAtScale, shownIn } from './pages';

/**
 * 三资 pages beyond the main scenario, in the H5 build against the demo town (today 2026年11月23日):
 * a month-end balance that does not add up with the 财务公开 reaches the town; a stocktake
 * "missing" becomes a 整改 in the 村监委's 台账 with a deadline; a receivable waived under a
 * passed decision; a change of an item with a photo; the register as it was at the end of last
 * month; the town's decision threshold. Only the pages act; the API is read to know what to expect.
 */
jest.setTimeout(150_000);

const app = appPerFile();

const shown = (s: string) => shownIn(app.page, s);

/** The demo runtime stores no files: uploads are answered here, and each picture served back. */
async function acceptUploads(fileId: string): Promise<Buffer[]> {
  const uploaded: Buffer[] = [];
  await app.page.route('**/api/files', async (route) => {
    uploaded.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
    await route.fulfill({ json: { ok: true, data: { fileId } } });
  });
  await app.page.route(`**${fileId}`, (route) => route.fulfill({ body: PNG, contentType: 'image/png' }));
  return uploaded;
}
const modal = () => app.page.locator('.taro-modal__content').locator('visible=true');
async function answerModal(answer: 'confirm' | 'cancel', text: string) {
  await expectText(app.page, modal().first(), text);
  await app.page.locator(`.taro-model__${answer}`).locator('visible=true').first().click();
  await modal().first().waitFor({ state: 'hidden' });
}

// A 1x1 PNG: the photo taken on the spot.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a month-end balance that does not add up with the 财务公开 is shown to the cadre, the 村监委 and the town', async () => {
  const before = await app.api<AssetsOutputs['reconciliation']>('dev-cadre', 'assets', 'reconciliation');
  const september = before.months.find((m) => m.month === '2026-09')!;
  expect(september.state).toBe('matched');
  const october = before.months.find((m) => m.month === '2026-10')!;
  expect(october).toMatchObject({ state: 'noBalance', openingFen: september.closingFen });
  const expected = october.expectedFen!;

  await app.openAs('dev-cadre', '/village-assets/pages/index/index');
  await shown('#assets-tab-funds').click();
  await expectText(app.page, shown('#funds-2026-09'), '账实相符');
  await expectText(app.page, shown('#funds-2026-10'), '月末余额未登记');
  // October's statement shows 1,000 元 more than the disclosures explain.
  await shown('#balance-month-2026-10').click();
  await shown('#balance-amount input').fill(((expected + 100_000) / 100).toFixed(2));
  await shown('#balance-submit').click();
  await answerModal('confirm', '2026年10月末余额');
  await expectText(app.page, shown('#funds-2026-10'), '余额与财务公开不符');
  await expectText(app.page, shown('#funds-2026-10'), `实有比应有多 ${formatYuan(100_000)}`);
  await expectText(app.page, shown('#funds-2026-10'), `按公开应有 ${formatYuan(expected)}`);

  await app.openAs('dev-supervisor', '/village-assets/pages/index/index');
  await shown('#assets-tab-funds').click();
  await expectText(app.page, shown('#funds-2026-10'), '余额与财务公开不符');

  await app.openAs('dev-town', '/village-assets/pages/town/index');
  await expectText(app.page, shown('#town-v-dongling'), '资金余额与财务公开不符：2026年10月');
  await expectText(app.page, shown('#town-v-nanwan'), '资金余额与财务公开不符：2026年9月');
  expect(await shown('#town-v-taoyuan').innerText()).not.toContain('资金余额与财务公开不符');
  expect(app.errors).toEqual([]);
});

test('a stocktake "missing" becomes a 整改 with a deadline in the 村监委 台账', async () => {
  const uploaded = await acceptUploads('/files/stocktake-tractor.png');
  await app.openAs('dev-supervisor', '/village-assets/pages/stocktake/index');
  await shown('#check-ZC-002').waitFor();
  for (const code of ['ZY-001', 'ZY-002', 'ZC-001', 'ZJ-001']) await shown(`#check-${code}-present`).click();
  await shown('#check-ZC-002-missing').click();
  await shown('#check-ZC-002-note input').fill('农机库内未见拖拉机，村委称借给邻村');
  await app.page
    .locator('#check-ZC-002-photo-input')
    .setInputFiles({ name: '农机库.png', mimeType: 'image/png', buffer: PNG });
  await app.page.locator('#check-ZC-002 .attachment-edit').first().waitFor();
  expect(uploaded).toHaveLength(1);
  await shown('#stocktake-submit').click();
  await expectText(app.page, shown('#stocktake-list'), '盘点 5 项，1 项不符');
  const kept = await app.api<AssetsOutputs['stocktakes']>('dev-supervisor', 'assets', 'stocktakes');
  expect(kept.stocktakes[0]?.checks.find((c) => c.itemName.startsWith('拖拉机'))?.photos).toEqual([
    { fileId: '/files/stocktake-tractor.png', name: '农机库.png', kind: 'image' },
  ]);
  await expectText(
    app.page,
    shown('#stocktake-list'),
    '不符项已列入村监委台账，由村两委在2026年12月23日前整改',
  );

  // In the 台账 of November: the finding, its 整改, its deadline; the cadres see it too.
  for (const who of ['dev-supervisor', 'dev-cadre']) {
    await app.openAs(who, '/oversight/pages/log/index');
    const fix = app.page
      .locator('[id^="fix-l"]')
      .filter({ hasText: '三资盘点：拖拉机（东方红 LX904）实物缺失' })
      .locator('visible=true')
      .first();
    await expectText(app.page, fix, '期限：2026年12月23日');
    await expectText(app.page, fix, '农机库内未见拖拉机');
    await expectText(app.page, fix, '责任人：村两委');
  }
  const town = await app.api<AssetsOutputs['townView']>('dev-town', 'assets', 'townView');
  expect(town.villages.find((v) => v.villageId === 'v-dongling')?.discrepancies).toBe(1);
  expect(app.errors).toEqual([]);
});

test('a cadre waives an overdue payment under a passed decision; the resident sees it waived', async () => {
  const decided = await app.api<{ items: { id: string; title: string }[] }>(
    'dev-cadre',
    'decisions',
    'decisions',
    { limit: 50 },
  );
  const decision = decided.items.find((d) => d.title === '村集体鱼塘对外承包')!;
  await app.openAs('dev-cadre', '/village-assets/pages/index/index');
  await shown('#assets-tab-contracts').click();
  await expectText(app.page, shown('#receivable-HT-01-1'), '逾期未收');
  await shown('#waive-HT-01-1').click();
  await shown('#waiver-reason input').fill('鱼塘遭受洪灾，减免当年承包费');
  // No decision chosen: refused on the page, nothing sent.
  await shown('#waiver-submit').click();
  await expectText(app.page, shown('#waiver-form .field-decisionId .field-error'), '请选择已通过的决策事项');
  await shown(`[id="waiver-decision-${decision.id}"]`).click();
  await shown('#waiver-submit').click();
  await answerModal('cancel', '确认减免');
  expect(
    (await app.api<AssetsOutputs['contracts']>('dev-cadre', 'assets', 'contracts')).contracts.find(
      (c) => c.code === 'HT-01',
    )!.receivables[0]!.state,
  ).toBe('overdue');
  await shown('#waiver-submit').click();
  await answerModal('confirm', '登记后不能撤销');
  await expectText(app.page, shown('#receivable-HT-01-1'), '已减免');
  await expectText(app.page, shown('#receivable-HT-01-1'), '原因：鱼塘遭受洪灾，减免当年承包费');

  await app.openAs('dev-resident', '/village-assets/pages/index/index');
  await shown('#assets-tab-contracts').click();
  await expectText(app.page, shown('#receivable-HT-01-1'), '已减免');
  expect(await app.page.locator('#waive-HT-01-1').count()).toBe(0);
  const town = await app.api<AssetsOutputs['townView']>('dev-town', 'assets', 'townView');
  expect(town.villages.find((v) => v.villageId === 'v-dongling')?.overdue.count).toBe(0);
  expect(app.errors).toEqual([]);
});

test('a revaluation with a photo on the item page; the register at the end of last month', async () => {
  await acceptUploads('/files/valuation-tractor.png');
  await app.openAs('dev-cadre', '/village-assets/pages/index/index');
  await shown('#item-ZC-002').click();
  await shown('#item-history').waitFor();
  await shown('#change-new').click();
  await shown('#change-kind-revalue').click();
  await shown('#change-value input').fill('50000');
  await shown('#change-reason input').fill('经评估按新价重新核定');
  await app.page
    .locator('#change-photo-input')
    .setInputFiles({ name: '评估报告.png', mimeType: 'image/png', buffer: PNG });
  await app.page.locator('#change-form .attachment-edit').first().waitFor();
  await shown('#change-submit').click();
  await answerModal('confirm', `价值由 ${formatYuan(6_800_000)} 改为 ${formatYuan(5_000_000)}`);
  await expectText(app.page, shown('#item-history'), '价值调整');
  await expectText(app.page, shown('#item-history'), `价值：${formatYuan(5_000_000)}`);
  await expectText(app.page, shown('#item-ZC-002'), `原值 ${formatYuan(5_000_000)}`);
  expect(await app.page.locator('#item-history .attachment-image').count()).toBe(1);

  // The pond was contracted ten days ago: at the end of October it was idle.
  await app.openAs('dev-resident', '/village-assets/pages/index/index');
  await expectText(app.page, shown('#item-ZY-001'), '出租（发包）');
  await shown('#asof-2026-10-31').click();
  await expectText(app.page, shown('#register-asof-label'), '2026年10月31日当天的登记簿');
  await expectText(app.page, shown('#item-ZY-001'), '闲置');
  expect(DEMO_NOW.startsWith('2026-11-23')).toBe(true);
  expect(app.errors).toEqual([]);
});

test('the town sets the amount from which a contract needs a decision', async () => {
  await app.openAs('dev-town', '/village-assets/pages/town/index');
  const dongling = shown('#town-v-dongling');
  await dongling.waitFor();
  expect(await dongling.innerText()).not.toContain('缺少决议的合同');
  await shown('#threshold-edit').click();
  await shown('#threshold-amount input').fill('30000');
  await shown('#threshold-submit').click();
  await answerModal('confirm', `合同金额达到 ${formatYuan(3_000_000)} 的，须经决议`);
  await expectText(app.page, shown('#town-assets'), `合同金额达到 ${formatYuan(3_000_000)} 须经决议`);
  // 东岭村's factory lease (40,000 元, no decision) now needs one.
  await expectText(app.page, shown('#town-v-dongling'), '缺少决议的合同 1 份');
  expect(app.errors).toEqual([]);
});

test('at 1.4x text the funds check, the waiver and the change forms still fit a phone', async () => {
  await openAtScale(app, 'dev-cadre', '/village-assets/pages/index/index', 1.4);
  await shown('#asset-register').waitFor();
  expect(await layoutFaults(app.page)).toEqual([]);
  await shown('#assets-tab-funds').click();
  await shown('#balance-form').waitFor();
  expect(await layoutFaults(app.page)).toEqual([]);
  await shown('#assets-tab-contracts').click();
  await shown('#contract-HT-02').waitFor();
  await shown('#waive-HT-02-1').click();
  await shown('#waiver-form').waitFor();
  expect(await layoutFaults(app.page)).toEqual([]);
  await openAtScale(
    app,
    'dev-cadre',
    `/village-assets/pages/item/index?itemId=${encodeURIComponent('v-dongling:ZY-002')}`,
    1.4,
  );
  await shown('#change-new').click();
  await shown('#change-kind-resize').click();
  await shown('#change-area').waitFor();
  expect(await layoutFaults(app.page)).toEqual([]);
  expect(app.errors).toEqual([]);
});
