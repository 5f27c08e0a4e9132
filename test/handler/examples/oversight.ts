import { DONGLING, type DemoTown } from '../demo-town';
import { seeded, type Examples } from './types';

/** The id of 东岭村's question in `state`, as the demo seeded it. */
const itemIn = async (town: DemoTown, state: string) =>
  (
    await seeded<{ villageId: string; state: string }>(
      town,
      'oversightItems',
      (q) => q.villageId === DONGLING && q.state === state,
    )
  )._id;

const finding = (town: DemoTown) =>
  seeded<{ villageId: string; kind: string }>(
    town,
    'oversightLog',
    (l) => l.villageId === DONGLING && l.kind === 'finding',
  );

export const oversightExamples: Examples<'oversight'> = {
  raise: {
    persona: 'resident',
    input: {
      requestId: 'req-example-raise',
      category: 'finance',
      text: '十月份的修路支出明细在哪里能看到？',
      showName: true,
      photos: [],
    },
    malformed: (v) => [
      ['a text too short', { ...v, text: '钱' }],
      ['a text too long', { ...v, text: '问'.repeat(501) }],
      ['an unknown category', { ...v, category: 'gossip' }],
      ['a picture from outside', { ...v, photos: [{ fileId: 'https://x.example/a.png' }] }],
      ['ten photos', { ...v, photos: Array(10).fill({ fileId: '/files/a.png' }) }],
      ['an unknown subject', { ...v, subject: { kind: 'asset', id: 'x' } }],
      [
        'a negative line',
        { ...v, subject: { kind: 'disclosure', seriesId: 'd1', version: 1, itemIndex: -1 } },
      ],
      ['no choice of showing the name', { ...v, showName: undefined }],
    ],
  },
  mine: { persona: 'resident', input: { limit: 10 } },
  get: {
    persona: 'supervisor',
    input: async (town) => ({ itemId: await itemIn(town, 'submitted') }),
    malformed: () => [['an id with a dollar', { itemId: '$where' }]],
  },
  inbox: { persona: 'supervisor', input: { villageId: DONGLING, filter: 'open', limit: 10 } },
  accept: {
    persona: 'supervisor',
    input: async (town) => ({ itemId: await itemIn(town, 'submitted'), note: '已受理' }),
  },
  refer: {
    persona: 'supervisor',
    input: async (town) => ({ itemId: await itemIn(town, 'submitted'), note: '转交镇农业办' }),
  },
  answer: {
    persona: 'cadre',
    input: async (town) => ({ itemId: await itemIn(town, 'accepted'), text: '明细已在本月财务公开中列出。' }),
  },
  verify: {
    persona: 'supervisor',
    input: async (town) => ({ itemId: await itemIn(town, 'answered'), outcome: 'pass', note: '' }),
    malformed: (v) => [['an unknown outcome', { ...v, outcome: 'maybe' }]],
  },
  rate: {
    persona: 'resident',
    input: async (town) => ({ itemId: await itemIn(town, 'verified'), rating: 'satisfied', comment: '' }),
    malformed: (v) => [['an unknown rating', { ...v, rating: 'meh' }]],
  },
  object: {
    persona: 'migrant',
    input: async (town) => ({ itemId: await itemIn(town, 'closed'), text: '我不同意这个结果' }),
  },
  instruct: {
    persona: 'town',
    input: async (town) => ({ itemId: await itemIn(town, 'escalated'), text: '请限期答复' }),
  },
  takeOver: {
    persona: 'town',
    input: async (town) => ({ itemId: await itemIn(town, 'escalated'), note: '' }),
  },
  close: {
    persona: 'town',
    input: async (town) => {
      const itemId = await itemIn(town, 'escalated');
      await town.data('oversight', 'town', 'takeOver', { itemId, note: '' });
      return { itemId, conclusion: '经核查已处理完毕。' };
    },
  },
  aboutDisclosure: {
    persona: 'resident',
    input: async (town) => ({
      seriesId: (
        await seeded<{ villageId: string; seriesId: string | null }>(
          town,
          'oversightItems',
          (q) => q.villageId === DONGLING && !!q.seriesId,
        )
      ).seriesId,
    }),
  },
  townView: {
    persona: 'town',
    input: { limit: 10 },
    malformed: () => [['a page too large', { limit: 1000 }]],
  },
  deadlines: { persona: 'town', input: {} },
  setDeadlines: {
    persona: 'town',
    input: { acceptDays: 3, answerDays: 15, rateDays: 15 },
    malformed: (v) => [
      ['zero days', { ...v, acceptDays: 0 }],
      ['half days', { ...v, answerDays: 1.5 }],
    ],
  },
  logMonth: {
    persona: 'supervisor',
    input: { month: '2026-11' },
    malformed: () => [['a quarter', { month: '2026-Q4' }]],
  },
  logAdd: {
    persona: 'supervisor',
    input: {
      requestId: 'req-example-log',
      kind: 'finding',
      date: '2026-11-20',
      title: '十一月财务公开前审核',
      text: '发现两张发票缺少经手人签字',
      attendees: [],
      fix: { owner: '村会计', dueOn: '2026-11-30', what: '补齐经手人签字' },
    },
    malformed: (v) => [
      ['a finding without its 整改', { ...v, fix: undefined }],
      ['a meeting with a 整改', { ...v, kind: 'meeting' }],
      ['day 32', { ...v, date: '2026-11-32' }],
    ],
  },
  fixUpdate: {
    persona: 'supervisor',
    input: async (town) => ({
      requestId: 'req-example-fix',
      fixId: (await finding(town))._id,
      villageId: DONGLING,
      move: 'verified',
      note: '已核实补签',
    }),
    malformed: (v) => [
      ['an unknown move', { ...v, move: 'forget' }],
      ['an odd fix id', { ...v, fixId: 'town:x' }],
    ],
  },
  logExport: { persona: 'supervisor', input: { month: '2026-11' } },
};
