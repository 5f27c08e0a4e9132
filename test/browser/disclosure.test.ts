import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type {
  CadenceStatus,
  DisclosureDetail,
  Totals,
  VillageHome,
} from '../../cloudfunctions/common/contracts/disclosure';
import { formatYuan } from '../../cloudfunctions/common/money';
import { ROOT } from './harness';
import { appPerFile } from './session';
import { expectText as expectTextOn } from './pages';

/**
 * 三务公开 end to end in the H5 build against the local runtime (same handlers, embedded store,
 * seeded demo town, the demo's fixed "today"): a resident reads the money, a cadre corrects it,
 * the resident sees both versions, the town sees who is late. Only the page UI is used to act;
 * the API is read only to know what the pages must show.
 */
jest.setTimeout(90_000);

const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const updateShots = process.env.UPDATE_SCREENSHOTS === '1';

const app = appPerFile();

/** The visible element of the page on top (H5 keeps earlier pages of the stack, hidden). */
const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

const money = (t: Totals) => [formatYuan(t.incomeFen), formatYuan(t.expenseFen), formatYuan(t.balanceFen)];

async function totalsIn(scope: Locator): Promise<string[]> {
  const out: string[] = [];
  for (const k of ['income', 'expense', 'balance']) {
    out.push((await scope.locator(`.total.${k} .total-amount`).first().innerText()).trim());
  }
  return out;
}

async function shoot(name: string) {
  if (!updateShots) return;
  mkdirSync(SHOTS, { recursive: true });
  await app.page.waitForTimeout(300); // let images and fonts settle
  await app.page.screenshot({ path: join(SHOTS, name) });
}

// Shared by the steps below, in order: the disclosure the resident reads and the cadre corrects.
let home: VillageHome;
let original: DisclosureDetail;

describe('三务公开 in the browser', () => {
  test('a resident signs in, opens the village home, opens a finance disclosure and reads its totals', async () => {
    home = await app.api<VillageHome>('dev-resident', 'disclosure', 'home');
    const latest = home.latestFinance!;
    original = await app.api<DisclosureDetail>('dev-resident', 'disclosure', 'get', {
      seriesId: latest.seriesId,
    });

    // Signed out: the 我的 page offers the demo personas in place of WeChat login.
    await app.openAs('', '/pages/me/index');
    await shown('#persona-dev-resident').click();
    await shown('#persona-dev-resident.active').waitFor();
    await app.page.locator('.weui-tabbar__item', { hasText: '本村' }).click();

    await expectText(shown('#home-village-name'), '东岭村');
    const card = shown('#home-latest-finance');
    await card.waitFor();
    expect(await totalsIn(card)).toEqual(money(latest.totals!));
    await shoot('home-resident.png');

    await card.click();
    await expectText(shown('#detail-title'), original.title);
    expect(await totalsIn(shown('.disclosure-detail'))).toEqual(money(original.totals!));
    // The line items are there too, each with its amount.
    const lines = app.page.locator('.line-item').locator('visible=true');
    await expect(lines.count()).resolves.toBe(original.items.length);
  });

  let corrected: Totals;
  const reason = '10月办公用品、水电费金额录入有误，按发票更正';

  test('a cadre publishes a correction: gives the reason and changes an amount on the correct page', async () => {
    const office = original.items.find((i) => i.note === '办公用品、水电费')!;
    const newFen = office.amountFen + 12_345; // 123.45 yuan more than first published
    corrected = {
      incomeFen: original.totals!.incomeFen,
      expenseFen: original.totals!.expenseFen + 12_345,
      balanceFen: original.totals!.balanceFen - 12_345,
    };

    await app.openAs('dev-cadre', `/pages/disclosure/index?seriesId=${original.seriesId}`);
    await expectText(shown('#detail-title'), original.title);
    await shown('#detail-correct').click();

    await shown('#disclosure-form').waitFor();
    await shown('#form-reason textarea').fill(reason);
    const row = await rowWithNote(office.note);
    const amount = row.locator('.item-amount input');
    expect(await amount.inputValue()).toBe((office.amountFen / 100).toFixed(2));
    await amount.fill((newFen / 100).toFixed(2));
    // The form's running totals follow the typing.
    expect(await totalsIn(shown('#form-totals'))).toEqual(money(corrected));
    await shown('#publish-submit').click();
    await confirmModal();

    // Back on the disclosure: the new version, with its reason and the new totals.
    await expectText(shown('.version-label'), '第2版（共2版）');
    await expectText(shown('.version-reason'), reason);
    expect(await totalsIn(shown('.disclosure-detail'))).toEqual(money(corrected));
    const now = await app.api<DisclosureDetail>('dev-cadre', 'disclosure', 'get', {
      seriesId: original.seriesId,
    });
    expect(now.version).toBe(2);
    expect(now.totals).toEqual(corrected);
  });

  test('the resident sees the new version and can still open the old one', async () => {
    await app.openAs('dev-resident', '/pages/home/index');
    const card = shown('#home-latest-finance');
    await card.waitFor();
    await expectTotals(card, money(corrected));
    await card.click();

    await expectText(shown('.version-label'), '第2版（共2版）');
    await expectText(shown('.version-reason'), reason);
    expect(await totalsIn(shown('.disclosure-detail'))).toEqual(money(corrected));
    await expect(shown('#old-version-banner').count()).resolves.toBe(0);

    // 历次版本: the first version, as it was published.
    await shown('.version-item[data-version="1"]').click();
    await expectText(shown('#old-version-banner'), '这是旧版本');
    await expectText(shown('.version-label'), '第1版（共2版）');
    expect(await totalsIn(shown('.disclosure-detail'))).toEqual(money(original.totals!));
    await expectText(shown('#detail-title'), original.title);
  });

  test('a town admin sees which villages are overdue', async () => {
    const town = await app.api<{ villages: CadenceStatus[] }>('dev-town', 'disclosure', 'townStatus');
    const overdue = town.villages.filter((v) => v.state === 'overdue').map((v) => v.villageName);
    // The demo town's gaps: 西河村 missed two months of finance, 北坡村 a quarter of party affairs
    // and a month of finance; 东岭村 published everything on time.
    expect(overdue).toEqual(expect.arrayContaining(['西河村', '北坡村']));
    expect(overdue).not.toContain('东岭村');

    await app.openAs('dev-town', '/town/overview/index');
    await expectText(shown('#town-summary'), `共${town.villages.length}村，${overdue.length}村有逾期`);
    for (const v of town.villages) {
      const row = shown(`#town-village-${v.villageId}`);
      await expectText(row, v.villageName);
      const cls = (await row.getAttribute('class')) ?? '';
      expect([v.villageName, cls.includes('status-overdue') ? 'overdue' : 'onTime']).toEqual([
        v.villageName,
        v.state,
      ]);
      await expectText(row, v.state === 'overdue' ? `${v.overdue.length}项逾期` : '按时公开');
    }
    // 西河村 has missed two monthly finance disclosures (September and October).
    await expectText(shown('#town-village-v-xihe'), '财务 2026年9月 逾期');
    await expectText(shown('#town-village-v-dongling'), '按时公开');
    await shoot('town-overview.png');
  });

  test('a cadre pastes a month of accounts from Excel, checks the preview, appends and publishes', async () => {
    // Columns as a cadre keeps them: 收支 科目 金额 摘要 日期; then each row's fen by hand
    // (income positive, expense negative).
    const entries: [string, string, string, string, string, number][] = [
      ['收入', '补助收入', '30,000.00', '镇拨付村级组织运转经费', '2026/10/8', 3_000_000],
      ['收入', '发包及上交收入', '12,600.00', '东岭鱼塘发包款', '2026/10/9', 1_260_000],
      ['收入', '投资收益', '8,826.34', '村股份经济合作社分红', '2026/10/20', 882_634],
      ['收', '其他收入', '136.72', '银行存款利息', '10月21日', 13_672],
      ['支出', '管理费用', '539.50', '办公用品', '2026/10/10', -53_950],
      ['支出', '管理费用', '¥416.30', '电费（村部）', '2026/10/16', -41_630],
      ['支出', '公益支出', '６，８５０．００', '村内道路保洁（10月）', '2026/10/31', -685_000],
      ['支出', '公益支出', '2,416.80', '路灯维修更换 12 盏', '13', -241_680],
      ['支', '经营支出', '1,860.00', '厂房屋顶修补', '2026/10/7', -186_000],
      ['', '其他支出', '35.00', '银行手续费', '', -3_500],
    ];
    const bad = '支出\t招待费\t300.00\t接待\t2026/10/9';
    const text = [
      '收支\t科目\t金额（元）\t摘要\t日期',
      ...entries.slice(0, 5).map((e) => e.slice(0, 5).join('\t')),
      '',
      bad,
      ...entries.slice(5).map((e) => e.slice(0, 5).join('\t')),
    ].join('\r\n');
    const incomeFen = entries.reduce((a, e) => a + Math.max(e[5], 0), 0);
    const expenseFen = entries.reduce((a, e) => a - Math.min(e[5], 0), 0);
    const pasted: Totals = { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
    const title = '东岭村2026年10月财务收支公开（补充）';

    await app.openAs('dev-cadre', '/cadre/publish/index');
    await shown('#disclosure-form').waitFor();
    await shown('#form-title input').fill(title);
    await shown('#items-paste-open').click();
    await shown('#items-paste-text textarea').fill(text);

    // The preview: every row with its values, the bad one named by its line, totals of the good ones.
    await expectText(shown('#items-paste-summary'), '共 11 行，可加入 10 条，1 行有问题');
    const preview = shown('#items-paste-preview');
    await expectText(preview.locator('.paste-row[data-line="8"]'), '第8行：不认识的科目“招待费”');
    await expectText(preview.locator('.paste-row[data-line="9"]'), '2026年10月16日');
    await expectText(preview.locator('.paste-row[data-line="10"]'), '6,850.00');
    expect(await totalsIn(preview.locator('.paste-totals'))).toEqual(money(pasted));

    await shown('#items-paste-append').click();
    await expectText(shown('#items-paste-done'), '已追加 10 条明细，1 行有问题未加入');
    const rows = app.page.locator('.item-row').locator('visible=true');
    await expect(rows.count()).resolves.toBe(entries.length);
    expect(await totalsIn(shown('#form-totals'))).toEqual(money(pasted));

    // On a keyboard, Enter in the last row's amount adds a row and moves there; it is removed again.
    await rows.last().locator('.item-amount input').press('Enter');
    await rows.nth(entries.length).waitFor();
    await app.page.waitForFunction(
      (i) => document.activeElement?.closest('.item-row')?.getAttribute('data-index') === String(i),
      entries.length,
    );
    expect(await app.page.evaluate(() => document.activeElement?.closest('.item-amount') !== null)).toBe(
      true,
    );
    await rows.last().locator('.item-remove').click();
    await rows.nth(entries.length).waitFor({ state: 'detached' });

    await shown('#publish-submit').click();
    await confirmModal();
    await expectText(shown('#detail-title'), title);
    expect(await totalsIn(shown('.disclosure-detail'))).toEqual(money(pasted));
    await expect(app.page.locator('.line-item').locator('visible=true').count()).resolves.toBe(
      entries.length,
    );
    const list = await app.api<{ items: { title: string; totals: Totals | null }[] }>(
      'dev-cadre',
      'disclosure',
      'list',
      { category: 'finance' },
    );
    expect(list.items.find((d) => d.title === title)?.totals).toEqual(pasted);
  });

  test('no page threw an uncaught error along the way', () => {
    expect(app.errors).toEqual([]);
  });
});

/** Publishing asks once: the test confirms. */
async function confirmModal() {
  await app.page.locator('.taro-model__confirm').locator('visible=true').first().click();
}

/** The line-item row of the form whose 摘要 field holds `note`. */
async function rowWithNote(note: string): Promise<Locator> {
  const rows = app.page.locator('.item-row').locator('visible=true');
  await rows.first().waitFor();
  const notes = await rows
    .locator('.item-note input')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const i = notes.indexOf(note);
  if (i < 0) throw new Error(`no line item "${note}" in the form; rows: ${notes.join(' | ')}`);
  return rows.nth(i);
}

async function expectTotals(scope: Locator, expected: string[]) {
  const deadline = Date.now() + 10_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await totalsIn(scope);
    if (seen.join() === expected.join()) return;
    await app.page.waitForTimeout(100);
  }
  expect(seen).toEqual(expected);
}

/** The page's text check (./pages.ts), on this file's page. */
const expectText = (locator: Locator, text: string) => expectTextOn(app.page, locator, text);
