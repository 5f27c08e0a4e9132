import type { DecisionsOutputs } from '../../cloudfunctions/common/contracts/decisions';
import { shownIn } from './pages';
import { appPerFile } from './session';

/**
 * An optional date of a decisions form, once picked, can be emptied again: the wheel has no
 * "none", so 清除 sits beside the date. A required date offers no 清除.
 */
const app = appPerFile();
const TITLE = '村道路灯维修';

test('a cadre picks a planned completion date, clears it with 清除, and the matter is registered without one', async () => {
  const shown = (selector: string) => shownIn(app.page, selector);
  await app.openAs('dev-cadre', '/decisions/pages/propose/index');
  const planned = shown('#propose-planned');
  await planned.waitFor();
  expect(await planned.textContent()).toContain('可不填');
  // Nothing to clear yet, and never on the required proposal date.
  expect(await app.page.locator('#propose-planned-clear').count()).toBe(0);
  expect(await app.page.locator('#propose-date-clear').count()).toBe(0);

  await planned.click();
  await shown('.nut-picker-confirm-btn').click();
  await planned.getByText(/\d{4}年\d{1,2}月\d{1,2}日/).waitFor();
  const clear = shown('#propose-planned-clear');
  expect(await clear.innerText()).toBe('清除');
  await clear.click();
  await planned.getByText('可不填').waitFor();
  await clear.waitFor({ state: 'detached' });
  expect(await app.page.locator('#propose-date-clear').count()).toBe(0);

  await shown('#propose-title input').fill(TITLE);
  await shown('#category-other').click();
  await shown('#propose-summary textarea').fill('村东主干道 6 盏路灯损坏，拟统一更换。');
  await shown('#propose-submit').click();
  await shown('#decision-title').getByText(TITLE).waitFor();
  const list = await app.api<DecisionsOutputs['decisions']>('dev-cadre', 'decisions', 'decisions', {});
  const mine = list.items.find((d) => d.title === TITLE);
  expect(mine).toBeDefined();
  const detail = await app.api<DecisionsOutputs['decision']>('dev-cadre', 'decisions', 'decision', {
    decisionId: mine?.id,
  });
  expect(detail.plannedCompletion).toBeNull();
}, 90_000);
