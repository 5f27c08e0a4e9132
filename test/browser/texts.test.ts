import { appPerFile } from './session';
import { MACHINE_TEXT, VISITS, openVisit, shownIn, visibleText } from './pages';
import { at } from '../must';

/**
 * No code, ISO date, period key or file name in any text a person reads: every page of VISITS
 * (each persona's reachable pages; other areas add theirs to the list) is opened as its persona
 * and its visible text scanned.
 */
jest.setTimeout(300_000);

const app = appPerFile();

test.each(VISITS.map((v) => [`${v.persona} ${v.name}`, v] as const))(
  '%s shows no ISO date, period key or file name',
  async (_, visit) => {
    await openVisit(app, visit);
    const text = await visibleText(app.page);
    // The text read is the page on top: it holds what the page's ready element shows.
    const ready = (await shownIn(app.page, visit.ready).innerText()).trim().split('\n')[0];
    expect(text).toContain(ready);
    const found = MACHINE_TEXT.flatMap(({ what, re }) => {
      const m = new RegExp(re.source, `${re.flags}g`);
      return [...text.matchAll(m)].map(
        (x) => `${what}: "${text.slice(Math.max(0, x.index - 12), x.index + x[0].length + 12)}"`,
      );
    });
    expect(found).toEqual([]);
  },
);

test('an attachment uploaded as receipt-nov.png is captioned by what it is', async () => {
  const d = await app.api<{ seriesId: string }>('dev-cadre', 'disclosure', 'publish', {
    requestId: 'texts-test-attachment',
    villageId: 'v-dongling',
    category: 'affairs',
    title: '村部维修费用凭证公示',
    periodKey: '2026-11',
    body: '村部屋顶维修的发票照片。',
    attachments: [{ fileId: '/static/demo/receipt.svg', name: 'receipt-nov.png', kind: 'image' }],
  });
  await openVisit(app, {
    persona: 'dev-resident',
    name: '附件',
    route: `/pages/disclosure/index?seriesId=${d.seriesId}`,
    ready: '.attachment-name',
  });
  expect(await shownIn(app.page, '.attachment-name').innerText()).toBe('凭证照片 1');
  expect(await visibleText(app.page)).not.toContain('receipt');
});

test('the scan is not blind: it finds a key shown on purpose', async () => {
  await openVisit(app, at(VISITS, 0));
  await app.page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = '测试 2026-Q3 2026-11-30 receipt-nov.png';
    const pages = document.querySelectorAll('.taro_page');
    (pages[pages.length - 1] ?? document.body).appendChild(p);
  });
  const text = await visibleText(app.page);
  expect(MACHINE_TEXT.map(({ re }) => re.test(text))).toEqual([true, true, true]);
});

test('no page threw an uncaught error along the way', () => {
  expect(app.errors).toEqual([]);
});
