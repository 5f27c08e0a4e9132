/**
 * Every town-wide view at 66 villages (a town) and 2,000 villages (a district), read the whole
 * town a page at a time as the screens do: store operations per call (goal: the same at both
 * sizes) and the largest reply of a page (goal: ≤ 100 KB). One town holds, per village, a
 * year of disclosure cadence in its home read model, a closed 五好 round with its comparison
 * summary, three years of 清廉村居 summaries and the ledger standard. In-memory embedded store:
 * in the cloud every store operation is a network round trip, so operations per call is the
 * figure to watch. The dashboard and the survey comparison (worst first) and the 示范点 list
 * (eligible first, by score) are read in the order of the whole town by the key each village
 * keeps on write. The oversight, decisions and assets town views
 * print their rows from their own benches (the same helper, the same columns).
 */
import { createAssessmentActions } from '../../cloudfunctions/assessment/actions';
import { productSources } from '../../cloudfunctions/assessment/ports';
import { keepDemonstrationSummary } from '../../cloudfunctions/assessment/demonstrationKeys';
import { demonstrationSurvey, loadRules } from '../../cloudfunctions/assessment/sheet';
import { keepTownStandingKeys, schemeOrNull } from '../../cloudfunctions/assessment/standingKeys';
import { summariesOf } from '../../cloudfunctions/assessment/store';
import { refreshTownSummary } from '../../cloudfunctions/assessment/townSummary';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { Dashboard, Demonstration, LedgerView } from '../../cloudfunctions/common/contracts/assessment';
import type { DisclosureOutputs } from '../../cloudfunctions/common/contracts/disclosure';
import type { ReportOutputs } from '../../cloudfunctions/common/contracts/report';
import type { SurveyOutputs } from '../../cloudfunctions/common/contracts/survey';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter, type ActionMap } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { countingStore } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import type { CadenceSources } from '../../cloudfunctions/disclosure/domain/cadence';
import { firstGapDueOn, overviewKeyOf } from '../../cloudfunctions/disclosure/domain/overviewOrder';
import { homesOf } from '../../cloudfunctions/disclosure/store';
import { BAOGOU_SCHEME, DEMO_SCHEDULE, wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { reportActions } from '../../cloudfunctions/report/actions';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { recountComparison } from '../../cloudfunctions/survey/comparison';
import { FIVE_GOOD_INDICATORS } from '../../cloudfunctions/survey/domain/indicators';
import { roundsOf, talliesOf } from '../../cloudfunctions/survey/store';
import {
  benchTown,
  printGoalTable,
  readTownView,
  townViewRows,
  type GoalRow,
  type TownViewFigures,
} from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const SIZES = [66, 2000] as const;
const TIERS = ['exemplary', 'qualified', 'improving', 'developing'];
const MONTHS = [
  '2025-11',
  '2025-12',
  ...Array.from({ length: 10 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`),
];

/** What the cadence weighs of a village: finance monthly, affairs and party quarterly, some gaps. */
function cadenceOf(i: number): CadenceSources {
  const published: CadenceSources['published'] = [];
  for (const [k, m] of MONTHS.entries())
    if ((i + k) % 9 !== 0)
      published.push({ category: 'finance', periodKey: m, major: false, firstPublishedOn: `${m}-28` });
  for (const q of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'])
    for (const category of ['affairs', 'party'] as const)
      if (!(i % 7 === 0 && q === '2026-Q3'))
        published.push({ category, periodKey: q, major: false, firstPublishedOn: '2026-10-05' });
  return { published, majors: [] };
}

async function town(n: number) {
  const inner = nedbStore();
  const store = countingStore(inner);
  const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
  // The town, its admin and its villages (第1村 …); each village's records are added below.
  const { townId: TOWN, villageIds } = await benchTown(n, NOW, inner);
  const ADMIN = 'admin';
  const assessment = createAssessmentActions(productSources);
  const call = async <T>(actions: ActionMap, action: string, input: unknown): Promise<T> => {
    const r = await createRouter(actions)({ action, input }, ADMIN, env);
    if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
    return r.data as T;
  };
  await call(assessment, 'saveScheme', BAOGOU_SCHEME);
  for (const y of [2024, 2025]) await call(assessment, 'saveStandard', wuqingStandard(y));
  await call(assessment, 'saveStandard', wuqingStandard(2026, DEMO_SCHEDULE));
  const eligible = Object.fromEntries(FIVE_GOOD_INDICATORS.map((x) => [x.id, 60]));
  for (const [i, villageId] of villageIds.entries()) {
    const name = `第${i + 1}村`;
    await homesOf(inner).insert({
      _id: villageId,
      townId: TOWN,
      villageName: name,
      townName: '基准镇',
      trackingSince: '2025-11',
      lastPublishedAt: '2026-11-05T02:00:00.000Z',
      cadence: cadenceOf(i),
      // Its place in the overview (worst first), as the home's write keeps it.
      overviewKey: overviewKeyOf(villageId, firstGapDueOn('2025-11', '2026-11-23', cadenceOf(i).published)),
      latestFinance: null,
      recent: [],
    });
    // A closed 2026-Q3 round, 40 ballots, and the comparison summary its close keeps.
    const roundId = `${villageId}:2026-Q3:1`;
    const misses = i % 7;
    const counts = Object.fromEntries(
      FIVE_GOOD_INDICATORS.map((x) => [
        x.id,
        Object.fromEntries(
          x.options.map((o, k) => [
            o.key,
            o.approves ? (k === 0 ? 40 - misses : 0) : k === x.options.length - 1 ? misses : 0,
          ]),
        ),
      ]),
    );
    await talliesOf(inner).insert({ _id: roundId, roundId, ballots: 40, counts, closed: true });
    await roundsOf(inner).insert({
      _id: roundId,
      villageId,
      townId: TOWN,
      periodKey: '2026-Q3',
      status: 'closed',
      indicators: FIVE_GOOD_INDICATORS,
      eligible,
      eligibleVoters: 60,
      minGroup: 5,
      openedAt: '2026-09-20T02:00:00.000Z',
      openedBy: ADMIN,
      closesAt: '2026-10-08T02:00:00.000Z',
      participationFloor: 0.3,
      closedAt: '2026-10-08T02:00:00.000Z',
      closedBy: 'schedule',
      closedEarly: false,
      valid: true,
    });
    await recountComparison(inner, TOWN, villageId, '2026-Q3');
    for (const year of [2024, 2025, 2026]) {
      const score = 60 + ((i * 7 + year) % 40);
      const summary = {
        state: year < 2026 || i % 3 === 0 ? ('confirmed' as const) : ('submitted' as const),
        total: score,
        selfTotal: score,
        tierKey: TIERS[(i + year) % 4]!,
        tierConfirmed: year < 2026 || i % 3 === 0,
        vetoes: i % 50 === 0 ? ['发生侵占、挪用集体“三资”问题'] : [],
        submittedAt: NOW,
        updatedAt: NOW,
      };
      await summariesOf(inner).insert({
        _id: `${villageId}.${year}`,
        townId: TOWN,
        villageId,
        year,
        ledger: {},
        ...summary,
      });
      // The village's place in the 示范点 list, as the summary's write keeps it.
      await keepDemonstrationSummary(
        inner,
        { _id: villageId, townId: TOWN },
        year,
        summary,
        FIVE_GOOD_INDICATORS,
        () => demonstrationSurvey(productSources.surveys, inner, villageId, year),
        NOW,
      );
    }
  }
  // The town totals and the board's keys, as the summaries' writes keep them.
  for (const y of [2024, 2025, 2026]) await refreshTownSummary(inner, TOWN, y, NOW);
  await keepTownStandingKeys(
    inner,
    TOWN,
    schemeOrNull((y) => loadRules(inner, TOWN, y)),
  );
  return { store, call, assessment };
}

type Town = Awaited<ReturnType<typeof town>>;

/** Each town view: how the screen reads one page. */
const VIEWS: {
  view: string;
  read: (
    t: Town,
  ) => (
    cursor: string | undefined,
  ) => Promise<{ reply: unknown; villages: number; next: string | null | undefined }>;
}[] = [
  {
    // Overdue first, by the earliest due date, by the key each village's home keeps.
    view: 'disclosure overview (worst first)',
    read: (t) => async (cursor) => {
      const d = await t.call<DisclosureOutputs['townStatus']>(
        disclosureActions,
        'townStatus',
        cursor ? { cursor } : {},
      );
      return { reply: d, villages: d.villages.length, next: d.next };
    },
  },
  {
    // Lowest approval first in the whole town, by the key each village's period summary keeps.
    view: 'survey comparison (worst first)',
    read: (t) => async (cursor) => {
      const d = await t.call<SurveyOutputs['compare']>(surveyActions, 'compare', cursor ? { cursor } : {});
      if (d.rows.some((r) => !r.round)) throw new Error('a village without its comparison summary');
      return { reply: d, villages: d.rows.length, next: d.next };
    },
  },
  {
    view: 'ledger view',
    read: (t) => async (cursor) => {
      const d = await t.call<LedgerView>(t.assessment, 'ledger', {
        month: '2026-10',
        ...(cursor ? { cursor } : {}),
      });
      return { reply: d, villages: new Set(d.rows.map((r) => r.villageId)).size, next: d.next };
    },
  },
  {
    view: 'report overview',
    read: (t) => async (cursor) => {
      const d = await t.call<ReportOutputs['townReports']>(reportActions, 'townReports', {
        month: '2026-10',
        ...(cursor ? { cursor } : {}),
      });
      return { reply: d, villages: d.villages.length, next: d.next };
    },
  },
  {
    // Worst first in the whole town, by the key each village summary keeps.
    view: 'assessment dashboard (worst first)',
    read: (t) => async (cursor) => {
      const d = await t.call<Dashboard>(t.assessment, 'dashboard', cursor ? { cursor } : {});
      return { reply: d, villages: d.villages.length, next: d.next };
    },
  },
  {
    // Paged in the order of the whole town (eligible first, by score) by the key each village keeps.
    view: 'assessment 示范点 list (best first)',
    read: (t) => async (cursor) => {
      const d = await t.call<Demonstration>(t.assessment, 'demonstration', cursor ? { cursor } : {});
      return { reply: d, villages: d.villages.length, next: d.next };
    },
  },
];

export default async function run(): Promise<void> {
  const figures = new Map<string, TownViewFigures[]>();
  for (const n of SIZES) {
    const t0 = Date.now();
    const t = await town(n);
    console.log(`town of ${n} villages built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const v of VIEWS) {
      const f = await readTownView(t.store, n, v.read(t));
      figures.set(v.view, [...(figures.get(v.view) ?? []), f]);
    }
  }
  const rows: GoalRow[] = [];
  for (const v of VIEWS) {
    const [small, large] = figures.get(v.view)!;
    rows.push(...townViewRows(v.view, small!, large!));
  }
  console.log('\nTown-wide views, the whole town read a page at a time');
  printGoalTable(rows);
}
