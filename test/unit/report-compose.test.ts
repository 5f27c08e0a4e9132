import { findAll, type Store } from '../../cloudfunctions/common/store/port';
import { villages } from '../../cloudfunctions/common/identity';
import { headsOf } from '../../cloudfunctions/disclosure/store';
import { draftAllReports, draftVillageReport } from '../../cloudfunctions/report/compose';
import { composeReport, contentChanges } from '../../cloudfunctions/report/domain/compose';
import { reportsOf } from '../../cloudfunctions/report/store';
import { runTick } from '../../cloudfunctions/report/timer';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { demoTown } from '../handler/demo-town';

/** Each test composes on its own fresh copy of the seeded demo town: no test sees another's drafts. */
const freshTown = async (): Promise<Store> => (await demoTown()).store;

/** Sum of the finance disclosures' own totals of one village and month (what villagers saw). */
async function disclosedTotals(store: Store, villageId: string, month: string) {
  const heads = await findAll(headsOf(store), { villageId, category: 'finance', periodKey: month });
  return heads.reduce(
    (t, h) => ({
      incomeFen: t.incomeFen + (h.totals?.incomeFen ?? 0),
      expenseFen: t.expenseFen + (h.totals?.expenseFen ?? 0),
      balanceFen: t.balanceFen + (h.totals?.balanceFen ?? 0),
    }),
    { incomeFen: 0, expenseFen: 0, balanceFen: 0 },
  );
}

describe('composition from the village’s own data', () => {
  let store: Store;
  beforeEach(async () => {
    store = await freshTown();
  }, 60_000);

  test('a month with data: totals match the finance disclosures to the fen, change is against the month before', async () => {
    const village = (await villages(store).get('v-dongling'))!;
    const { report } = await draftVillageReport(store, village, '2026-08', new Date('2026-09-01T00:00:00Z'));
    const c = report.content;
    const august = await disclosedTotals(store, 'v-dongling', '2026-08');
    const july = await disclosedTotals(store, 'v-dongling', '2026-07');
    expect(c.finance.totals).toEqual(august);
    expect(c.finance.previousTotals).toEqual(july);
    expect(c.finance.change).toEqual({
      incomeFen: august.incomeFen - july.incomeFen,
      expenseFen: august.expenseFen - july.expenseFen,
      balanceFen: august.balanceFen - july.balanceFen,
    });
    // The largest expense of the month is the village cadres' allowance of 9,600 yuan.
    expect(c.finance.largestExpense[0]).toMatchObject({ amountFen: 960_000, note: '村干部误工补贴' });
    expect(c.finance.largestIncome.map((i) => i.amountFen)).toEqual(
      [...c.finance.largestIncome.map((i) => i.amountFen)].sort((a, b) => b - a),
    );
    // July's finance disclosure went up in August; the major matter of 10 August too.
    expect(c.disclosures.map((d) => d.title)).toEqual(
      expect.arrayContaining(['关于村集体闲置厂房对外租赁的决定']),
    );
    expect(c.empty).toBe(false);
  });

  test('a month where a village disclosed no finances shows that, not zeros', async () => {
    const xihe = (await villages(store).get('v-xihe'))!;
    const { report } = await draftVillageReport(store, xihe, '2026-09', new Date('2026-10-01T00:00:00Z'));
    expect(report.content.finance.totals).toBeNull();
    expect(report.content.finance.change).toBeNull();
    // September's gap is not yet overdue on 30 September; August's disclosure is in place.
    expect(report.content.overdue).toEqual([]);
  });

  test('a month with no data at all gives one empty draft', async () => {
    const village = (await villages(store).get('v-taoyuan'))!;
    const { report, created } = await draftVillageReport(
      store,
      village,
      '2025-06',
      new Date('2025-07-01T00:00:00Z'),
    );
    expect(created).toBe(true);
    expect(report.content).toMatchObject({ empty: true, disclosures: [], notices: [], survey: null });
    expect(report.content.finance).toMatchObject({
      totals: null,
      previousTotals: null,
      largestIncome: [],
      largestExpense: [],
    });
  });

  test('a re-run (twice, and two at once) leaves one draft per village and month, unchanged', async () => {
    const month = '2026-07';
    const at = new Date('2026-08-01T00:00:00Z');
    const first = await draftAllReports(store, month, at);
    const [second, third] = await Promise.all([
      draftAllReports(store, month, at),
      draftAllReports(store, month, at),
    ]);
    expect(first).toMatchObject({ villages: 6, created: 6 });
    expect(second.created + third.created).toBe(0);
    const drafts = await reportsOf(store).find({ month }, { limit: 100 });
    expect(drafts.map((d) => d._id).sort()).toEqual(
      (await findAll(villages(store), {})).map((v) => `${v._id}.${month}`).sort(),
    );
    for (const d of drafts)
      expect(d.content.finance.totals).toEqual(await disclosedTotals(store, d.villageId, month));
    // Racing single drafts of one village also end as one document.
    const v = (await villages(store).get('v-beipo'))!;
    await Promise.all([1, 2, 3].map(() => draftVillageReport(store, v, '2026-05', at)));
    expect(await reportsOf(store).count({ villageId: 'v-beipo', month: '2026-05' })).toBe(1);
  });

  test('the timer drafts last month only from 06:00 China time on the 1st, once', async () => {
    const s = await freshTown();
    const clock = fixedClock('2026-11-30T21:00:00.000Z'); // 1 Dec 05:00 in China
    const env = { store: s, clock, ids: sequentialIds('t') };
    expect((await runTick(env)).drafted).toBeNull();
    clock.set('2026-11-30T22:00:00.000Z'); // 06:00
    expect((await runTick(env)).drafted).toMatchObject({ month: '2026-11', villages: 6, created: 6 });
    clock.advance(5 * 60_000);
    expect((await runTick(env)).drafted).toMatchObject({ month: '2026-11', skipped: true });
    expect(await reportsOf(s).count({ month: '2026-11' })).toBe(6);
  }, 60_000);
});

test('compose is pure: several disclosures of one month add up; ties sort the same every time', () => {
  const source = (seriesId: string, periodKey: string, income: number, expense: number) => ({
    seriesId,
    title: seriesId,
    version: 1,
    periodKey,
    totals: { incomeFen: income, expenseFen: expense, balanceFen: income - expense },
    items: [
      { direction: 'income' as const, category: '其他收入', note: `${seriesId} 收入`, amountFen: income },
      { direction: 'expense' as const, category: '管理费用', note: `${seriesId} 支出`, amountFen: expense },
    ],
  });
  const input = {
    month: '2026-03',
    previousMonth: '2026-02',
    villageName: '测试村',
    finance: [
      source('b', '2026-03', 101, 50),
      source('a', '2026-03', 101, 7),
      source('c', '2026-02', 300, 1),
    ],
    disclosures: [],
    notices: [],
    survey: null,
    overdue: [],
  };
  const c = composeReport(input);
  expect(c.finance.totals).toEqual({ incomeFen: 202, expenseFen: 57, balanceFen: 145 });
  expect(c.finance.change).toEqual({ incomeFen: -98, expenseFen: 56, balanceFen: -154 });
  expect(c.finance.largestIncome.map((i) => i.seriesId)).toEqual(['a', 'b']);
  expect(composeReport({ ...input, finance: [...input.finance].reverse() })).toEqual(c);
});

test('a survey round closed after the month ended leaves the report with the round before it', async () => {
  // 东岭村: 2026-Q2 closed on 5 July, 2026-Q3 on 8 October; drafted mid-October.
  const store = await freshTown();
  const now = new Date('2026-10-15T02:00:00.000Z');
  const dongling = (await villages(store).get('v-dongling'))!;
  const { report } = await draftVillageReport(store, dongling, '2026-08', now);
  expect(report.content.survey).toMatchObject({ periodKey: '2026-Q2', closedAt: '2026-07-05T02:00:00.000Z' });
  // Before any round had closed: none.
  expect((await draftVillageReport(store, dongling, '2026-06', now)).report.content.survey).toBeNull();
  // The timer's town-wide run chooses the same way; 西河村's only round closed in October.
  await draftAllReports(store, '2026-07', now);
  expect((await reportsOf(store).get('v-dongling.2026-07'))?.content.survey?.periodKey).toBe('2026-Q2');
  expect((await reportsOf(store).get('v-xihe.2026-07'))?.content.survey).toBeNull();
}, 60_000);

describe('contentChanges: what a cadre reads when a draft was recomposed', () => {
  const base = composeReport({
    month: '2026-10',
    previousMonth: '2026-09',
    villageName: '东岭村',
    finance: [],
    disclosures: [],
    notices: [{ noticeId: 'n1', title: '停水通知', publishedAt: '2026-10-05T02:00:00.000Z' }],
    survey: null,
    overdue: [],
  });
  test('nothing changed: no lines, whatever the key order of the stored copy', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const reordered = reverse(base) as typeof base;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(base));
    expect(contentChanges(base, { ...base })).toEqual([]);
    expect(contentChanges(reordered, base)).toEqual([]);
  });
  test('late finance, a new disclosure and a withdrawn notice, each in words and money in yuan', () => {
    const after = composeReport({
      month: '2026-10',
      previousMonth: '2026-09',
      villageName: '东岭村',
      finance: [
        {
          seriesId: 's-fin',
          title: '十月财务公开',
          version: 1,
          periodKey: '2026-10',
          totals: { incomeFen: 123_456, expenseFen: 0, balanceFen: 123_456 },
          items: [{ direction: 'income', category: '经营收入', note: '租金', amountFen: 123_456 }],
        },
      ],
      disclosures: [
        {
          seriesId: 's-aff',
          title: '第三季度村务公开',
          category: 'affairs',
          major: false,
          periodKey: '2026-Q3',
          publishedAt: '2026-10-08T02:00:00.000Z',
        },
      ],
      notices: [
        { noticeId: 'n1', title: '停水通知', publishedAt: '2026-10-05T02:00:00.000Z', withdrawn: true },
      ],
      survey: null,
      overdue: [],
    });
    expect(contentChanges(base, after)).toEqual([
      '本月收入：¥1,234.56（此前未公开）',
      '本月支出：¥0.00（此前未公开）',
      '新增财务公开《十月财务公开》',
      '新增公开《第三季度村务公开》',
      '通知《停水通知》已撤回',
    ]);
  });
});
