import { roundsOf } from '../../cloudfunctions/survey/store';
import { appPerFile } from './session';

/**
 * A round the town has asked for but whose entries and slots are still being written (正在准备,
 * left for the survey's timer by a town-wide opening): 张桂兰 sees that it is being prepared and
 * has nothing to answer yet; once it opens, 刷新 shows her the questions.
 */
const ROUND = 'v-dongling:2026-Q4:1';
const app = appPerFile();

test('a villager meets a round being prepared, waits, and answers once it opens', async () => {
  const { page } = app;
  const rounds = roundsOf(app.runtime.store);
  // The demo's open round, put back to the state a town-wide opening leaves it in for a while.
  await rounds.update(ROUND, { set: { status: 'preparing', stage: 'slots' } });
  await app.openAs('dev-resident', '/survey/pages/vote/index');
  await page.locator('#survey-preparing').getByText('本轮测评正在准备').waitFor();
  expect(await page.locator('#survey-question').count()).toBe(0);

  // The timer finishes it; the page shows the questions after a refresh.
  await rounds.update(ROUND, { set: { status: 'open' }, unset: ['stage'] });
  await page.locator('#survey-refresh').click();
  await page.locator('#survey-question').getByText('第 1 题，共 4 题').waitFor();
});
