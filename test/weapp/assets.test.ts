import type { AssetsOutputs } from '../../cloudfunctions/common/contracts/assets';
import { formatYuan } from '../../cloudfunctions/common/money';
import { weappSession } from './session';

/**
 * The compiled mini-program (dist/weapp) in miniprogram-simulate over the seeded demo town, as
 * the resident 张桂兰 of 东岭村: the village's 三资 page with its register (areas in 亩, values in
 * yuan), and its contracts with the private lessee by surname only, the payment overdue and the
 * payments received.
 */
const h = weappSession('dev-resident');

test('the register: every item with its area or value, nothing to edit for a resident', async () => {
  const reg = await h.api<AssetsOutputs['register']>('assets', 'register', {});
  const pond = reg.items.find((i) => i.category === 'pond')!;
  const page = await h.loadPage('village-assets/pages/index/index');
  await page.waitForText(pond.name);
  expect(page.$$('#asset-register .asset-item')).toHaveLength(reg.items.length);
  expect(page.$(`#item-${pond.code}`)?.textContent).toContain('面积 30.00 亩');
  const shed = reg.items.find((i) => i.category === 'building')!;
  expect(page.$(`#item-${shed.code}`)?.textContent).toContain(`原值 ${formatYuan(shed.valueFen)}`);
  expect(page.$(`#item-${shed.code}`)?.textContent).toContain('出租（发包）');
  expect(page.$('#item-new')).toBeNull();
  expect(h.calls.find((c) => c.action === 'register')).toMatchObject({ openid: 'dev-resident', input: {} });
});

test('the contracts: the private lessee by surname only, the overdue payment and the ones received', async () => {
  const cs = await h.api<AssetsOutputs['contracts']>('assets', 'contracts', {}, 'dev-resident');
  const pond = cs.contracts.find((c) => c.code === 'HT-01')!;
  expect(pond.counterparty).toBe('王某');
  const page = await h.loadPage('village-assets/pages/index/index');
  await page.waitForText('登记簿');
  await page.tap('#assets-tab-contracts');
  await page.waitForText('合同与收款');
  await page.waitFor(() => !!page.$('#contract-HT-01'), 'the pond contract');
  const card = page.$('#contract-HT-01')!;
  expect(card.textContent).toContain('王某');
  expect(page.text()).not.toContain('王建国');
  expect(page.$('#receivable-HT-01-1')?.textContent).toContain('逾期未收');
  expect(page.$('#receivable-HT-03-1')?.textContent).toContain('已收');
  expect(page.$('#contract-HT-03')?.textContent).toContain('已到期仍占用');
  expect(page.$('#contract-new')).toBeNull();
  expect(page.$('#pay-HT-01-1')).toBeNull();
});
