import type { DisclosureSummary, VillageHome } from '../../cloudfunctions/common/contracts/disclosure';
import { formatYuan } from '../../cloudfunctions/common/money';
import { appPerFile } from './session';
import { VISITS, forceScale, layoutFaults, openAtScale, openVisit, screenshot, shownIn } from './pages';

/**
 * 大字模式 (1.3x) and WeChat's largest font (1.4x) at phone width: money is never broken inside,
 * nothing is wider than the phone or cut off, the tab bar grows with the text, and the publish
 * form's date field shows its whole date. Screenshots at 1.3x are saved for a person to look at.
 */
jest.setTimeout(180_000);

let home: VillageHome;
let finance: DisclosureSummary;

const app = appPerFile();

beforeAll(async () => {
  home = await app.api<VillageHome>('dev-resident', 'disclosure', 'home');
  finance = home.latestFinance!;
});

const shown = (s: string) => shownIn(app.page, s);

async function settle() {
  await app.page.waitForLoadState('networkidle').catch(() => undefined);
  await app.page.waitForTimeout(200);
}

describe.each([1.3, 1.4] as const)('text at %sx on a 375 px phone', (scale) => {
  const tag = String(scale).replace('.', '');

  test('home: the latest money reads whole, the page fits, the tab bar grows', async () => {
    await openAtScale(app, 'dev-resident', '/pages/home/index', scale);
    await shown('#home-latest-finance .total-amount').waitFor();
    await settle();
    expect(await app.page.locator('.screen').locator('visible=true').first().getAttribute('class')).toMatch(
      scale === 1.3 ? /fs-130/ : /screen/,
    );
    const amounts = await app.page.locator('#home-latest-finance .total-amount').allInnerTexts();
    expect(amounts).toEqual([
      formatYuan(finance.totals!.incomeFen),
      formatYuan(finance.totals!.expenseFen),
      formatYuan(finance.totals!.balanceFen),
    ]);
    expect(await layoutFaults(app.page)).toEqual([]);
    // The tab bar's labels are read at the same scale as the pages (13 px at 1x).
    const labelPx = await app.page
      .locator('.weui-tabbar__label')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(labelPx).toBeCloseTo(13 * scale, 0);
    if (scale === 1.3) await screenshot(app.page, 'home-large-text.png');
    else await screenshot(app.page, `home-large-text-${tag}.png`);
  });

  test('the finance list: every card keeps its amounts on one line', async () => {
    await openAtScale(app, 'dev-resident', '/pages/disclosures/index', scale);
    await shown('#category-tab-finance').click();
    await shown('.disclosure-card .total-amount').waitFor();
    await settle();
    expect(await layoutFaults(app.page)).toEqual([]);
    if (scale === 1.3) await screenshot(app.page, 'finance-list-large-text.png');
  });

  test('a finance disclosure: totals, subtotals and every line amount read whole', async () => {
    await openAtScale(app, 'dev-resident', `/pages/disclosure/index?seriesId=${finance.seriesId}`, scale);
    await shown('.line-item .line-amount').waitFor();
    await settle();
    expect(await layoutFaults(app.page)).toEqual([]);
    if (scale === 1.3) await screenshot(app.page, 'finance-detail-large-text.png');
    await shown('.line-item').scrollIntoViewIfNeeded();
    if (scale === 1.3) await screenshot(app.page, 'finance-detail-items-large-text.png');
  });

  test('the cadre forms: publish (with its date field), members, status lay out', async () => {
    await openAtScale(app, 'dev-cadre', '/cadre/publish/index', scale);
    await shown('#disclosure-form').waitFor();
    await shown('#form-category-affairs').click();
    await shown('#form-major').click();
    const date = shown('#form-occurred');
    await date.waitFor();
    await date.click();
    await shown('.nut-picker-control, .nut-datepicker').waitFor();
    await app.page.locator('.nut-picker-confirm-btn').locator('visible=true').first().click();
    await expectDateShown();
    expect(await layoutFaults(app.page)).toEqual([]);
    if (scale === 1.3) await screenshot(app.page, 'publish-form-large-text.png');

    for (const [route, ready] of [
      ['/cadre/members/index', '#member-list .member-row'],
      ['/cadre/status/index', '.status-card'],
    ] as const) {
      await openAtScale(app, 'dev-cadre', route, scale);
      await shown(ready).waitFor();
      await settle();
      expect([route, await layoutFaults(app.page)]).toEqual([route, []]);
    }
  });

  test('the survey, its results and the monthly report lay out', async () => {
    for (const [name, file] of [
      ['满意度测评', 'survey-large-text.png'],
      ['测评结果', 'survey-results-large-text.png'],
      ['已发布的月报', 'report-large-text.png'],
    ] as const) {
      const visit = VISITS.find((v) => v.persona === 'dev-resident' && v.name === name)!;
      const route = typeof visit.route === 'string' ? visit.route : await visit.route(app);
      await openAtScale(app, 'dev-resident', route, scale);
      await shownIn(app.page, visit.ready).waitFor();
      await settle();
      expect([name, await layoutFaults(app.page)]).toEqual([name, []]);
      if (scale === 1.3) await screenshot(app.page, file);
    }
  });
});

/** The picked date is shown whole, inside its box. */
async function expectDateShown() {
  const value = shown('#form-occurred .date-field-value');
  await value.waitFor();
  expect(await value.innerText()).toBe('2026年11月23日');
  const [box, text] = await Promise.all([shown('#form-occurred').boundingBox(), value.boundingBox()]);
  expect(text!.x).toBeGreaterThanOrEqual(box!.x);
  expect(text!.x + text!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
  expect(text!.height).toBeLessThanOrEqual(box!.height);
}

describe('every page a resident, a cadre, a supervisor and a town admin reach, at 1.4x', () => {
  test.each(VISITS.map((v) => [`${v.persona} ${v.name}`, v] as const))('%s lays out', async (_, visit) => {
    await openVisit(app, visit);
    await forceScale(app.page, 1.4);
    await settle();
    expect(await layoutFaults(app.page)).toEqual([]);
  });
});

test('the layout check is not blind: the old rule that broke money is caught', async () => {
  await openAtScale(app, 'dev-resident', '/pages/home/index', 1.3);
  await shown('#home-latest-finance .total-amount').waitFor();
  expect(await layoutFaults(app.page)).toEqual([]);
  // What the home card did before: amounts allowed to break anywhere in narrow boxes.
  await app.page.addStyleTag({
    content:
      '.total-amount { white-space: normal !important; word-break: break-all; } .finance-totals .total { flex: 0 0 60px !important; }',
  });
  const faults = await layoutFaults(app.page);
  expect(faults.some((f) => f.startsWith('broken over'))).toBe(true);
  // And a box wider than the phone.
  await app.page.addStyleTag({ content: '.home-village { display: block; width: 900px; }' });
  expect((await layoutFaults(app.page)).some((f) => f.startsWith('wider than the phone'))).toBe(true);
});

test('no page threw an uncaught error along the way', () => {
  expect(app.errors).toEqual([]);
});
