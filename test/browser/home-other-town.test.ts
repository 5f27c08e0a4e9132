import type { Locator, Route } from 'playwright-core';
import { startApp, type App } from './harness';

/**
 * A town admin whose remembered (or scanned) village is of another town: account.home refuses it
 * (FORBIDDEN_VILLAGE, as every action does), and the home says why and offers their own villages.
 * The demo has one town, so the refusal for a village of another is routed as the server gives it.
 */
jest.setTimeout(90_000);

let app: App;
beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

test('a village of another town is refused; the town admin is told so and picks one of their own', async () => {
  const asked: unknown[] = [];
  await app.page.route('**/api/fn/account', async (route: Route) => {
    const body = route.request().postDataJSON() as { action: string; input: { villageId?: string } };
    if (body.action === 'home') asked.push(body.input.villageId ?? null);
    if (body.action !== 'home' || body.input.villageId !== 'v-other-town') return route.continue();
    return route.fulfill({ json: { ok: false, code: 'FORBIDDEN_VILLAGE', message: '您只能处理本村的事务' } });
  });
  try {
    await app.openAs('dev-town', '/pages/home/index');
    await shown('#home-village-v-beipo').waitFor();
    // Remembered from another session (another town's admin on this phone, a door code scanned).
    await app.page.evaluate(() =>
      localStorage.setItem('view.village', JSON.stringify({ data: { id: 'v-other-town', name: '丙村' } })),
    );
    asked.length = 0;
    await app.page.reload();
    await shown('.state-empty').getByText('您只能处理本村的事务').waitFor();
    expect(asked.slice(0, 2)).toEqual(['v-other-town', null]);
    await shown('#home-village-v-beipo').click();
    await shown('#home-village-name').getByText('北坡村').waitFor();
  } finally {
    await app.page.unroute('**/api/fn/account');
  }
});
