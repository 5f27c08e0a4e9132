import type { Locator } from 'playwright-core';
import type { AssetsOutputs } from '../../cloudfunctions/common/contracts/assets';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { DEMO_NOW } from './harness';
import { appPerFile } from './session';

/**
 * 三资 in the H5 build against the local runtime and the demo town: a cadre of 东岭村 registers a
 * fish pond and leases it by a contract that references the village's passed 票决 decision; the
 * server's clock moves past the first due date and the payment is not received, so the town view
 * shows it overdue; the cadre records the payment against a line of a 财务公开; a resident sees
 * the contract (the private lessee by surname only) and the payment. Only the pages act; the API
 * is read to know what to expect.
 */
jest.setTimeout(150_000);

const clock = fixedClock(DEMO_NOW);
const app = appPerFile(clock);

// A 1x1 PNG: the photo taken on the spot.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

test('a pond registered and leased under a 票决 decision; overdue on the town view; paid against a finance line; seen by a resident', async () => {
  const { page } = app;
  await app.openAs('dev-cadre', '/village-assets/pages/index/index');
  await shown('#asset-register').waitFor();

  // Register the pond (12.5 亩, idle).
  await shown('#item-new').click();
  await shown('#category-pond').click();
  await shown('#item-code input').fill('ZY-101');
  await shown('#item-name input').fill('村西养鱼塘');
  await shown('#item-location input').fill('村西水库下');
  await shown('#item-acquired input').fill('2010-05-01');
  await shown('#item-area input').fill('12.5');
  await shown('#status-idle').click();
  // A photo of the pond, uploaded as it is chosen (the demo runtime stores no files: answered here).
  await page.route('**/api/files', (route) =>
    route.fulfill({ json: { ok: true, data: { fileId: '/files/pond-zy101.png' } } }),
  );
  await page.route('**/files/pond-zy101.png', (route) =>
    route.fulfill({ body: PNG, contentType: 'image/png' }),
  );
  await page
    .locator('#item-photo-input')
    .setInputFiles({ name: '鱼塘.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('#item-form .attachment-edit').first().waitFor();
  await shown('#item-submit').click();
  await shown('#item-ZY-101').getByText('面积 12.50 亩').waitFor();
  const registered = await app.api<AssetsOutputs['register']>('dev-cadre', 'assets', 'register');
  expect(registered.items.find((i) => i.code === 'ZY-101')?.photos).toEqual([
    { fileId: '/files/pond-zy101.png', name: '鱼塘.png', kind: 'image' },
  ]);

  // Lease it under the village's passed decision on its pond.
  const decided = await app.api<{ items: { id: string; title: string; status: string }[] }>(
    'dev-cadre',
    'decisions',
    'decisions',
    { limit: 50 },
  );
  const decision = decided.items.find((d) => d.title === '村集体鱼塘对外承包')!;
  expect(decision.status).toBe('resolved');
  await shown('#assets-tab-contracts').click();
  await shown('#contract-new').click();
  await shown('#contract-code input').fill('HT-2026-11');
  await shown('#kind-lease').click();
  await shown('[id="object-v-dongling:ZY-101"]').click();
  await shown('#party-person').click();
  await shown('#contract-party input').fill('赵长生');
  await shown('#contract-start input').fill('2026-11-23');
  await shown('#contract-end input').fill('2029-11-22');
  await shown('#contract-amount input').fill('36000');
  const dues = ['2026-11-30', '2027-11-30', '2028-11-30'];
  for (const [i, dueOn] of dues.entries()) {
    if (i > 0) await shown('#schedule-add').click();
    await page.locator(`#schedule-${i} input`).nth(0).fill(dueOn);
    await page
      .locator(`#schedule-${i} input`)
      .nth(1)
      .fill(i === 2 ? '12001' : '12000');
  }
  // 36,001 yuan in the schedule against 36,000: refused in Chinese, nothing registered.
  await shown(`[id="decision-${decision.id}"]`).click();
  await shown('#contract-submit').click();
  await shown('#contract-form .form-error').getByText('收款计划各期金额之和须等于合同总金额').waitFor();
  await page.locator('#schedule-2 input').nth(1).fill('12000');
  await shown('#contract-submit').click();
  const card = shown('#contract-HT-2026-11');
  await card.getByText('依据决策：村集体鱼塘对外承包').waitFor();
  await card.getByText('赵长生').waitFor();
  await shown('#receivable-HT-2026-11-1').getByText('待收').waitFor();

  // 2026年12月1日 (China): the first payment fell due yesterday and was not received.
  clock.set('2026-12-01T02:00:00.000Z');
  const town = await app.api<AssetsOutputs['townView']>('dev-town', 'assets', 'townView');
  const dongling = town.villages.find((v) => v.villageName === '东岭村')!;
  await app.openAs('dev-town', '/village-assets/pages/town/index');
  await shown(`#town-${dongling.villageId}`).getByText(`逾期未收 ${dongling.overdue.count} 笔`).waitFor();
  expect(dongling.overdue.count).toBe(2); // the demo's own overdue payment and this one

  // The cadre records the payment against a line of the village's 财务公开.
  await app.openAs('dev-cadre', '/village-assets/pages/index/index');
  await shown('#assets-tab-contracts').click();
  await shown('#receivable-HT-2026-11-1').getByText('逾期未收').waitFor();
  await shown('#pay-HT-2026-11-1').click();
  await shown('#payment-date input').fill('2026-12-01');
  await shown('#payment-form [id^="finance-"]').click();
  await shown('#payment-form [id^="line-"]').click();
  await shown('#payment-submit').click();
  await shown('#receivable-HT-2026-11-1').getByText('已收').waitFor();
  const after = await app.api<AssetsOutputs['townView']>('dev-town', 'assets', 'townView');
  expect(after.villages.find((v) => v.villageName === '东岭村')!.overdue.count).toBe(1);

  // A resident sees the contract, the lessee by surname only, and the payment received.
  await app.openAs('dev-resident', '/village-assets/pages/index/index');
  await shown('#item-ZY-101').waitFor();
  await shown('#assets-tab-contracts').click();
  await shown('#contract-HT-2026-11').getByText('赵某').waitFor();
  await shown('#receivable-HT-2026-11-1').getByText('已收').waitFor();
  await shown('#receivable-HT-2026-11-1').getByText('2026年12月1日收到，已列入财务公开').waitFor();
  expect(await page.locator('#assets-screen').innerText()).not.toContain('赵长生');
  expect(await page.locator('#contract-new').count()).toBe(0);
  expect(app.errors).toEqual([]);
});

test('the 村监委 checks the register; a discrepancy reaches the town view', async () => {
  const { page } = app;
  await app.openAs('dev-supervisor', '/village-assets/pages/stocktake/index');
  await shown('#check-ZY-001').waitFor();
  for (const code of ['ZY-001', 'ZY-002', 'ZC-002', 'ZJ-001']) await shown(`#check-${code}-present`).click();
  await shown('#check-ZC-001-changed').click();
  await page.locator('#check-ZC-001-note input').fill('东侧两间被改作仓库，未登记变动');
  await shown('#stocktake-submit').click();
  await shown('#stocktake-list').getByText('盘点 5 项，1 项不符').waitFor();
  await shown('#stocktake-list')
    .getByText('村集体厂房：与登记不符（东侧两间被改作仓库，未登记变动）')
    .waitFor();
  const town = await app.api<AssetsOutputs['townView']>('dev-town', 'assets', 'townView');
  const dongling = town.villages.find((v) => v.villageName === '东岭村')!;
  expect(dongling.discrepancies).toBe(1);
  await app.openAs('dev-town', '/village-assets/pages/town/index');
  await shown(`#town-${dongling.villageId}`).getByText('盘点不符 1 项').waitFor();
});
