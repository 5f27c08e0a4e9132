import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';

/**
 * 五好 satisfaction survey in the H5 build against the local runtime and the demo town:
 * 张桂兰 (a resident of 东岭村) answers the open round; a second attempt is refused; others
 * answer online and on paper; the cadre closes the round; the results page shows the rates
 * and statuses the server computed.
 */
const ROUND = 'v-dongling:2026-Q4';
/** The demo village's supervisor persona, who keys in the paper ballots. */
const SUPERVISOR_NAME = '陈立新';
const RESIDENT_ANSWERS: [string, string][] = [
  ['partyVanguard', 'agree'],
  ['openAffairs', 'fairly'],
  ['supervision', 'satisfied'],
  ['harmony', 'satisfied'],
];

let app: App;
beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(async () => {
  await app?.close();
});

/** One tap per question, each once the question takes taps (a double tap answers only one). */
async function answer(page: Page) {
  for (const [n, [indicator, option]] of RESIDENT_ANSWERS.entries()) {
    await page
      .locator('#survey-question')
      .getByText(`第 ${n + 1} 题，共 4 题`)
      .waitFor();
    await page.locator(`#survey-question .sv-options.ready #option-${indicator}-${option}`).click();
  }
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

test('a resident answers, a second attempt is refused, and after close the results show rates and statuses', async () => {
  const { page } = app;
  await app.openAs('dev-resident', '/survey/pages/vote/index');
  await page.locator('#survey-question').getByText('第 1 题，共 4 题').waitFor();
  // A second tab with the same survey open, as if she tapped the entry twice.
  const second = await app.context.newPage();
  await second.goto(`${app.runtime.url}/#/survey/pages/vote/index`);
  await second.locator('#survey-question').waitFor();

  await answer(page);
  await page.locator('#survey-review').getByText('三务公开满意率').waitFor();
  await page.locator('#survey-submit.ready').click();
  await page.locator('#survey-thanks').getByText('提交成功，感谢您的参与！').waitFor();

  await answer(second);
  await second.locator('#survey-submit.ready').click();
  await second.locator('#survey-error').getByText('您已参加过本轮测评，每人只能参加一次').waitFor();
  await second.close();

  await page.reload();
  await page.locator('#survey-voted').getByText('您已参加过本轮测评').waitFor();
  await page.locator('#survey-participation').getByText('已有 1 人参加').waitFor();

  // The others of 东岭村: online, and on paper through the supervisor.
  const rep = {
    partyVanguard: 'agree',
    openAffairs: 'satisfied',
    supervision: 'satisfied',
    harmony: 'dissatisfied',
  };
  await app.api('dev-representative', 'survey', 'vote', {
    roundId: ROUND,
    answers: { ...rep, cadreIntegrity: 'satisfied' },
  });
  // A party member does not rate the party members (群众对党员先进性认同率).
  const { partyVanguard: _own, ...partyAnswers } = rep;
  await app.api('dev-party', 'survey', 'vote', { roundId: ROUND, answers: partyAnswers });
  await app.api('dev-migrant', 'survey', 'vote', {
    roundId: ROUND,
    answers: { ...rep, openAffairs: 'dissatisfied' },
  });
  const { supervision: _skip, ...supervisorAnswers } = rep;
  await app.api('dev-supervisor', 'survey', 'vote', { roundId: ROUND, answers: supervisorAnswers });
  const roster = await app.api<SurveyOutputs['paperRoster']>('dev-supervisor', 'survey', 'paperRoster', {
    roundId: ROUND,
  });
  for (const e of roster.entries) {
    const answers = Object.fromEntries(
      e.indicatorIds.map((id) => [id, id === 'partyVanguard' ? 'agree' : 'satisfied']),
    );
    await app.api('dev-supervisor', 'survey', 'paperBallot', {
      roundId: ROUND,
      rosterId: e.rosterId,
      answers,
    });
  }

  // Results stay hidden while the round is open.
  await app.openAs('dev-resident', `/survey/pages/results/index?roundId=${encodeURIComponent(ROUND)}`);
  await page.getByText('测评还在进行，结束后公布各项结果。').waitFor();
  expect(await page.locator('#survey-bars').count()).toBe(0);

  // The cadre closes the round on the management page.
  await app.openAs('dev-cadre', '/survey/pages/manage/index');
  await page.locator('#round-2026-Q4 #round-close').click();
  await page.getByText('确定', { exact: true }).click();
  await page.locator('#round-2026-Q4').getByText('已结束').waitFor();
  // The cadre sees how many paper ballots the supervisor keyed in.
  expect(roster.entries.length).toBeGreaterThan(0);
  await page
    .locator('#round-2026-Q4')
    .getByText(`纸质选票录入：${SUPERVISOR_NAME} ${roster.entries.length} 份`)
    .waitFor();

  const expected = await app.api<SurveyOutputs['results']>('dev-resident', 'survey', 'results', {
    roundId: ROUND,
  });
  expect(expected.published).toBe(true);
  expect(expected.round.ballots).toBe(5 + roster.entries.length);
  await app.openAs('dev-resident', `/survey/pages/results/index?roundId=${encodeURIComponent(ROUND)}`);
  await page.locator('#survey-bars').waitFor();
  await page.locator('#survey-turnout').getByText(`参加 ${expected.round.ballots} 人`).waitFor();
  for (const r of expected.indicators) {
    const bar = page.locator(`#bar-${r.indicatorId}`);
    await bar.getByText(r.statusLabel, { exact: true }).waitFor();
    if (r.approvalRate !== null) await bar.getByText(pct(r.approvalRate), { exact: true }).waitFor();
  }
  // Both kinds of status appear: rates for the residents' indicators, 样本不足 for the
  // representatives' (only two representatives in the demo village).
  const statuses = expected.indicators.map((r) => r.status);
  expect(statuses).toContain('insufficient');
  expect(statuses.some((s) => s === 'met' || s === 'notMet')).toBe(true);
  expect(expected.indicators.find((r) => r.indicatorId === 'openAffairs')!.approvalRate).toBeCloseTo(7 / 8);
  await page.locator('#bar-openAffairs').getByText('未达标').waitFor();
  expect(app.errors).toEqual([]);
}, 120_000);
