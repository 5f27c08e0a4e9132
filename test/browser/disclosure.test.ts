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
import { ROOT, startApp, type App } from './harness';

/**
 * 三务公开 end to end in the H5 build against the local runtime (same handlers, embedded store,
 * seeded demo town, the demo's fixed "today"): a resident reads the money, a cadre corrects it,
 * the resident sees both versions, the town sees who is late. Only the page UI is used to act;
 * the API is read only to know what the pages must show.
 */
jest.setTimeout(90_000);

const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const updateShots = process.env.UPDATE_SCREENSHOTS === '1';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

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

  test('no page threw an uncaught error along the way', () => {
    expect(app.errors).toEqual([]);
  });
});

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

async function expectText(locator: Locator, text: string) {
  await locator.waitFor();
  const deadline = Date.now() + 10_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.innerText()).trim();
    if (seen.includes(text)) return;
    await app.page.waitForTimeout(100);
  }
  throw new Error(`expected "${text}", saw "${seen}"`);
}
