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
    original = await app.api<DisclosureDetail>('dev-resident', 'disclosure', 'get', { seriesId: latest.seriesId });

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

  // (the cadre, resident-after-correction and town steps follow once their pages exist)
});

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
