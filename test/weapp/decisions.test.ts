import type { DecisionsOutputs } from '../../cloudfunctions/common/contracts/decisions';
import { weappSession } from './session';

/**
 * The compiled mini-program (dist/weapp) in miniprogram-simulate over the seeded demo town, as
 * the resident 张桂兰 of 东岭村: the power list searched for 低保, and a decision page whose
 * 村民代表会议 lacked a quorum.
 */
const h = weappSession('dev-resident');

describe('power list (compiled weapp page)', () => {
  test('a search for 低保 lists the 低保 item first, and a tap opens its flow', async () => {
    const expected = await h.api<DecisionsOutputs['items']>('decisions', 'items', { query: '低保怎么申请' });
    const first = expected.items[0]!;
    expect(first.name).toBe('最低生活保障（低保）申请');

    const page = await h.loadPage('decisions/pages/list/index', { q: encodeURIComponent('低保怎么申请') });
    await page.waitForText(first.name);
    const cards = page.$$('#power-results .power-item');
    expect(cards.map((c) => c.textContent?.trim().slice(0, first.name.length))[0]).toBe(first.name);
    expect(cards).toHaveLength(expected.items.length);
    const searched = h.calls.find((c) => c.name === 'decisions' && c.action === 'items');
    expect(searched).toMatchObject({
      openid: 'dev-resident',
      input: { list: 'power', query: '低保怎么申请' },
    });

    await page.tap(cards[0]!);
    await page.waitFor(() => h.navigations.length > 0, 'a navigation');
    expect(h.navigations).toEqual([
      { api: 'navigateTo', url: `/decisions/pages/item/index?id=${encodeURIComponent(first.id)}` },
    ]);
  });

  test('the item page draws the flow, one box per step, in order', async () => {
    const list = await h.api<DecisionsOutputs['items']>('decisions', 'items', { query: '宅基地' });
    const item = await h.api<DecisionsOutputs['item']>('decisions', 'item', { itemId: list.items[0]!.id });
    const page = await h.loadPage('decisions/pages/item/index', { id: item.id });
    await page.waitForText(item.name);
    const boxes = page.$$('#item-flow .flow-step');
    expect(boxes.map((b) => b.textContent?.includes(item.steps[boxes.indexOf(b)]!.action))).toEqual(
      item.steps.map(() => true),
    );
  });
});

describe('decision page (compiled weapp page)', () => {
  test('shows the six steps and the 村民代表会议 that lacked a quorum, to be held again', async () => {
    const list = await h.api<DecisionsOutputs['decisions']>('decisions', 'decisions', {});
    const budget = list.items.find((d) => d.category === 'budget')!;
    const d = await h.api<DecisionsOutputs['decision']>('decisions', 'decision', { decisionId: budget.id });
    const failed = d.meetings.at(-1)!;
    expect(failed.outcome).toBe('noQuorum');

    const page = await h.loadPage('decisions/pages/decision/index', { id: d.id });
    await page.waitForText(d.title);
    expect(page.$$('#decision-steps .dc-step')).toHaveLength(6);
    expect(page.$('#step-resolution')?.textContent).toContain('待办理');
    const attempt = page.$('#attempt-resolution-1');
    expect(attempt?.textContent).toContain('到会人数不足，会议无效');
    expect(attempt?.textContent).toContain(`应到 ${failed.entitled} 人，实到 ${failed.present} 人`);
    // A resident reads; no form to record or confirm is offered.
    expect(page.$('#meeting-form')).toBeNull();
    expect(page.$$('.confirm-button')).toHaveLength(0);
  });
});
