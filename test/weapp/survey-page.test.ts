import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { createWeappHarness, type LoadedPage, type WeappHarness } from './harness';
import { expectReadable } from './readable';

/**
 * The survey context's main page, compiled (dist/weapp) and run in miniprogram-simulate against
 * the real handlers over the seeded demo town: it shows what the handler returns to the persona,
 * in Chinese, with no code or ISO date in sight (one harness per file: the simulator's app is
 * loaded once).
 */
jest.setTimeout(60_000);

let h: WeappHarness;
let page: LoadedPage | null = null;

beforeAll(async () => {
  h = await createWeappHarness('dev-representative');
});

afterEach(() => {
  page?.unload();
  page = null;
});

test('survey: the vote page asks a representative the open round’s first question', async () => {
  const current = await h.api<SurveyOutputs['current']>('survey', 'current', {});
  const first = current.questions[0];
  if (!first) throw new Error('no open round with questions for the representative');
  page = await h.loadPage('survey/pages/vote/index');
  await page.waitForText(first.question);
  expect(page.text()).toContain(first.options[0]!.label);
  expectReadable(page.text());
});
