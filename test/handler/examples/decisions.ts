import { DONGLING, type DemoTown } from '../demo-town';
import { PHOTO, seeded, type Examples } from './types';

/** A decision of the demo town by its title. */
const decision = (town: DemoTown, title: string) =>
  seeded<{ title: string }>(town, 'decisions', (d) => d.title === title);

/** 东岭村's 2027 budget: proposed, 两委 met, waiting for the 村民代表会议. */
const BUDGET = '2027年度村级财务预算';

/** The 村民代表会议 on the budget: 31 entitled, as at its first sitting. */
const resolutionMeeting = (decisionId: string) => ({
  requestId: 'req-example-meeting',
  decisionId,
  step: 'resolution',
  heldOn: '2026-11-20',
  entitled: 31,
  present: 24,
  votesFor: 20,
  votesAgainst: 2,
  abstentions: 2,
  outcome: 'passed',
  minutes: PHOTO,
});

const townItem = (town: DemoTown) =>
  seeded<{
    scope: string;
    list: string;
    version: number;
    name: string;
    category: string;
    basis: string;
    keywords: string[];
    steps: unknown[];
  }>(town, 'powerItems', (p) => p.scope === 'town' && p.list === 'power');

export const decisionsExamples: Examples<'decisions'> = {
  items: { persona: 'resident', input: { villageId: DONGLING, list: 'power', query: '' } },
  item: { persona: 'resident', input: async (town) => ({ itemId: (await townItem(town))._id }) },
  createItem: {
    persona: 'cadre',
    input: {
      requestId: 'req-example-item',
      scope: 'village',
      villageId: DONGLING,
      list: 'power',
      name: '村集体鱼塘承包费减免',
      category: 'assets',
      basis: '村集体经济组织章程',
      keywords: ['鱼塘', '减免'],
      steps: [{ actor: '村两委', action: '提出减免方案', timeLimit: '5个工作日', publicity: '' }],
    },
    malformed: (v) => [['a village item without its village', { ...v, villageId: undefined }]],
  },
  reviseItem: {
    persona: 'town',
    input: async (town) => {
      const p = await townItem(town);
      return {
        requestId: 'req-example-revise',
        itemId: p._id,
        baseVersion: p.version,
        reason: '流程调整',
        list: p.list,
        name: p.name,
        category: p.category,
        basis: p.basis,
        keywords: p.keywords,
        steps: p.steps,
      };
    },
  },
  propose: {
    persona: 'cadre',
    input: {
      requestId: 'req-example-propose',
      villageId: DONGLING,
      title: '村集体120亩耕地流转给种植合作社',
      category: 'landTransfer',
      summary: '拟将村集体 120 亩耕地流转给本村种植合作社，期限 5 年。',
      proposer: '东岭村党支部',
      proposedOn: '2026-11-20',
      resolutionBody: 'representatives',
    },
    malformed: (v) => [['an unknown category', { ...v, category: 'loan' }]],
  },
  recordMeeting: {
    persona: 'cadre',
    input: async (town) => resolutionMeeting((await decision(town, BUDGET))._id),
    malformed: (v) => [
      ['fractional votes', { ...v, votesFor: 10.5 }],
      ['a negative count present', { ...v, present: -1 }],
      ['no minutes photo', { ...v, minutes: [] }],
      ['a minutes photo from outside', { ...v, minutes: [{ fileId: 'https://evil.example/x.jpg' }] }],
      ['not a meeting step', { ...v, step: 'resolutionPublic' }],
      ['an impossible day', { ...v, heldOn: '2026-02-30' }],
    ],
  },
  confirmStep: {
    persona: 'supervisor',
    input: async (town) => ({
      decisionId: (await decision(town, BUDGET))._id,
      step: 'committee',
      attempt: 1,
      note: '程序合规',
    }),
  },
  publishResolution: {
    persona: 'cadre',
    input: async (town) => {
      const decisionId = (await decision(town, BUDGET))._id;
      await town.data('decisions', 'cadre', 'recordMeeting', resolutionMeeting(decisionId));
      const meetings = ['committee', 'partyCongress', 'resolution'];
      const open = (
        await town.docs<{
          _id: string;
          decisionId: string;
          step: string;
          attempt: number;
          confirmedAt?: string | null;
        }>('decisionSteps')
      ).filter((s) => s.decisionId === decisionId && meetings.includes(s.step) && !s.confirmedAt);
      for (const s of open)
        await town.data('decisions', 'supervisor', 'confirmStep', {
          decisionId,
          step: s.step,
          attempt: s.attempt,
        });
      return { decisionId, body: '如有异议请向村监委反映' };
    },
  },
  publishResult: {
    persona: 'cadre',
    input: async (town) => ({
      decisionId: (await decision(town, '村集体鱼塘对外承包'))._id,
      completedOn: '2026-11-20',
      body: '已与承包人签订承包合同',
      attachments: PHOTO,
    }),
  },
  decisions: { persona: 'resident', input: { villageId: DONGLING, limit: 10 } },
  decision: {
    persona: 'resident',
    input: async (town) => ({ decisionId: (await decision(town, BUDGET))._id }),
  },
  recordRegular: {
    persona: 'cadre',
    input: {
      requestId: 'req-example-regular',
      villageId: DONGLING,
      kind: 'attendance',
      heldOn: '2026-11-10',
      entitled: 9,
      present: 8,
      topics: '党员、村民代表列席两委会议',
      minutes: PHOTO,
    },
  },
  regular: { persona: 'resident', input: { villageId: DONGLING } },
  townView: {
    persona: 'town',
    input: { limit: 10 },
    malformed: () => [['a page too large', { limit: 1000 }]],
  },
};
