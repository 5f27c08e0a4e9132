import type { AssessmentOutputs } from '../../cloudfunctions/common/contracts/assessment';
import type { ReportSummary, SurveySection } from '../../cloudfunctions/common/contracts/report';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { DEMO_NOW } from './harness';
import { appPerFile } from './session';

/**
 * 五好 satisfaction survey in the H5 build against the local runtime and the demo town: the
 * town opens the quarter's round for all its villages; 张桂兰 (a resident of 东岭村) answers;
 * a second attempt is refused; others answer online and on paper; the cadre sees participation
 * but cannot close; the town closes the round; the results page shows the rates and statuses
 * the server computed, in plain words for villagers and with the interval for the town. Then the
 * server's clock moves past the month's end: the timer composes November's monthly report,
 * and the report page and the next year's index sheet show the same rates as the results page.
 */
const ROUND = 'v-dongling:2026-Q4:1';
const TOWN_VILLAGES = ['v-beipo', 'v-dongling', 'v-liuzhuang', 'v-nanwan', 'v-taoyuan', 'v-xihe'];
/** The demo village's supervisor persona, who keys in the paper ballots. */
const SUPERVISOR_NAME = '陈立新';
const RESIDENT_ANSWERS: [string, string][] = [
  ['partyVanguard', 'agree'],
  ['openAffairs', 'fairly'],
  ['supervision', 'satisfied'],
  ['harmony', 'satisfied'],
];

/** The server's clock: the test moves it past the month's end to compose the monthly report. */
const clock = fixedClock(DEMO_NOW);
const app = appPerFile(clock);

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

/** Name and rate of each row as the page shows them (the rate as 'dd.d%', or null when none is shown). */
async function ratesShown(page: Page, rows: string, name: string, rate: string) {
  const out = new Map<string, string | null>();
  // The page paints its rows once its one request answers: wait for them before reading.
  await page.locator(rows).first().waitFor();
  for (const row of await page.locator(rows).all()) {
    const shown = /\d+\.\d%/.exec(await row.locator(rate).innerText());
    out.set((await row.locator(name).innerText()).trim(), shown ? shown[0] : null);
  }
  return out;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

test('the town opens a round for all villages, residents vote, the town closes it, the index sheet and the monthly report show the same rates', async () => {
  const { page } = app;
  // The town opens 2026年第四季度 for every village (东岭村's, opened with the demo, is kept).
  await app.openAs('dev-town', '/survey/pages/manage/index');
  await page.locator('#period-2026-Q4.active').waitFor();
  await page.locator('#round-open').getByText('为 6 个村开启测评').click();
  await page.getByText('确定', { exact: true }).click();
  await page.getByText(/已开启 \d+ 个村。/).waitFor();
  await page.getByText('确定', { exact: true }).click();
  // Every village of the town now has the quarter's round open, except where nobody is
  // eligible yet (a demo village without residents), which the town was told about.
  const open: string[] = [];
  for (const villageId of TOWN_VILLAGES) {
    const r = await app.api<SurveyOutputs['rounds']>('dev-town', 'survey', 'rounds', { villageId });
    if (r.rounds.some((x) => x.status === 'open' && x.periodKey === '2026-Q4')) open.push(villageId);
    else {
      const retry = await app.api<SurveyOutputs['openRound']>('dev-town', 'survey', 'openRound', {
        villageIds: [villageId],
        periodKey: '2026-Q4',
      });
      expect(retry.refused.map((x) => x.reason)).toEqual([
        '本村还没有可以参加测评的村民，请先导入村民名册或邀请村民绑定',
      ]);
    }
  }
  expect(open).toContain('v-dongling');

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

  // The cadre sees participation and the paper trace, but cannot close the round.
  await app.openAs('dev-cadre', '/survey/pages/manage/index');
  await page.locator('#round-cadre-hint').getByText('满意度测评由镇纪委统一开启和结束').waitFor();
  await page.locator('#round-2026-Q4').getByText('进行中').waitFor();
  expect(roster.entries.length).toBeGreaterThan(0);
  await page
    .locator('#round-2026-Q4')
    .getByText(`纸质选票录入：${SUPERVISOR_NAME} ${roster.entries.length} 份`)
    .waitFor();
  expect(await page.locator('#round-close').count()).toBe(0);
  expect(await page.locator('#round-open-form').count()).toBe(0);

  // The town closes it.
  await app.openAs('dev-town', '/survey/pages/manage/index');
  await page.locator('#village-v-dongling').click();
  await page.locator('#round-2026-Q4 #round-close').click();
  await page.getByText('确定', { exact: true }).click();
  await page.locator('#round-2026-Q4').getByText('有效', { exact: true }).waitFor();

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
    await bar.getByText(r.plain, { exact: true }).waitFor();
    if (r.approvalRate !== null) await bar.getByText(pct(r.approvalRate), { exact: true }).waitFor();
  }
  // Villagers read plain words: no interval, and never 达标 beside an answer that cannot yet tell.
  const text = await page.locator('#survey-bars').innerText();
  expect(text).not.toContain('置信区间');
  for (const r of expected.indicators.filter((x) => x.certainty === 'uncertain'))
    expect(await page.locator(`#bar-${r.indicatorId}`).innerText()).not.toContain('达标');
  const statuses = expected.indicators.map((r) => r.status);
  expect(statuses).toContain('insufficient');
  expect(statuses.some((s) => s === 'met' || s === 'notMet')).toBe(true);
  const openAffairs = expected.indicators.find((r) => r.indicatorId === 'openAffairs')!;
  expect(openAffairs.approvalRate).toBeCloseTo(7 / 8);
  // 7 of 8 is below 90%, but 8 answers cannot settle it: the label says so.
  await page.locator('#bar-openAffairs').getByText('还说不准', { exact: true }).waitFor();
  await page
    .locator('#bar-openAffairs')
    .getByText(/8 人回答，87.5% 满意或认同/)
    .waitFor();

  // The town's view keeps the 95% interval.
  await app.openAs('dev-town', `/survey/pages/results/index?roundId=${encodeURIComponent(ROUND)}`);
  await page
    .locator('#bar-openAffairs .sv-interval')
    .getByText(openAffairs.statement, { exact: true })
    .waitFor();

  // The rates as the results page shows them, read from the page (null: no rate shown).
  await app.openAs('dev-resident', `/survey/pages/results/index?roundId=${encodeURIComponent(ROUND)}`);
  const shownOnResults = await ratesShown(page, '#survey-bars .sv-bar-row', '.sv-bar-name', '.sv-rate');
  expect([...shownOnResults.keys()].sort()).toEqual(expected.indicators.map((r) => r.name).sort());
  for (const r of expected.indicators)
    expect([r.name, shownOnResults.get(r.name)]).toEqual([
      r.name,
      r.approvalRate === null ? null : pct(r.approvalRate),
    ]);

  // November ends. On 2026年12月2日 the monthly timer composes November's reports; 东岭村's
  // carries this round, the latest valid one closed by the end of the month.
  clock.set('2026-12-02T01:00:00.000Z');
  await app.context.clock.setSystemTime(new Date('2026-12-02T01:00:00.000Z'));
  const timer = await fetch(`${app.runtime.url}/api/dev/timer`, {
    method: 'POST',
    headers: { 'x-persona': 'dev-cadre' },
  });
  expect(timer.status).toBe(200);
  const reports = await app.api<{ items: ReportSummary[] }>('dev-cadre', 'report', 'listReports', {});
  const november = reports.items.find((x) => x.villageId === 'v-dongling' && x.month === '2026-11');
  expect(november).toBeDefined();
  const report = await app.api<{ content: { survey: SurveySection | null } }>(
    'dev-cadre',
    'report',
    'getReport',
    {
      reportId: november!.reportId,
    },
  );
  expect(report.content.survey).toMatchObject({ periodKey: '2026-Q4', closedAt: expected.round.closedAt });
  await app.openAs('dev-cadre', `/report/pages/view/index?id=${encodeURIComponent(november!.reportId)}`);
  await page.locator('#report-survey').getByText('2026年第四季度').waitFor();
  const shownOnReport = await ratesShown(
    page,
    '#report-survey .report-item',
    '.report-item-name',
    '.report-item-amount',
  );
  expect(shownOnReport).toEqual(shownOnResults);

  // The index sheet of 2027 (assessed from 2026年6月 to 2027年5月) reads the same round. The
  // 2026 sheet cannot: it covers 2025年6月 to 2026年5月 and stands as of its deadline. The town
  // publishes next year's standard (this year's, carried over) as it does each winter.
  const current = await app.api<AssessmentOutputs['standard']>('dev-town', 'assessment', 'standard', {
    year: 2026,
  });
  const { sections, bonus, vetoes, schemeId, units, title } = current.standard!;
  await app.api('dev-town', 'assessment', 'saveStandard', {
    year: 2027,
    title: title.replace('2026', '2027'),
    sections,
    bonus,
    vetoes,
    schemeId,
    units,
    ledgerSince: '2027-01',
  });
  const sheet = await app.api<AssessmentOutputs['sheet']>('dev-cadre', 'assessment', 'sheet', { year: 2027 });
  const item = sheet.entries.find((e) => e.auto?.source === 'satisfaction');
  const basis = item?.auto?.basis;
  expect(basis).toContain('2026年第四季度五好测评');
  await app.openAs('dev-cadre', '/assessment/pages/sheet/index?year=2027');
  const autoLine = page.locator(`[id="auto-${item!.id}"]`);
  await autoLine.getByText(basis!).waitFor();
  const sheetText = await autoLine.innerText();
  for (const r of expected.indicators) {
    // The index counts an indicator only when enough answered; otherwise it says so.
    if (r.status === 'insufficient' || r.approvalRate === null)
      expect(sheetText).toContain(`${r.name}答卷不足`);
    else {
      const onSheet = new RegExp(`${r.name} (\\d+\\.\\d%)`).exec(sheetText)?.[1] ?? null;
      expect([r.name, onSheet]).toEqual([r.name, shownOnResults.get(r.name)]);
    }
  }
  expect(
    expected.indicators.filter((r) => r.status !== 'insufficient' && r.approvalRate !== null).length,
  ).toBeGreaterThan(0);
  expect(app.errors).toEqual([]);
}, 240_000);
