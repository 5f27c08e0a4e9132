import { fixedClock } from '../common/clock';
import { addMonths, monthIndex } from '../common/periods';
import { DEMO_REFERENCE_NOW, demoCalendar, monthNumber } from './demo-calendar';
import type { SchemeInput, StandardInput } from '../common/contracts/assessment';
import { sequentialIds } from '../common/ids';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { assessmentActions } from '../assessment/actions';

/**
 * The demo town's 清廉村居 index: a standard built on the 五清 (班子清廉、权力清源、村务清爽、
 * 民风清朗、监督清晰) with bonus and veto items, 鲍沟镇's four tiers (and 上党区's three, for
 * comparison), last year's confirmed grades, this year's sheets in every state, and the monthly
 * supervision ledger with one late month. Everything goes through the real actions.
 *
 * The score lines (90 / 80 / 70) are the demo's own: the seeds name the tiers and the yearly
 * counts but not the city's score lines.
 */

export const BAOGOU_SCHEME: SchemeInput = {
  id: 'baogou',
  name: '四档定级（示范村、达标村、提升村、促进村）',
  tiers: [
    { key: 'exemplary', label: '示范村', minScore: 90, countsAsQinglian: true },
    { key: 'qualified', label: '达标村', minScore: 80, countsAsQinglian: true },
    { key: 'improving', label: '提升村', minScore: 70, countsAsQinglian: true },
    { key: 'developing', label: '促进村', minScore: 0, countsAsQinglian: false },
  ],
  vetoTier: 'developing',
  targets: {
    // 鲍沟镇 2024: 7 示范, 33 达标, 13 提升, 13 促进 of 66 villages.
    '2024': { counts: { exemplary: 7, qualified: 33, improving: 13, developing: 13 }, keepPrevious: false },
    // 2025: 10 示范 (with 2024's), 43 达标, 13 提升; every 促进村 of 2024 reaches 提升村.
    '2025': {
      counts: { exemplary: 10, qualified: 43, improving: 13, developing: 0 },
      floorTier: 'improving',
      keepPrevious: true,
    },
    // The demo town has 6 villages: 1 示范, 3 达标, 2 提升, none left at 促进.
    '2026': {
      counts: { exemplary: 1, qualified: 3, improving: 2, developing: 0 },
      floorTier: 'improving',
      keepPrevious: true,
    },
  },
};

export const SHANGDANG_SCHEME: SchemeInput = {
  id: 'shangdang',
  name: '三类定级（示范、创优、强基）',
  tiers: [
    { key: 'model', label: '示范', minScore: 90, countsAsQinglian: true },
    { key: 'excellent', label: '创优', minScore: 80, countsAsQinglian: true },
    { key: 'foundation', label: '强基', minScore: 0, countsAsQinglian: false },
  ],
  vetoTier: 'foundation',
  targets: {},
};

export function wuqingStandard(year: number, schedule?: StandardInput['schedule']): StandardInput {
  return {
    year,
    title: `${year} 年度村级“清廉村居”建设指数标准`,
    schemeId: 'baogou',
    ledgerSince: `${year}-04`,
    schedule,
    units: [
      { id: 'jiwei', name: '镇纪委（派出监察室）' },
      { id: 'dangjian', name: '镇党建办' },
      { id: 'jingguan', name: '镇经管站' },
    ],
    sections: [
      {
        id: 'banzi',
        title: '班子清廉',
        items: [
          {
            id: 'team_decide',
            title: '落实“四议两公开”和“三重一大”集体决策',
            maxPoints: 6,
            guidance: '查会议记录；每缺一次集体研究扣 2 分',
          },
          {
            id: 'team_integrity',
            title: '村“两委”干部廉洁自律，无违纪违法',
            maxPoints: 8,
            guidance: '年内被提醒谈话的每人次扣 2 分',
          },
          {
            id: 'team_study',
            title: '经常开展党纪法规和廉洁教育',
            maxPoints: 6,
            guidance: '每季度至少 1 次，缺一次扣 1.5 分',
          },
        ],
      },
      {
        id: 'quanli',
        title: '权力清源',
        items: [
          {
            id: 'power_list',
            title: '公布小微权力清单和运行流程，按清单办事',
            maxPoints: 7,
            guidance: '清单未公开扣 4 分，执行不规范酌情扣分',
          },
          {
            id: 'power_assets',
            title: '集体“三资”管理规范，账实相符',
            maxPoints: 7,
            guidance: '对照镇经管站台账核查',
          },
          {
            id: 'power_vote',
            title: '重大事项经村民代表会议表决（票决制）',
            maxPoints: 6,
            guidance: '应表决未表决的每项扣 3 分',
          },
        ],
      },
      {
        id: 'cunwu',
        title: '村务清爽',
        items: [
          {
            id: 'affairs_timely',
            title: '三务公开及时（财务每月、村务党务每季度）',
            maxPoints: 10,
            guidance: '按时公开期数 ÷ 应公开期数 × 10 分，由系统根据三务公开记录计算',
            auto: 'disclosureTimeliness',
          },
          {
            id: 'affairs_report',
            title: '村情月报、通知公告按月发布',
            maxPoints: 5,
            guidance: '发布月报的月数 ÷ 评价期月数 × 5 分，由系统计算',
            auto: 'publications',
          },
          {
            id: 'affairs_archive',
            title: '村务档案齐全、规范',
            maxPoints: 10,
            guidance: '查档案；缺项每项扣 1 分',
          },
        ],
      },
      {
        id: 'minfeng',
        title: '民风清朗',
        items: [
          {
            id: 'culture_rules',
            title: '村规民约完善，家风家教建设有载体',
            maxPoints: 8,
            guidance: '村规民约经村民会议通过并公布',
          },
          {
            id: 'culture_activity',
            title: '廉洁文化阵地和活动',
            maxPoints: 7,
            guidance: '有阵地 3 分，年内活动每次 1 分，最多 4 分',
          },
        ],
      },
      {
        id: 'jiandu',
        title: '监督清晰',
        items: [
          {
            id: 'supervise_committee',
            title: '村务监督委员会履职有台账、有日志、有痕迹',
            maxPoints: 8,
            guidance: '查村监委工作台账',
          },
          {
            id: 'supervise_satisfaction',
            title: '五项满意率均不低于 90%',
            maxPoints: 7,
            guidance: '达到 90% 的项数 ÷ 有效测评项数 × 7 分，由系统根据五好测评结果计算',
            auto: 'satisfaction',
          },
          {
            id: 'supervise_petition',
            title: '无集体上访、重复越级上访',
            maxPoints: 5,
            guidance: '发生一起扣 5 分',
          },
        ],
      },
    ],
    bonus: {
      cap: 5,
      items: [
        { id: 'bonus_model', title: '被评为市级以上清廉建设示范典型', maxPoints: 3, guidance: '附命名文件' },
        { id: 'bonus_innovation', title: '创新做法被上级推广', maxPoints: 3, guidance: '附推广文件或简报' },
        {
          id: 'bonus_publicity',
          title: '清廉村居建设经验被市级以上媒体报道',
          maxPoints: 2,
          guidance: '附报道截图',
        },
      ],
    },
    vetoes: [
      { id: 'veto_discipline', title: '村“两委”成员受到党纪政务处分或被追究刑事责任', guidance: '' },
      { id: 'veto_petition', title: '发生群体性事件或有影响的信访稳定事件', guidance: '' },
      { id: 'veto_assets', title: '发生侵占、挪用集体“三资”问题', guidance: '' },
    ],
  };
}

/**
 * The demo year's assessment runs around the demo's "today" (the town moved it): villages
 * self-assess until a week from today, the town reports to the city three weeks from today.
 */
export function demoSchedule(now: string): NonNullable<StandardInput['schedule']> {
  const cal = demoCalendar(now);
  const lastDay = `${cal.year}-12-31`;
  const selfAssessBy = cal.dayOffset(7) < lastDay ? cal.dayOffset(7) : lastDay;
  const submitBy = cal.dayOffset(12) < selfAssessBy ? selfAssessBy : cal.dayOffset(12);
  return { selfAssessBy, submitBy, reportBy: cal.dayOffset(22) < submitBy ? submitBy : cal.dayOffset(22) };
}

/** The schedule of the demo at its reference "today" (2026: open until 11-30). */
export const DEMO_SCHEDULE = demoSchedule(DEMO_REFERENCE_NOW);

/** 鲍沟镇's scheme with the demo town's own target for the demo year. */
export function baogouScheme(year: number): SchemeInput {
  const { '2026': demoTarget, ...published } = BAOGOU_SCHEME.targets as Record<string, unknown>;
  return {
    ...BAOGOU_SCHEME,
    targets: { ...published, [String(year)]: demoTarget },
  } as SchemeInput;
}

const TOWN_ADMIN = 'dev-town';
const cadreOf = (villageId: string) =>
  villageId === 'v-dongling'
    ? 'dev-cadre'
    : villageId === 'v-xihe'
      ? 'dev-cadre-xihe'
      : `seed-cadre-${villageId}`;

type Plan = {
  fraction: number;
  bonus?: Record<string, number>;
  veto?: string;
  skip?: string[];
  /** Auto-scored items the village scores above the data, with its reason (shown as overridden). */
  override?: Record<string, { score: number; reason: string }>;
};

/** Self scores at a share of each item's maximum (half points); auto items with data keep theirs. */
function entriesFor(standard: StandardInput, plan: Plan, autoPoints: Record<string, number | null>) {
  const entries: Record<string, unknown>[] = [];
  for (const item of standard.sections.flatMap((s) => s.items)) {
    if (plan.skip?.includes(item.id)) continue;
    const o = plan.override?.[item.id];
    if (o) {
      entries.push({ kind: 'item', id: item.id, score: o.score, reason: o.reason, note: '附张贴照片' });
      continue;
    }
    if (item.auto && autoPoints[item.id] !== null && autoPoints[item.id] !== undefined) continue;
    const score = Math.round(item.maxPoints * plan.fraction * 2) / 2;
    entries.push({ kind: 'item', id: item.id, score, note: '对照标准逐项自查' });
  }
  for (const [id, score] of Object.entries(plan.bonus ?? {}))
    entries.push({ kind: 'bonus', id, score, note: '附相关文件' });
  if (plan.veto) entries.push({ kind: 'veto', id: plan.veto, applies: true, note: '' });
  return entries;
}

/**
 * Seeds the assessment of the demo's "today": last year graded (self-assessed in June, as the
 * standard's default schedule has it), this year's sheets in every state in the last weeks, and
 * this year's supervision ledger up to last month.
 */
export async function seedAssessmentDemo(store: Store, now = DEMO_REFERENCE_NOW): Promise<void> {
  const cal = demoCalendar(now);
  const Y = cal.year;
  const clock = fixedClock(now);
  const env = { store, clock, ids: sequentialIds('seeda') };
  const handle = createRouter(assessmentActions);
  const call = async (openid: string, at: string, actionName: string, input: unknown) => {
    clock.set(at);
    const reply = await handle({ action: actionName, input }, openid, env);
    if (!reply.ok) throw new Error(`seed assessment ${actionName} failed: ${reply.code} ${reply.message}`);
    return reply.data as { entries: { id: string; auto: { points: number | null } | null }[] };
  };

  await call(TOWN_ADMIN, cal.at(`${Y - 1}-03-01`), 'saveScheme', baogouScheme(Y));
  await call(TOWN_ADMIN, cal.at(`${Y - 1}-03-01`), 'saveScheme', SHANGDANG_SCHEME);
  const lastYear = wuqingStandard(Y - 1);
  const thisYear = wuqingStandard(Y, demoSchedule(now));
  await call(TOWN_ADMIN, cal.at(`${Y - 1}-03-02`), 'saveStandard', lastYear);
  // Before the sheets of this year are filled (three weeks ago at the latest).
  const standardAt = cal.at(`${Y}-03-02`) < cal.daysAgo(21) ? cal.at(`${Y}-03-02`) : cal.daysAgo(21);
  await call(TOWN_ADMIN, standardAt, 'saveStandard', thisYear);

  const fill = async (villageId: string, year: number, standard: StandardInput, plan: Plan, at: string) => {
    const view = await call(cadreOf(villageId), at, 'sheet', { villageId, year });
    const auto = Object.fromEntries(view.entries.map((e) => [e.id, e.auto ? e.auto.points : null]));
    await call(cadreOf(villageId), at, 'saveSelf', {
      villageId,
      year,
      entries: entriesFor(standard, plan, auto),
    });
  };

  // Last year: every village graded; 西河村 ended as 促进村, so this year asks it to reach 提升村.
  const gradesLastYear: [string, Plan][] = [
    ['v-dongling', { fraction: 0.85 }],
    ['v-xihe', { fraction: 0.65 }],
    ['v-nanwan', { fraction: 0.75 }],
    ['v-beipo', { fraction: 0.82 }],
    ['v-taoyuan', { fraction: 0.93, bonus: { bonus_model: 3, bonus_publicity: 2 } }],
    ['v-liuzhuang', { fraction: 0.8 }],
  ];
  for (const [villageId, plan] of gradesLastYear) {
    await fill(villageId, Y - 1, lastYear, plan, cal.at(`${Y - 1}-06-20`));
    await call(cadreOf(villageId), cal.at(`${Y - 1}-06-24`), 'submit', { villageId, year: Y - 1 });
    await call(TOWN_ADMIN, cal.at(`${Y - 1}-07-05`), 'confirm', {
      villageId,
      year: Y - 1,
      comment: '经镇纪委初审，同意定级',
    });
  }

  // This year: sheets in every state, filled in the last weeks.
  await fill(
    'v-dongling',
    Y,
    thisYear,
    { fraction: 0.9, skip: ['culture_activity', 'supervise_petition'] },
    cal.daysAgo(7),
  );
  await fill('v-nanwan', Y, thisYear, { fraction: 0.8 }, cal.daysAgo(11));
  await call(cadreOf('v-nanwan'), cal.daysAgo(10), 'submit', { villageId: 'v-nanwan', year: Y });
  await fill('v-beipo', Y, thisYear, { fraction: 0.86 }, cal.daysAgo(13));
  await call(cadreOf('v-beipo'), cal.daysAgo(12), 'submit', { villageId: 'v-beipo', year: Y });
  await call(TOWN_ADMIN, cal.daysAgo(5), 'review', {
    villageId: 'v-beipo',
    year: Y,
    entries: [
      {
        kind: 'veto',
        id: 'veto_assets',
        applies: true,
        comment: '经镇经管站核查，村会计挪用集体资金 2.3 万元，已移交处理',
      },
    ],
  });
  await fill(
    'v-taoyuan',
    Y,
    thisYear,
    {
      fraction: 0.95,
      bonus: { bonus_model: 3, bonus_innovation: 3 },
      override: {
        affairs_report: { score: 4, reason: '村情月报每月在村务公开栏张贴纸质版，未在小程序发布' },
      },
    },
    cal.daysAgo(18),
  );
  await call(cadreOf('v-taoyuan'), cal.daysAgo(17), 'submit', { villageId: 'v-taoyuan', year: Y });
  await call(TOWN_ADMIN, cal.daysAgo(14), 'confirm', {
    villageId: 'v-taoyuan',
    year: Y,
    comment: '材料齐全，推荐参加市级示范村评选',
  });
  await fill('v-liuzhuang', Y, thisYear, { fraction: 0.83 }, cal.daysAgo(18));
  await call(cadreOf('v-liuzhuang'), cal.daysAgo(17), 'submit', { villageId: 'v-liuzhuang', year: Y });
  await call(TOWN_ADMIN, cal.daysAgo(13), 'confirm', { villageId: 'v-liuzhuang', year: Y });

  // This year's supervision ledger from April to last month (M-1): filed on the 1st of the next
  // month, except 镇纪委's ledger of M-3 for 西河村 (filed on the 5th: late) and 镇经管站's of
  // M-1 for 北坡村 (missing).
  const villages = ['v-dongling', 'v-xihe', 'v-nanwan', 'v-beipo', 'v-taoyuan', 'v-liuzhuang'];
  const lastMonth = cal.monthOffset(-1);
  const lateMonth = cal.monthOffset(-3);
  for (let month = `${Y}-04`; month <= lastMonth; month = addMonths(month, 1)) {
    const next = addMonths(month, 1);
    const sinceLate = monthIndex(month) - monthIndex(lateMonth);
    for (const unitId of ['jiwei', 'dangjian', 'jingguan']) {
      for (const villageId of villages) {
        if (month === lastMonth && unitId === 'jingguan' && villageId === 'v-beipo') continue;
        const late = month === lateMonth && unitId === 'jiwei' && villageId === 'v-xihe';
        const findings =
          villageId === 'v-beipo' && unitId === 'jingguan' && sinceLate >= 0
            ? [
                {
                  finding: '村集体资金往来账目不清，部分支出缺少审批单',
                  rectification: '补齐审批手续，由村监委逐笔核对',
                  deadline: `${next}-20`,
                  status: sinceLate === 0 ? 'rectifying' : 'open',
                },
              ]
            : late
              ? [
                  {
                    finding: `${monthNumber(addMonths(month, -1))}、${monthNumber(month)} 月财务公开未按时张贴`,
                    rectification: '补公开并建立公开提醒制度',
                    deadline: `${next}-15`,
                    status: 'done',
                  },
                ]
              : [];
        await call(TOWN_ADMIN, cal.at(`${next}-${late ? '05' : '01'}`), 'saveLedger', {
          unitId,
          villageId,
          month,
          findings,
          note: findings.length ? '' : '本月检查未发现问题',
        });
      }
    }
  }
}
