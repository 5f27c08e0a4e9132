import type { Locator } from 'playwright-core';
import type { StandardOverview } from '../../cloudfunctions/common/contracts/assessment';
import { startApp, type App } from './harness';

/**
 * The one list editor behind every list of the standard editor (tiers, sections, items, bonus
 * items, vetoes, units), driven in the H5 build: adding, removing and moving a row leaves every
 * other row's values where they belong, on the page and in what is published.
 */
jest.setTimeout(120_000);

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

/** The values of the fields matching `field` in each row of a list, in the order shown. */
async function values(rows: string, field: string): Promise<string[]> {
  const list = app.page.locator(rows);
  const out: string[] = [];
  for (let i = 0; i < (await list.count()); i++)
    out.push(await list.nth(i).locator(field).first().inputValue());
  return out;
}

test('adding, moving and removing rows keeps every other row’s values, on the page and when published', async () => {
  await app.openAs('dev-town', '/assessment/pages/standard/index?year=2027');
  await shown('#copy-last-year').click();
  await shown('#std-units').waitFor();
  const units = '#std-units .std-item';
  const copied = await values(units, 'input');
  expect(copied.length).toBeGreaterThan(0);

  // Add two units and name them.
  await shown('#std-unit-add').click();
  await shown('#std-unit-add').click();
  const n = copied.length;
  await app.page.locator(units).nth(n).locator('input').fill('镇财政所');
  await app.page
    .locator(units)
    .nth(n + 1)
    .locator('input')
    .fill('镇农业农村办');
  expect(await values(units, 'input')).toEqual([...copied, '镇财政所', '镇农业农村办']);

  // The last one moves up past the one before it; the first is removed.
  await shown(`#std-unit-up-${n + 1}`).click();
  expect(await values(units, 'input')).toEqual([...copied, '镇农业农村办', '镇财政所']);
  await shown('#std-unit-remove-0').click();
  const kept = [...copied.slice(1), '镇农业农村办', '镇财政所'];
  expect(await values(units, 'input')).toEqual(kept);
  // A first row cannot move up, a last row cannot move down.
  expect(await app.page.locator('#std-unit-up-0').count()).toBe(0);
  expect(await app.page.locator(`#std-unit-down-${kept.length - 1}`).count()).toBe(0);

  // Bonus items: the points typed in a row travel with their row when it moves.
  const bonus = '#std-bonus .std-item';
  await shown('#std-bonus-add').click();
  await shown('#std-bonus-add').click();
  const b = (await app.page.locator(bonus).count()) - 2;
  await app.page.locator(bonus).nth(b).locator('textarea').fill('获评市级清廉村居示范点');
  await app.page.locator(bonus).nth(b).locator('.std-points input').fill('2');
  await app.page
    .locator(bonus)
    .nth(b + 1)
    .locator('textarea')
    .fill('经验做法被县级以上推广');
  await app.page
    .locator(bonus)
    .nth(b + 1)
    .locator('.std-points input')
    .fill('1.5');
  await shown(`#std-bonus-up-${b + 1}`).click();
  const titles = await values(bonus, 'textarea');
  const points = await values(bonus, '.std-points input');
  expect(titles.slice(b)).toEqual(['经验做法被县级以上推广', '获评市级清廉村居示范点']);
  expect(points.slice(b)).toEqual(['1.5', '2']);

  // Published as shown.
  await shown('#standard-save').click();
  await shown('#std-version').waitFor();
  const deadline = Date.now() + 10_000;
  let saved: StandardOverview = await app.api('dev-town', 'assessment', 'standard', { year: 2027 });
  while (!saved.standard && Date.now() < deadline) {
    await app.page.waitForTimeout(200);
    saved = await app.api('dev-town', 'assessment', 'standard', { year: 2027 });
  }
  expect(saved.standard!.units.map((u) => u.name)).toEqual(kept);
  expect(saved.standard!.bonus.items.slice(b).map((i) => [i.title, i.maxPoints])).toEqual([
    ['经验做法被县级以上推广', 1.5],
    ['获评市级清廉村居示范点', 2],
  ]);
});
