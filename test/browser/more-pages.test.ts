import type { Locator, Route } from 'playwright-core';
import { startApp, type App } from './harness';

/**
 * 加载更多 on the town's views (惠民资金 flags, 四议两公开): the demo town fits on one page, so the
 * runtime's replies are routed to say a page follows, as a town of many villages would. A tap
 * appends the next page once; a page that fails to come says so and loads on a second tap.
 */
jest.setTimeout(120_000);

let app: App;
beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

const SCREENS = [
  {
    name: '镇·惠民资金监督',
    fn: 'disclosure',
    action: 'payoutTown',
    route: '/payouts/pages/flags/index',
    ready: '#payout-town',
    rows: 'villages',
    next: 'next',
    rowId: (id: string) => `#payout-village-${id}`,
  },
  {
    name: '镇·四议两公开',
    fn: 'decisions',
    action: 'townView',
    route: '/decisions/pages/town/index',
    ready: '#town-decisions',
    rows: 'villages',
    next: 'nextCursor',
    rowId: (id: string) => `#town-${id}`,
  },
] as const;

test.each(SCREENS)(
  '$name: a second page is appended once, and a failed one loads on a second tap',
  async (s) => {
    const asked: (string | undefined)[] = [];
    let failOnce = true;
    let aRow: Record<string, unknown> | undefined;
    await app.page.route(`**/api/fn/${s.fn}`, async (route: Route) => {
      const body = route.request().postDataJSON() as { action: string; input: { cursor?: string } };
      if (body.action !== s.action) return route.continue();
      asked.push(body.input.cursor);
      const real = await route.fetch();
      const reply = (await real.json()) as { ok: boolean; data: Record<string, unknown> };
      const rows = reply.data[s.rows] as { villageId: string; villageName: string }[];
      if (!body.input.cursor) {
        aRow = rows[0];
        // The first page, as if more villages followed it.
        reply.data[s.next] = rows[rows.length - 1]?.villageId ?? null;
        return route.fulfill({ response: real, json: reply });
      }
      if (failOnce) {
        failOnce = false;
        return route.fulfill({
          json: { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' },
        });
      }
      // The page after the demo's last village: a village like the first, of another name.
      reply.data[s.rows] = [{ ...aRow, villageId: 'v-page-2', villageName: '第二页村' }];
      reply.data[s.next] = null;
      return route.fulfill({ response: real, json: reply });
    });
    const more = () => shown(`${s.ready} .nut-button`).filter({ hasText: '加载更多村' });
    try {
      await app.openAs('dev-town', s.route);
      await shown(s.ready).waitFor();
      await more().click();
      await shown(`${s.ready} .field-error`).getByText('网络不给力，请检查网络后重试，点此重试').waitFor();
      await more().click();
      await shown(s.rowId('v-page-2')).getByText('第二页村').waitFor();
      // The last page: nothing more to load, no error left, the page appended once.
      await expect(
        app.page.locator(`${s.ready} .nut-button`).filter({ hasText: '加载更多村' }).count(),
      ).resolves.toBe(0);
      await expect(app.page.locator(`${s.ready} .field-error`).count()).resolves.toBe(0);
      await expect(app.page.locator(s.rowId('v-page-2')).count()).resolves.toBe(1);
      expect(asked.filter(Boolean)).toHaveLength(2);
    } finally {
      await app.page.unroute(`**/api/fn/${s.fn}`);
    }
  },
);
