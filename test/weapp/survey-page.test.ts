import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { weappSession } from './session';
import { expectReadable } from './readable';

/**
 * The survey context's main page, compiled (dist/weapp) and run in miniprogram-simulate against
 * the real handlers over the seeded demo town: it shows what the handler returns to the persona,
 * in Chinese, with no code or ISO date in sight (one harness per file: the simulator's app is
 * loaded once).
 */
const h = weappSession('dev-representative', 60_000);

test('survey: the vote page asks a representative the open round’s first question', async () => {
  const current = await h.api<SurveyOutputs['current']>('survey', 'current', {});
  const first = current.questions[0];
  if (!first) throw new Error('no open round with questions for the representative');
  const page = await h.loadPage('survey/pages/vote/index');
  await page.waitForText(first.question);
  expect(page.text()).toContain(first.options[0]!.label);
  expectReadable(page.text());
});
