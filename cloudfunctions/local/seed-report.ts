import { fixedClock } from '../common/clock';
import { sequentialIds } from '../common/ids';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { reportActions } from '../report/actions';
import { draftAllReports, monthRange } from '../report/compose';
import { DEMO_REFERENCE_NOW, demoCalendar, monthNumber } from './demo-calendar';

const CHINESE_MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * The report context's part of the demo town, counted from its "today" (month M): two notices
 * of last month in 东岭村, every village's drafts of M-2 and M-1, 东岭村's report of M-2
 * published early last month (the archive), M-1's drafted by the timer on the 1st and left for
 * the cadre to review and publish. Before 06:00 on the 1st the timer has not drafted M-1 yet:
 * the local runtime's timer does it.
 */
export async function seedReportDemo(store: Store, now = DEMO_REFERENCE_NOW): Promise<void> {
  const cal = demoCalendar(now);
  const clock = fixedClock(now);
  const ids = sequentialIds('seedr');
  const report = createRouter(reportActions);
  const env = { store, clock, ids };
  const must = async (openid: string, action: string, input: unknown) => {
    const reply = await report({ action, input }, openid, env);
    if (!reply.ok) throw new Error(`seed report ${action} failed: ${reply.code} ${reply.message}`);
    return reply.data;
  };
  const m1 = cal.monthOffset(-1);
  const m2 = cal.monthOffset(-2);

  clock.set(cal.at(`${m1}-08`, '09:30'));
  await must('dev-cadre', 'publishNotice', {
    requestId: 'seed-notice-001',
    villageId: 'v-dongling',
    title: '关于开展秋季秸秆禁烧巡查的通知',
    body: '各位村民：秋收期间严禁焚烧秸秆。村两委安排干部每日巡查，发现火情请拨打村委会电话。秸秆可交村合作社统一粉碎还田。',
    pinned: false,
  });
  clock.set(cal.at(`${m1}-20`, '09:30'));
  const insuranceYear = Number(m1.slice(0, 4)) + 1;
  await must('dev-cadre', 'publishNotice', {
    requestId: 'seed-notice-002',
    villageId: 'v-dongling',
    title: `${insuranceYear}年度城乡居民医保开始缴费`,
    body: `${insuranceYear}年度城乡居民基本医疗保险缴费已开始，每人 400 元，可在微信“医保服务”中缴纳，也可到村委会代缴。外出务工人员请提醒家人按时缴费。`,
    pinned: true,
    // Listed until the end of next month.
    expiresOn: monthRange(cal.monthOffset(1)).lastDay,
  });

  // The timer drafts a closed month's reports at 06:00 China time on the 1st.
  const draftedAt = (month: string) => new Date(Date.parse(monthRange(month).end) + 6 * 3_600_000);
  await draftAllReports(store, m2, draftedAt(m2));
  clock.set(cal.at(`${m1}-03`));
  await must('dev-cadre', 'publishReport', {
    reportId: `v-dongling.${m2}`,
    note: `${CHINESE_MONTHS[monthNumber(m2) - 1]}月份村里完成了灌溉水渠的验收，欢迎在外的乡亲们常回家看看。`,
  });
  if (draftedAt(m1).getTime() <= Date.parse(now)) await draftAllReports(store, m1, draftedAt(m1));
}
