import type { ItemSummary } from '../../cloudfunctions/common/contracts/oversight';
import type { DisclosureOutputs } from '../../cloudfunctions/common/contracts/disclosure';
import type { LoadedPage } from './harness';
import { weappSession } from './session';

/**
 * 问题反映 in the compiled mini-program (dist/weapp, miniprogram-simulate), against the real
 * handlers over the seeded demo town: the raise page from one line of a finance disclosure, and
 * the reporter's item page with its steps and the rating.
 */
const h = weappSession('dev-resident');

interface WxEventApi {
  Event: {
    create(name: string, detail: object, options: object): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
}

/** Typing as WeChat reports it: an 'input' event with the new value on the native field. */
async function type(p: LoadedPage, selector: string, value: string) {
  const el = p.$(selector) as (HTMLElement & { __wxElement?: unknown }) | null;
  if (!el?.__wxElement) throw new Error(`no field at ${selector}; page shows: ${p.text().slice(0, 300)}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser') as WxEventApi;
  const event = exparser.Event.create(
    'input',
    { value, cursor: value.length },
    { bubbles: false, composed: true },
  );
  exparser.Event.dispatchEvent(el.__wxElement, event);
  await new Promise((r) => setTimeout(r, 30));
}

describe('raise page (compiled weapp page)', () => {
  test('from one line of a finance disclosure: the name choice is required, then the question goes in as the resident', async () => {
    const list = await h.api<DisclosureOutputs['list']>('disclosure', 'list', {
      villageId: 'v-dongling',
      category: 'finance',
      limit: 1,
    });
    const d = list.items[0];
    if (!d) throw new Error('no finance disclosure in the demo town');

    const page = await h.loadPage('oversight/pages/raise/index', {
      seriesId: d.seriesId,
      version: String(d.version),
      itemIndex: '1',
    });
    await page.waitForText('第 2 条明细');
    await type(page, '#raise-text', '这笔支出的依据是什么？请公开合同。');
    await page.tap('#raise-submit');
    await page.waitForText('请选择是否让村干部看到您的姓名');
    expect(h.calls.filter((c) => c.action === 'raise')).toEqual([]);

    await page.tap('#raise-name-hide');
    await page.tap('#raise-submit');
    await page.waitFor(() => h.navigations.some((n) => n.api === 'redirectTo'), 'the item page');
    const raised = h.calls.find((c) => c.name === 'oversight' && c.action === 'raise');
    expect(raised?.openid).toBe('dev-resident');
    expect(raised?.input).toMatchObject({
      category: 'finance',
      text: '这笔支出的依据是什么？请公开合同。',
      showName: false,
      subject: { kind: 'disclosure', seriesId: d.seriesId, version: d.version, itemIndex: 1 },
    });
    expect(raised?.reply.ok).toBe(true);
    const id = raised?.reply.ok ? (raised.reply.data as { id: string }).id : '';
    expect(h.navigations).toContainEqual({ api: 'redirectTo', url: `/oversight/pages/item/index?id=${id}` });
  });
});

describe("reporter's item page (compiled weapp page)", () => {
  test('shows every step of an answered question and takes the rating once', async () => {
    const mine = await h.api<{ rows: ItemSummary[] }>('oversight', 'mine', {});
    const waiting = mine.rows.find((r) => r.state === 'verified');
    if (!waiting) throw new Error('the demo has no answered question of this resident');

    const page = await h.loadPage('oversight/pages/item/index', { id: waiting.id });
    await page.waitForText('待评价');
    for (const step of ['提出反映', '村监委受理', '村干部答复', '村监委核实通过'])
      expect(page.text()).toContain(step);
    expect(page.text()).toContain('对答复进行评价');

    await page.tap('#rate-satisfied');
    await page.tap('#rate-submit');
    await page.waitForText('已办结');
    expect(page.text()).toContain('反映人评价：满意');
    // Rated once: the rating box is gone.
    expect(page.$('#action-rate')).toBeNull();
    const rated = h.calls.filter((c) => c.action === 'rate');
    expect(rated.map((c) => [c.openid, (c.input as { rating: string }).rating])).toEqual([
      ['dev-resident', 'satisfied'],
    ]);
  });
});
