import { fixedClock, type Clock } from '../common/clock';
import { DEMO_REFERENCE_NOW, demoCalendar, type DemoCalendar } from './demo-calendar';
import type { Category, LineItem } from '../common/contracts/disclosure';
import type { Role } from '../common/contracts/shared';
import { sequentialIds } from '../common/ids';
import { towns, users, villages } from '../common/identity';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { addMonths, quarterEndMonth } from '../common/periods';
import { disclosureActions } from '../disclosure/actions';
import { accountActions } from '../account/actions';

/** A person of the demo town; `openid` stands in for WeChat's in the local runtime only. */
export interface Persona {
  openid: string;
  name: string;
  label: string;
  villageId: string | null;
  roles: Role[];
}

export const DEMO_TOWN = { _id: 'town-qinghe', name: '清河镇' };

export const DEMO_VILLAGES = [
  { _id: 'v-dongling', name: '东岭村' },
  { _id: 'v-xihe', name: '西河村' },
  { _id: 'v-nanwan', name: '南湾村' },
  { _id: 'v-beipo', name: '北坡村' },
  { _id: 'v-taoyuan', name: '桃园村' },
  { _id: 'v-liuzhuang', name: '柳庄村' },
];

export const PERSONAS: Persona[] = [
  {
    openid: 'dev-resident',
    name: '张桂兰',
    label: '村民（东岭村）',
    villageId: 'v-dongling',
    roles: ['resident'],
  },
  {
    openid: 'dev-representative',
    name: '王建国',
    label: '村民代表（东岭村）',
    villageId: 'v-dongling',
    roles: ['resident', 'representative'],
  },
  {
    openid: 'dev-party',
    name: '赵红梅',
    label: '党员（东岭村）',
    villageId: 'v-dongling',
    roles: ['resident', 'partyMember'],
  },
  {
    openid: 'dev-migrant',
    name: '刘小军',
    label: '外出务工人员（东岭村）',
    villageId: 'v-dongling',
    roles: ['resident', 'migrant'],
  },
  {
    openid: 'dev-cadre',
    name: '李明华',
    label: '村干部（东岭村）',
    villageId: 'v-dongling',
    roles: ['cadre'],
  },
  {
    openid: 'dev-supervisor',
    name: '陈立新',
    label: '村监委（东岭村）',
    villageId: 'v-dongling',
    roles: ['resident', 'supervisor'],
  },
  {
    openid: 'dev-cadre-xihe',
    name: '孙志强',
    label: '村干部（西河村）',
    villageId: 'v-xihe',
    roles: ['cadre'],
  },
  {
    openid: 'dev-town',
    name: '周海燕',
    label: '镇纪委管理员（清河镇）',
    villageId: null,
    roles: ['townAdmin'],
  },
  { openid: 'dev-newcomer', name: '新用户', label: '未绑定的新用户', villageId: null, roles: [] },
];

/** Cadence is tracked from this month in the demo: one year before the demo's "today". */
export function trackingSinceOf(now: string): string {
  return demoCalendar(now).monthOffset(-12);
}

/** Deterministic pseudo-random numbers so every demo town is the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const yuan = (n: number) => Math.round(n * 100);

function financeItems(month: string, r: () => number): LineItem[] {
  const m = Number(month.slice(5));
  const items: LineItem[] = [
    {
      direction: 'income',
      category: '发包及上交收入',
      amountFen: yuan(12000 + Math.floor(r() * 8000)),
      note: '集体土地承包费',
      occurredOn: `${month}-05`,
    },
    {
      direction: 'income',
      category: '补助收入',
      amountFen: yuan(30000),
      note: '村级组织运转经费（镇拨付）',
      occurredOn: `${month}-08`,
    },
    {
      direction: 'expense',
      category: '管理费用',
      amountFen: yuan(9600),
      note: '村干部误工补贴',
      occurredOn: `${month}-15`,
    },
    {
      direction: 'expense',
      category: '管理费用',
      amountFen: yuan(300 + Math.floor(r() * 900) + 0.5),
      note: '办公用品、水电费',
      occurredOn: `${month}-18`,
    },
    {
      direction: 'expense',
      category: '公益支出',
      amountFen: yuan(1500 + Math.floor(r() * 5000)),
      note: '村内道路保洁、路灯维修',
      occurredOn: `${month}-20`,
    },
  ];
  if (m % 3 === 0) {
    items.push({
      direction: 'income',
      category: '投资收益',
      amountFen: yuan(8000 + Math.floor(r() * 4000)),
      note: '光伏发电收益分红',
      occurredOn: `${month}-25`,
    });
  }
  if (m === 6 || m === 12) {
    items.push({
      direction: 'expense',
      category: '公益支出',
      amountFen: yuan(26800),
      note: '困难群众慰问金（26户）',
      occurredOn: `${month}-26`,
    });
  }
  if (m === 4) {
    items.push({
      direction: 'expense',
      category: '经营支出',
      amountFen: yuan(58000),
      note: '灌溉水渠修缮（经村民代表会议决定）',
      occurredOn: `${month}-12`,
    });
  }
  return items;
}

/**
 * Gaps that make the demo show overdue villages, [villageId, category, period], and one
 * finance month that went up late. Months count back from the demo's "today" (M-1 = last month),
 * quarters from the last closed one (Q0).
 */
function gapsOf(cal: DemoCalendar) {
  const q0 = cal.quarterOffset(-1);
  return {
    skipped: new Set([
      `v-xihe:finance:${cal.monthOffset(-2)}`,
      `v-xihe:finance:${cal.monthOffset(-1)}`,
      `v-nanwan:affairs:${q0}`,
      `v-beipo:finance:${cal.monthOffset(-1)}`,
      `v-beipo:party:${q0}`,
    ]),
    /** 北坡村's finance of M-3 went up two weeks after it was due. */
    late: new Map([[`v-beipo:finance:${cal.monthOffset(-3)}`, 14]]),
  };
}

/**
 * When a period's disclosure goes up: the 3rd (+ lateDays) of the month after it closes,
 * 10:00 China time, or just before "today" when that is still ahead (a demo on the 1st).
 */
function publishedAtFor(cal: DemoCalendar, periodKey: string, lateDays = 0): string {
  const month = periodKey.includes('Q') ? quarterEndMonth(periodKey) : periodKey;
  const next = addMonths(month, 1);
  return cal.at(`${next}-${String(3 + lateDays).padStart(2, '0')}`);
}

/**
 * Seeds the demo town through the real actions, so every seeded record went through the
 * same validation and writes as production data. `now` is the demo's "today": every date of
 * the town is counted from it (the last twelve months of disclosures, last month's reports,
 * this quarter's survey round, this year's assessment), so the demo is alive in any month.
 */
export async function seedDemoTown(store: Store, now = DEMO_REFERENCE_NOW): Promise<void> {
  if (await towns(store).get(DEMO_TOWN._id)) return;
  const cal = demoCalendar(now);
  const since = trackingSinceOf(now);
  const bound = cal.at(`${addMonths(since, -1)}-20`);
  await towns(store).insert(DEMO_TOWN);
  for (const v of DEMO_VILLAGES) {
    await villages(store).insert({ ...v, townId: DEMO_TOWN._id, trackingSince: since });
  }
  for (const p of PERSONAS.filter((x) => x.roles.length)) {
    await users(store).insert({
      _id: p.openid,
      name: p.name,
      townId: DEMO_TOWN._id,
      villageId: p.villageId,
      roles: p.roles,
      boundAt: bound,
      via: 'seed',
    });
  }
  // One seeded cadre per village publishes that village's disclosures.
  for (const v of DEMO_VILLAGES.slice(2)) {
    await users(store).insert({
      _id: `seed-cadre-${v._id}`,
      name: `${v.name.slice(0, 2)}村委会`,
      townId: DEMO_TOWN._id,
      villageId: v._id,
      roles: ['cadre'],
      boundAt: bound,
      via: 'seed',
    });
  }
  const cadreOf = (villageId: string) =>
    villageId === 'v-dongling'
      ? 'dev-cadre'
      : villageId === 'v-xihe'
        ? 'dev-cadre-xihe'
        : `seed-cadre-${villageId}`;

  const clock = fixedClock(now);
  const ids = sequentialIds('seed');
  const disclosure = createRouter(disclosureActions);
  const account = createRouter(accountActions);
  let n = 0;
  const publish = async (villageId: string, at: string, input: Record<string, unknown>) => {
    clock.set(at);
    const reply = await disclosure(
      {
        action: 'publish',
        input: { requestId: `seed-${String(++n).padStart(5, '0')}`, villageId, ...input },
      },
      cadreOf(villageId),
      { store, clock: clock as Clock, ids },
    );
    if (!reply.ok) throw new Error(`seed publish failed: ${reply.code} ${reply.message}`);
  };

  const gaps = gapsOf(cal);
  const quarters = [-4, -3, -2, -1].map((n) => cal.quarterOffset(n));
  for (const [vi, v] of DEMO_VILLAGES.entries()) {
    const r = rng(vi + 7);
    for (let i = 0; i < 12; i++) {
      const month = addMonths(since, i);
      const key = `${v._id}:finance:${month}`;
      if (gaps.skipped.has(key)) continue;
      const [y, m] = month.split('-');
      const lateDays = gaps.late.get(key);
      await publish(v._id, publishedAtFor(cal, month, lateDays ? 7 + lateDays : vi % 3), {
        category: 'finance' satisfies Category,
        title: `${v.name}${y}年${Number(m)}月财务收支公开`,
        periodKey: month,
        body: `经村务监督委员会审核，现将${y}年${Number(m)}月村集体财务收支情况公开如下。如有疑问，请于公开之日起 15 日内向村务监督委员会反映。`,
        items: financeItems(month, r),
        attachments: [{ fileId: '/static/demo/receipt.svg', name: '记账凭证（示例）', kind: 'image' }],
      });
    }
    for (const q of quarters) {
      const label = `${q.slice(0, 4)}年第${'一二三四'[Number(q.slice(-1)) - 1]}季度`;
      if (!gaps.skipped.has(`${v._id}:affairs:${q}`)) {
        await publish(v._id, publishedAtFor(cal, q), {
          category: 'affairs' satisfies Category,
          title: `${v.name}${label}村务公开`,
          periodKey: q,
          body: `一、低保、特困供养对象名单及补助标准已张榜公示。\n二、本季度召开村民代表会议 1 次，审议通过村内道路维修方案。\n三、宅基地审批 2 户，已按程序公示无异议。\n四、耕地地力保护补贴已按亩发放到户。`,
        });
      }
      if (!gaps.skipped.has(`${v._id}:party:${q}`)) {
        await publish(v._id, publishedAtFor(cal, q), {
          category: 'party' satisfies Category,
          title: `${v.name}党支部${label}党务公开`,
          periodKey: q,
          body: `一、本季度召开支部党员大会 1 次、支委会 3 次，开展主题党日活动 3 次。\n二、党费收缴：应缴 38 人，实缴 38 人。\n三、发展党员：确定入党积极分子 1 名。`,
        });
      }
    }
  }
  // A major matter (重大事项) published promptly in 东岭村 (M-3), and one published late in 南湾村 (M-4).
  const m3 = cal.monthOffset(-3);
  const [y3, mm3] = m3.split('-').map(Number);
  await publish('v-dongling', cal.at(`${m3}-12`), {
    category: 'affairs',
    major: true,
    occurredOn: `${m3}-10`,
    title: '关于村集体闲置厂房对外租赁的决定',
    periodKey: m3,
    body: `经 ${y3} 年 ${mm3} 月 10 日村民代表会议表决（应到 31 人，实到 27 人，同意 25 人），村集体闲置厂房以公开竞价方式出租，租期 5 年，年租金底价 6 万元。`,
  });
  const m4 = cal.monthOffset(-4);
  await publish('v-nanwan', cal.at(`${m4}-28`), {
    category: 'affairs',
    major: true,
    occurredOn: `${m4}-02`,
    title: '关于土地流转给合作社的公告',
    periodKey: m4,
    body: '村集体 120 亩耕地流转给本村种植合作社，流转费每亩每年 800 元。',
  });
  // A roster the town imported (only the town may name 村民代表), so a newcomer can claim an entry.
  clock.set(now);
  const roster = await account(
    {
      action: 'importRoster',
      input: {
        villageId: 'v-dongling',
        entries: [
          { name: '马秀英', phoneLast4: '3721', roles: ['resident'] },
          { name: '何志远', phoneLast4: '5408', roles: ['resident', 'migrant'] },
          { name: '吴德胜', phoneLast4: '9012', roles: ['resident', 'representative'] },
        ],
      },
    },
    'dev-town',
    { store, clock, ids },
  );
  if (!roster.ok || (roster.data as { refused: unknown[] }).refused.length)
    throw new Error('seed roster failed');
  await (await import('./seed-survey')).seedSurveyDemo(store, now, DEMO_TOWN._id);
  await (await import('./seed-report')).seedReportDemo(store, now);
  await (await import('./seed-assessment')).seedAssessmentDemo(store, now);
  await (await import('./seed-oversight')).seedOversightDemo(store, now, DEMO_TOWN._id);
  await (await import('./seed-decisions')).seedDecisionsDemo(store, now);
  await (await import('./seed-assets')).seedAssetsDemo(store, now);
  await (await import('./seed-payouts')).seedPayoutsDemo(store, now, DEMO_TOWN._id);
}
