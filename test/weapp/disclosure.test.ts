import type {
  DisclosureDetail,
  DisclosureSummary,
  VillageHome,
} from '../../cloudfunctions/common/contracts/disclosure';
import { formatYuan } from '../../cloudfunctions/common/money';
import type { LoadedPage } from './harness';
import { weappSession } from './session';
import { at } from '../must';

/**
 * The compiled mini-program (dist/weapp) in miniprogram-simulate, talking to the real
 * cloud-function handlers over the seeded demo town, as the resident 张桂兰 of 东岭村.
 */
const h = weappSession('dev-resident');

function totalsText(t: { incomeFen: number; expenseFen: number; balanceFen: number }) {
  return [formatYuan(t.incomeFen), formatYuan(t.expenseFen), formatYuan(t.balanceFen)];
}

/** The three amounts of a FinanceTotals block: 收入, 支出, 结余. */
function shownTotals(p: LoadedPage, scope: string) {
  return ['income', 'expense', 'balance'].map((k) =>
    p.$(`${scope} .${k} .total-amount`)?.textContent?.trim(),
  );
}

describe('village home (compiled weapp page)', () => {
  test('shows the village and the totals of its latest finance disclosure, as the handler returns them', async () => {
    const expected = await h.api<VillageHome>('disclosure', 'home', {});
    expect(expected.village.name).toBe('东岭村');
    expect(expected.latestFinance?.totals).toBeTruthy();

    const page = await h.loadPage('pages/home/index');
    await page.waitForText('东岭村');
    expect(page.$('#home-village-name')?.textContent?.trim()).toBe('东岭村');
    await page.waitFor(() => !!page.$('#home-latest-finance'), 'the latest finance card');

    const totals = expected.latestFinance!.totals!;
    expect(shownTotals(page, '#home-latest-finance')).toEqual(totalsText(totals));
    // The page got them through wx.cloud.callFunction, as the resident (identity from the host),
    // in one call that also said who the resident is: no account.me, no disclosure.home.
    const homeCall = h.calls.find((c) => c.name === 'account' && c.action === 'home');
    expect(homeCall?.openid).toBe('dev-resident');
    expect(homeCall?.input).toEqual({});
    const pageCalls = h.calls.map((c) => `${c.name}.${c.action}`);
    expect(pageCalls).not.toContain('account.me');
    expect(pageCalls).not.toContain('disclosure.home');
    // The feed of what is new is painted from the same reply: no call of its own.
    await page.waitFor(() => !!page.$('#home-feed'), 'the feed of what is new');
    expect(h.calls.map((c) => `${c.name}.${c.action}`)).toEqual(['account.home']);
  });

  test('tapping the latest finance card opens that disclosure', async () => {
    const expected = await h.api<VillageHome>('disclosure', 'home', {});
    const page = await h.loadPage('pages/home/index');
    await page.waitFor(() => !!page.$('#home-latest-finance'), 'the latest finance card');

    await page.tap('#home-latest-finance');
    await page.waitFor(() => h.navigations.length > 0, 'a navigation');
    expect(h.navigations).toEqual([
      { api: 'navigateTo', url: `/pages/disclosure/index?seriesId=${expected.latestFinance!.seriesId}` },
    ]);
  });
});

describe('finance disclosure (compiled weapp page)', () => {
  test('shows the title, the totals and the line items the handler returns', async () => {
    const home = await h.api<VillageHome>('disclosure', 'home', {});
    const seriesId = home.latestFinance!.seriesId;
    const d = await h.api<DisclosureDetail>('disclosure', 'get', { seriesId });
    expect(d.category).toBe('finance');

    const page = await h.loadPage('pages/disclosure/index', { seriesId });
    await page.waitForText(d.title);
    expect(page.$('#detail-title')?.textContent?.trim()).toBe(d.title);
    expect(shownTotals(page, '.disclosure-detail')).toEqual(totalsText(d.totals!));
    // Every line item is listed with its amount.
    const lines = page.$$('.line-item');
    expect(lines).toHaveLength(d.items.length);
    for (const item of d.items) {
      const line = lines.find((l) => l.textContent?.includes(item.note));
      expect(line?.textContent).toContain(formatYuan(item.amountFen));
    }
  });
});

describe('disclosure list (compiled weapp page)', () => {
  const cardsShown = (p: LoadedPage) =>
    p.$$('#disclosure-list .disclosure-card').map((el) => ({
      title: el.textContent ?? '',
      category: ['party', 'affairs', 'finance'].filter((c) =>
        Array.from(el.classList).some((k) => k.endsWith(`--category-${c}`)),
      ),
    }));

  test('opens on finance, and a tap on 党务公开 switches the list to party disclosures only', async () => {
    const finance = await h.api<{ items: DisclosureSummary[] }>('disclosure', 'list', {
      category: 'finance',
      skip: 0,
      limit: 10,
    });
    const party = await h.api<{ items: DisclosureSummary[] }>('disclosure', 'list', {
      category: 'party',
      skip: 0,
      limit: 10,
    });
    expect(party.items.length).toBeGreaterThan(0);

    const page = await h.loadPage('pages/disclosures/index');
    await page.waitForText(at(finance.items, 0, 'a finance item').title);
    let cards = cardsShown(page);
    expect(cards).toHaveLength(finance.items.length);
    expect(cards.every((c) => c.category.join() === 'finance')).toBe(true);

    await page.tap('#category-tab-party');
    await page.waitForText(at(party.items, 0, 'a party item').title);
    await page.waitFor(() => !page.text().includes(at(finance.items, 0).title), 'the finance items to go');
    cards = cardsShown(page);
    expect(cards.map((c) => c.category.join())).toEqual(party.items.map(() => 'party'));
    expect(cards.map((c) => c.title)).toEqual(party.items.map((i) => expect.stringContaining(i.title)));
    // The list was asked for party disclosures; no navigation happened.
    expect(
      h.calls.some((c) => c.action === 'list' && (c.input as { category?: string }).category === 'party'),
    ).toBe(true);
    expect(h.navigations).toEqual([]);
  });
});
