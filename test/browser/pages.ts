import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { DisclosureSummary } from '../../cloudfunctions/common/contracts/disclosure';
import { ROOT, type App } from './harness';
import { at } from '../must';

/**
 * Shared by the phone-size browser tests: the pages each persona can reach (data, so other
 * areas add their pages to VISITS), what a person must never read on them, and the layout
 * checks of large text.
 */
export const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');

/** The visible element of the page on top (H5 keeps earlier pages of the stack, hidden). */
export const shownIn = (page: Page, selector: string): Locator =>
  page.locator(selector).locator('visible=true').first();

export interface Visit {
  /** Who opens it (a demo persona). */
  persona: string;
  /** A short name for messages. */
  name: string;
  /** The H5 route, or a function that finds it (e.g. the newest finance disclosure). */
  route: string | ((app: App) => Promise<string>);
  /** An element that shows once the page has its data. */
  ready: string;
  /** Taps to make before reading (e.g. a tab), in order. */
  taps?: string[];
}

async function newest(app: App, persona: string, category: 'finance' | 'affairs' | 'party'): Promise<string> {
  const list = await app.api<{ items: DisclosureSummary[] }>(persona, 'disclosure', 'list', {
    category,
    limit: 1,
  });
  return `/pages/disclosure/index?seriesId=${at(list.items, 0, `a ${category} disclosure`).seriesId}`;
}

/** The newest report of the persona's village that is (or is not yet) published. */
async function reportOf(app: App, persona: string, status: 'published' | 'draft'): Promise<string> {
  const list = await app.api<{ items: { reportId: string; status: string }[] }>(
    persona,
    'report',
    'listReports',
    {
      limit: 20,
    },
  );
  const r = list.items.find((i) => i.status === status);
  if (!r) throw new Error(`${persona} has no ${status} report`);
  return `/report/pages/view/index?id=${encodeURIComponent(r.reportId)}`;
}

async function firstNotice(app: App, persona: string): Promise<string> {
  const list = await app.api<{ items: { noticeId: string }[] }>(persona, 'report', 'listNotices', {});
  return `/report/pages/notice/index?id=${encodeURIComponent(at(list.items, 0, 'a notice').noticeId)}`;
}

/** The persona's village's newest closed survey round. */
async function closedRound(app: App, persona: string): Promise<string> {
  const r = await app.api<{ rounds: { id: string; status: string }[] }>(persona, 'survey', 'rounds', {});
  const round = r.rounds.find((x) => x.status === 'closed');
  if (!round) throw new Error(`${persona} sees no closed round`);
  return `/survey/pages/results/index?roundId=${encodeURIComponent(round.id)}`;
}

async function firstDecision(app: App, persona: string): Promise<string> {
  const d = await app.api<{ items: { id: string }[] }>(persona, 'decisions', 'decisions', {});
  return `/decisions/pages/decision/index?id=${encodeURIComponent(at(d.items, 0, 'a decision').id)}`;
}

async function firstPowerItem(app: App, persona: string): Promise<string> {
  const d = await app.api<{ items: { id: string }[] }>(persona, 'decisions', 'items', {});
  return `/decisions/pages/item/index?id=${encodeURIComponent(at(d.items, 0, 'a power item').id)}`;
}

/**
 * Every page of the 三务公开 and account areas a resident, a cadre, a supervisor and a town
 * admin reach. Survey, report and assessment pages join this list from their own areas.
 */
const DISCLOSURE_VISITS: Visit[] = [
  // 村民
  { persona: 'dev-resident', name: '本村', route: '/pages/home/index', ready: '#home-village-name' },
  {
    persona: 'dev-resident',
    name: '三务公开·财务',
    route: '/pages/disclosures/index',
    ready: '.disclosure-card',
  },
  {
    persona: 'dev-resident',
    name: '三务公开·村务',
    route: '/pages/disclosures/index',
    ready: '.disclosure-card',
    taps: ['#category-tab-affairs'],
  },
  {
    persona: 'dev-resident',
    name: '三务公开·党务',
    route: '/pages/disclosures/index',
    ready: '.disclosure-card',
    taps: ['#category-tab-party'],
  },
  {
    persona: 'dev-resident',
    name: '财务公开详情',
    route: (app) => newest(app, 'dev-resident', 'finance'),
    ready: '#detail-title',
  },
  {
    persona: 'dev-resident',
    name: '村务公开详情',
    route: (app) => newest(app, 'dev-resident', 'affairs'),
    ready: '#detail-title',
  },
  { persona: 'dev-resident', name: '我的', route: '/pages/me/index', ready: '#binding-card' },
  // 村干部
  { persona: 'dev-cadre', name: '干部·本村', route: '/pages/home/index', ready: '#home-village-name' },
  { persona: 'dev-cadre', name: '干部·我的', route: '/pages/me/index', ready: '#link-publish' },
  { persona: 'dev-cadre', name: '发布公开', route: '/cadre/publish/index', ready: '#disclosure-form' },
  {
    persona: 'dev-cadre',
    name: '发布村务公开',
    route: '/cadre/publish/index',
    ready: '#disclosure-form',
    taps: ['#form-category-affairs'],
  },
  {
    persona: 'dev-cadre',
    name: '更正财务公开',
    route: async (app) =>
      (await newest(app, 'dev-cadre', 'finance')).replace('/pages/disclosure/', '/cadre/correct/'),
    ready: '#disclosure-form',
  },
  {
    persona: 'dev-cadre',
    name: '村民与邀请',
    route: '/cadre/members/index',
    ready: '#member-list .member-row',
  },
  { persona: 'dev-cadre', name: '公开进度', route: '/cadre/status/index', ready: '.status-card' },
  // 村监委
  { persona: 'dev-supervisor', name: '监委·公开进度', route: '/cadre/status/index', ready: '.status-card' },
  {
    persona: 'dev-supervisor',
    name: '监委·本村人员',
    route: '/cadre/members/index',
    ready: '#member-list .member-row',
  },
  // 镇管理员
  { persona: 'dev-town', name: '全镇总览', route: '/town/overview/index', ready: '.town-village-row' },
  {
    persona: 'dev-town',
    name: '镇·本村',
    route: '/pages/home/index?villageId=v-xihe',
    ready: '#home-village-name',
  },
  {
    persona: 'dev-town',
    name: '镇·三务公开',
    route: '/pages/disclosures/index',
    ready: '#village-picker',
  },
  {
    persona: 'dev-town',
    name: '镇·各村人员',
    route: '/cadre/members/index?villageId=v-dongling',
    ready: '#member-list .member-row',
  },
  { persona: 'dev-town', name: '镇·我的', route: '/pages/me/index', ready: '#link-town' },
];

/**
 * The report, survey, assessment, oversight and decisions pages each persona reaches from the
 * entries of 本村 and 我的 (src/features/entries.ts) and from the pages those open.
 */
/** 惠民资金: the lists, one list, 我家领了什么, the editor, the flags, 近亲属申报. */
const PAYOUT_VISITS: Visit[] = [
  {
    persona: 'dev-resident',
    name: '惠民资金公开',
    route: '/payouts/pages/index/index',
    ready: '#payout-lists',
  },
  {
    persona: 'dev-resident',
    name: '发放名单',
    route: async (app) => {
      const r = await app.api<{ lists: { seriesId: string; category: string }[] }>(
        'dev-resident',
        'disclosure',
        'payoutLists',
        { category: 'subsistence' },
      );
      return `/payouts/pages/list/index?seriesId=${r.lists[0]?.seriesId ?? ''}`;
    },
    ready: '#payout-row-0',
  },
  {
    persona: 'dev-resident',
    name: '我家领了什么',
    route: '/payouts/pages/mine/index',
    ready: '#payout-mine',
  },
  { persona: 'dev-cadre', name: '发放名单录入', route: '/payouts/pages/edit/index', ready: '#payout-edit' },
  { persona: 'dev-cadre', name: '近亲属申报', route: '/payouts/pages/relatives/index', ready: '#relatives' },
  {
    persona: 'dev-supervisor',
    name: '惠民资金监督',
    route: '/payouts/pages/flags/index',
    ready: '#payout-village-v-dongling',
  },
  {
    persona: 'dev-town',
    name: '镇·惠民资金监督',
    route: '/payouts/pages/flags/index',
    ready: '#payout-town',
  },
];

const AREA_VISITS: Visit[] = [
  // 村民
  {
    persona: 'dev-resident',
    name: '村情月报',
    route: '/report/pages/index/index',
    ready: '#page-reports .report-card',
  },
  {
    persona: 'dev-resident',
    name: '已发布的月报',
    route: (app) => reportOf(app, 'dev-resident', 'published'),
    ready: '#report-title',
  },
  { persona: 'dev-resident', name: '通知公告', route: '/report/pages/notices/index', ready: '.notice-card' },
  {
    persona: 'dev-resident',
    name: '通知详情',
    route: (app) => firstNotice(app, 'dev-resident'),
    ready: '#page-notice .card',
  },
  {
    persona: 'dev-resident',
    name: '满意度测评',
    route: '/survey/pages/vote/index',
    ready: '#page-survey-vote .card',
  },
  {
    persona: 'dev-resident',
    name: '测评结果',
    route: (app) => closedRound(app, 'dev-resident'),
    ready: '#survey-bars',
  },
  {
    persona: 'dev-resident',
    name: '我要反映',
    route: '/oversight/pages/mine/index',
    ready: '#page-oversight-mine .card',
  },
  {
    persona: 'dev-resident',
    name: '小微权力清单',
    route: '/decisions/pages/list/index',
    ready: '#page-power-list .card',
  },
  {
    persona: 'dev-resident',
    name: '权力事项',
    route: (app) => firstPowerItem(app, 'dev-resident'),
    ready: '#item-flow .flow-step',
  },
  {
    persona: 'dev-resident',
    name: '重大事项决策',
    route: '/decisions/pages/decisions/index',
    ready: '#page-decisions .card',
  },
  {
    persona: 'dev-resident',
    name: '决策详情',
    route: (app) => firstDecision(app, 'dev-resident'),
    ready: '#page-decision .card',
  },
  // 村干部
  {
    persona: 'dev-cadre',
    name: '干部·月报草稿',
    route: (app) => reportOf(app, 'dev-cadre', 'draft'),
    ready: '#publish-box',
  },
  {
    persona: 'dev-cadre',
    name: '干部·审核月报',
    route: '/report/pages/index/index',
    ready: '#page-reports .report-card',
  },
  {
    persona: 'dev-cadre',
    name: '发布通知',
    route: '/report/pages/notice-new/index',
    ready: '#publish-notice',
  },
  {
    persona: 'dev-cadre',
    name: '测评管理',
    route: '/survey/pages/manage/index',
    ready: '#page-survey-manage .card',
  },
  {
    persona: 'dev-cadre',
    name: '清廉村居自评',
    route: '/assessment/pages/sheet/index',
    ready: '#sheet-state',
  },
  {
    persona: 'dev-cadre',
    name: '问题反映答复',
    route: '/oversight/pages/inbox/index',
    ready: '#page-oversight-inbox .card',
  },
  {
    persona: 'dev-cadre',
    name: '干部·村监委台账',
    route: '/oversight/pages/log/index',
    ready: '#page-oversight-log .card',
  },
  {
    persona: 'dev-cadre',
    name: '维护小微权力清单',
    route: '/decisions/pages/item-edit/index',
    ready: '#page-item-edit .card',
  },
  {
    persona: 'dev-cadre',
    name: '两委会议记录',
    route: '/decisions/pages/meetings/index',
    ready: '#page-regular-meetings .card',
  },
  // 村监委
  {
    persona: 'dev-supervisor',
    name: '监委·自评',
    route: '/assessment/pages/sheet/index',
    ready: '#sheet-state',
  },
  {
    persona: 'dev-supervisor',
    name: '纸质问卷录入',
    route: '/survey/pages/paper/index',
    ready: '#page-survey-paper .card',
  },
  {
    persona: 'dev-supervisor',
    name: '问题反映受理',
    route: '/oversight/pages/inbox/index',
    ready: '#page-oversight-inbox .card',
  },
  {
    persona: 'dev-supervisor',
    name: '村监委台账',
    route: '/oversight/pages/log/index',
    ready: '#page-oversight-log .card',
  },
  {
    persona: 'dev-supervisor',
    name: '监委·两委会议记录',
    route: '/decisions/pages/meetings/index',
    ready: '#page-regular-meetings .card',
  },
  // 镇管理员
  { persona: 'dev-town', name: '镇·月报', route: '/report/pages/index/index', ready: '#town-reports' },
  {
    persona: 'dev-town',
    name: '镇·指数看板',
    route: '/assessment/pages/dashboard/index',
    ready: '#page-assessment-dashboard .card',
  },
  {
    persona: 'dev-town',
    name: '镇·测评标准',
    route: '/assessment/pages/standard/index',
    ready: '#page-assessment-standard .card',
  },
  {
    persona: 'dev-town',
    name: '镇·村评分表',
    route: '/assessment/pages/sheet/index?villageId=v-xihe',
    ready: '#sheet-state',
  },
  {
    persona: 'dev-town',
    name: '镇·测评管理',
    route: '/survey/pages/manage/index',
    ready: '#page-survey-manage .card',
  },
  {
    persona: 'dev-town',
    name: '镇·各村测评对比',
    route: '/survey/pages/compare/index',
    ready: '#page-survey-compare .card',
  },
  {
    persona: 'dev-town',
    name: '镇·问题反映督办',
    route: '/oversight/pages/town/index',
    ready: '#town-row-v-dongling',
  },
  {
    persona: 'dev-town',
    name: '镇·各村民主决策',
    route: '/decisions/pages/town/index',
    ready: '#page-town-decisions .card',
  },
  ...PAYOUT_VISITS,
];

/** Every page a resident, a cadre, a supervisor and a town admin reach. */
export const VISITS: Visit[] = [...DISCLOSURE_VISITS, ...AREA_VISITS];

/** What a person must never read: ISO dates and months, period keys, file names. */
export const MACHINE_TEXT: { what: string; re: RegExp }[] = [
  { what: 'an ISO date or month', re: /\d{4}-\d{2}/ },
  { what: 'a quarter key', re: /Q[1-4]/ },
  { what: 'a file name', re: /\b[\w-]+\.(png|jpe?g|webp|gif|svg|pdf|xlsx?)\b/i },
];

export async function openVisit(app: App, v: Visit): Promise<void> {
  const route = typeof v.route === 'string' ? v.route : await v.route(app);
  await app.openAs(v.persona, route);
  await shownIn(app.page, v.ready).waitFor();
  for (const t of v.taps ?? []) {
    await shownIn(app.page, t).click();
    await shownIn(app.page, v.ready).waitFor();
  }
  // Let the refresh after the cached first paint settle.
  await app.page.waitForLoadState('networkidle').catch(() => undefined);
}

/** The text of the page a person sees (the page on top and the tab bar). */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
      (p) => p.offsetParent !== null || getComputedStyle(p).display !== 'none',
    );
    const top = pages[pages.length - 1] ?? document.body;
    const bar = document.querySelector<HTMLElement>('.weui-tabbar');
    return `${top.innerText}\n${bar?.innerText ?? ''}`;
  });
}

/**
 * Layout faults of the page on top at the current text size: a number broken over two lines,
 * an element wider than the phone, text cut off inside a box that hides its overflow.
 */
export async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const vw = document.documentElement.clientWidth;
    const visible = (el: Element) => {
      const h = el as HTMLElement;
      if (!h.offsetParent && getComputedStyle(h).position !== 'fixed') return false;
      const r = h.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const label = (el: Element) =>
      `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className)
        .split(' ')
        .slice(0, 2)
        .join('.')} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
    // Numbers read whole: one line each.
    const numbers = document.querySelectorAll(
      '.total-amount, .line-amount, .category-amount, .money, .badge-late-published, .date-field-value',
    );
    for (const el of Array.from(numbers)) {
      if (!visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (lines.size > 1) faults.push(`broken over ${lines.size} lines: ${label(el)}`);
    }
    for (const el of Array.from(document.querySelectorAll('.screen *, .weui-tabbar *'))) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < -1) faults.push(`wider than the phone: ${label(el)}`);
      const style = getComputedStyle(el);
      const h = el as HTMLElement;
      if (
        (style.overflowX === 'hidden' || style.overflow === 'hidden') &&
        h.scrollWidth > h.clientWidth + 1 &&
        (h.textContent ?? '').trim()
      )
        faults.push(`text cut off: ${label(el)}`);
    }
    return [...new Set(faults)];
  });
}

/** Text at 1.3x (大字模式, the app's own switch) or 1.4x (WeChat's largest setting). */
export async function openAtScale(app: App, persona: string, route: string, scale: 1 | 1.3 | 1.4) {
  const { page } = app;
  await page.goto(`${app.runtime.url}/`);
  await page.evaluate(
    ([p, large]) => {
      localStorage.setItem('dev.persona', JSON.stringify({ data: p }));
      localStorage.setItem('ui.largeText', JSON.stringify({ data: large }));
    },
    [persona, scale > 1] as const,
  );
  await page.goto(`${app.runtime.url}/#${route}`);
  await page.reload();
  if (scale === 1.4) await forceScale(page, 1.4);
}

/**
 * WeChat's 1.4x setting reaches the pages as the fs-140 class; the browser has no such setting,
 * so the test sets the same factor the class sets, on the pages and the tab bar.
 */
export async function forceScale(page: Page, scale: number) {
  await page.addStyleTag({
    content: `.screen { --fs: ${scale} !important; } html:root { --app-fs: ${scale} !important; }`,
  });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300); // let images and fonts settle
  await page.screenshot({ path: join(SHOTS, name), fullPage: false });
}

export async function expectText(page: Page, locator: Locator, text: string) {
  await locator.waitFor();
  const deadline = Date.now() + 10_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.innerText()).trim();
    if (seen.includes(text)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`expected "${text}", saw "${seen}"`);
}
