import { DONGLING, XIHE } from '../demo-town';
import { seeded, type Examples } from './types';

/** A file id as WeChat cloud storage hands it out. */
const CLOUD_FILE = 'cloud://prod-4g1x2.7072-prod-4g1x2-1318000000/disclosures/v-xihe/m1k2x3.jpg';

const ITEMS = [
  { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
  {
    direction: 'expense',
    category: '管理费用',
    amountFen: 960_001,
    note: '误工补贴',
    occurredOn: '2026-10-12',
  },
];

const finance = (town: Parameters<typeof seeded>[0]) =>
  seeded<{ villageId: string; category: string; version: number }>(
    town,
    'disclosures',
    (d) => d.villageId === DONGLING && d.category === 'finance',
  );

/** 张桂兰's household in 东岭村's roster (the demo's payout lists name it). */
const household = (town: Parameters<typeof seeded>[0]) =>
  seeded<{ villageId: string; name: string }>(
    town,
    'roster',
    (r) => r.villageId === DONGLING && r.name === '张桂兰',
  );

/** One of 东岭村's published 低保 lists. */
const payoutHead = (town: Parameters<typeof seeded>[0]) =>
  seeded<{ villageId: string; category: string; version: number }>(
    town,
    'payoutLists',
    (d) => d.villageId === DONGLING && d.category === 'subsistence',
  );

export const disclosureExamples: Examples<'disclosure'> = {
  publish: {
    // 西河村 is behind: its finance of 2026-09 and 2026-10 is not out yet.
    persona: 'cadreXihe',
    input: {
      requestId: 'req-example-publish',
      villageId: XIHE,
      category: 'finance',
      title: '西河村2026年10月财务收支公开',
      periodKey: '2026-10',
      body: '现将本月村集体财务收支公开如下。',
      attachments: [{ fileId: CLOUD_FILE, name: '凭证', kind: 'image' }],
      items: ITEMS,
    },
    malformed: (v) => {
      const line = ITEMS[0];
      return [
        ['an item with a fraction of a fen', { ...v, items: [{ ...line, amountFen: 100.5 }] }],
        ['an item with a negative amount', { ...v, items: [{ ...line, amountFen: -100 }] }],
        [
          'an item under a heading of the other direction',
          { ...v, items: [{ ...line, category: '管理费用' }] },
        ],
        ['finance by quarter', { ...v, periodKey: '2026-Q3' }],
        ['finance without items', { ...v, items: [] }],
        ['affairs with items', { ...v, category: 'affairs' }],
        ['an unknown category', { ...v, category: 'assets' }],
        ['a blank title', { ...v, title: ' ' }],
        [
          'an attachment from an outside web address',
          { ...v, attachments: [{ fileId: 'https://x.example/a.png' }] },
        ],
      ];
    },
  },
  correct: {
    persona: 'cadre',
    input: async (town) => {
      const d = await finance(town);
      const v = await town.data<{ title: string; periodKey: string }>('disclosure', 'cadre', 'get', {
        seriesId: d._id,
      });
      return {
        requestId: 'req-example-correct',
        seriesId: d._id,
        baseVersion: d.version,
        reason: '补充一笔漏记的支出',
        title: v.title,
        periodKey: v.periodKey,
        items: [{ direction: 'expense', amountFen: 50_000, category: '管理费用' }],
      };
    },
  },
  list: {
    persona: 'resident',
    input: { villageId: DONGLING, category: 'finance', year: 2026, limit: 10, skip: 0 },
    malformed: () => [['a page too large', { limit: 1000 }]],
  },
  get: { persona: 'resident', input: async (town) => ({ seriesId: (await finance(town))._id }) },
  home: { persona: 'resident', input: { villageId: DONGLING } },
  status: { persona: 'supervisor', input: { villageId: DONGLING } },
  townStatus: { persona: 'town', input: {} },
  recountHomes: { persona: 'town', input: { limit: 20 } },
  payoutPreview: {
    persona: 'cadre',
    input: { villageId: DONGLING, text: '张桂兰\t张桂兰\t650\t一类对象' },
  },
  payoutPublish: {
    // 东岭村 has no 其他 list for last month yet.
    persona: 'cadre',
    input: async (town) => ({
      requestId: 'req-example-payout',
      villageId: DONGLING,
      category: 'other',
      periodKey: '2026-10',
      basis: '镇民政办临时生活补助审批表',
      rows: [{ recipient: '张桂兰', householdId: (await household(town))._id, amountFen: 20_000, note: '' }],
    }),
    malformed: (v) => [
      [
        'a row of a negative amount',
        { ...v, rows: [{ recipient: '张桂兰', householdId: 'r', amountFen: -1 }] },
      ],
      [
        'an ID number in a note',
        {
          ...v,
          rows: [{ recipient: '张桂兰', householdId: 'r', amountFen: 100, note: '110101199003071234' }],
        },
      ],
      ['an unknown category', { ...v, category: 'bonus' }],
      ['no rows', { ...v, rows: [] }],
      ['a quarter', { ...v, periodKey: '2026-Q1' }],
      ['no basis', { ...v, basis: '' }],
    ],
  },
  payoutCorrect: {
    persona: 'cadre',
    input: async (town) => {
      const head = await payoutHead(town);
      const stored = await seeded<{
        seriesId: string;
        version: number;
        basis: string;
        rows: { recipient: string; householdId: string; amountFen: number }[];
      }>(town, 'payoutVersions', (d) => d.seriesId === head._id && d.version === head.version);
      return {
        requestId: 'req-example-payout-correct',
        seriesId: head._id,
        baseVersion: head.version,
        reason: '金额录入有误',
        basis: stored.basis,
        rows: stored.rows.map((r) => ({
          recipient: r.recipient,
          householdId: r.householdId,
          amountFen: r.amountFen + 100,
        })),
      };
    },
    malformed: (v) => [['no reason', { ...v, reason: '' }]],
  },
  payoutLists: { persona: 'resident', input: { villageId: DONGLING, category: 'subsistence', year: 2026 } },
  payoutList: { persona: 'resident', input: async (town) => ({ seriesId: (await payoutHead(town))._id }) },
  payoutMine: { persona: 'resident', input: {} },
  payoutFlags: { persona: 'supervisor', input: { villageId: DONGLING } },
  payoutTown: { persona: 'town', input: { limit: 10 } },
};
