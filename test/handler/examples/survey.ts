import type { SurveyOutputs } from '../../../cloudfunctions/common/contracts/survey';
import { DONGLING, type DemoTown } from '../demo-town';
import type { Examples, Input } from './types';

/** 东岭村's open round of this quarter (2026-Q4 in the demo). */
const OPEN = `${DONGLING}:2026-Q4:1`;
/** 东岭村's closed round of last quarter. */
const CLOSED = `${DONGLING}:2026-Q3:1`;

const firstOptions = (questions: { indicatorId: string; options: { key: string }[] }[]): Input =>
  Object.fromEntries(questions.map((q) => [q.indicatorId, q.options[0]?.key ?? '']));

export const surveyExamples: Examples<'survey'> = {
  indicators: { persona: 'town', input: {} },
  current: { persona: 'representative', input: {} },
  vote: {
    persona: 'representative',
    input: async (town: DemoTown) => {
      const cur = await town.data<SurveyOutputs['current']>('survey', 'representative', 'current', {});
      return { roundId: OPEN, answers: firstOptions(cur.questions) };
    },
  },
  rounds: { persona: 'cadre', input: { villageId: DONGLING } },
  openRound: { persona: 'town', input: { villageIds: ['v-taoyuan'], periodKey: '2026-Q3', days: 7 } },
  closeRound: { persona: 'town', input: { roundId: OPEN } },
  results: { persona: 'resident', input: { roundId: CLOSED } },
  recount: { persona: 'town', input: { roundId: CLOSED } },
  paperRoster: { persona: 'supervisor', input: { roundId: OPEN } },
  paperBallot: {
    persona: 'supervisor',
    input: async (town: DemoTown) => {
      const sheet = await town.data<SurveyOutputs['paperRoster']>('survey', 'supervisor', 'paperRoster', {
        roundId: OPEN,
      });
      const entry = sheet.entries[0];
      if (!entry) throw new Error('the open round has no paper roster entry');
      const questions = sheet.questions.filter((q) => entry.indicatorIds.includes(q.indicatorId));
      return { roundId: OPEN, rosterId: entry.rosterId, answers: firstOptions(questions) };
    },
  },
  compare: { persona: 'town', input: { periodKey: '2026-Q3' } },
  trend: { persona: 'town', input: { villageId: DONGLING } },
};
