import { fixedClock } from '../common/clock';
import { sequentialIds } from '../common/ids';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { reportActions } from '../report/actions';
import { draftAllReports } from '../report/compose';

/**
 * The report context's part of the demo town: notices in 东岭村, every village's drafts of
 * September and October, September's report of 东岭村 published (the archive), October's
 * left as a draft for the cadre to review and publish in the demo.
 */
export async function seedReportDemo(store: Store): Promise<void> {
  const clock = fixedClock('2026-10-01T00:00:00.000Z');
  const ids = sequentialIds('seedr');
  const report = createRouter(reportActions);
  const env = { store, clock, ids };
  const must = async (openid: string, action: string, input: unknown) => {
    const reply = await report({ action, input }, openid, env);
    if (!reply.ok) throw new Error(`seed report ${action} failed: ${reply.code} ${reply.message}`);
    return reply.data;
  };

  clock.set('2026-10-08T01:30:00.000Z');
  await must('dev-cadre', 'publishNotice', {
    requestId: 'seed-notice-001',
    villageId: 'v-dongling',
    title: '关于开展秋季秸秆禁烧巡查的通知',
    body: '各位村民：秋收期间严禁焚烧秸秆。村两委安排干部每日巡查，发现火情请拨打村委会电话。秸秆可交村合作社统一粉碎还田。',
    pinned: false,
  });
  clock.set('2026-10-20T01:30:00.000Z');
  await must('dev-cadre', 'publishNotice', {
    requestId: 'seed-notice-002',
    villageId: 'v-dongling',
    title: '2027年度城乡居民医保开始缴费',
    body: '2027年度城乡居民基本医疗保险缴费已开始，每人 400 元，可在微信“医保服务”中缴纳，也可到村委会代缴。外出务工人员请提醒家人按时缴费。',
    pinned: true,
    expiresOn: '2026-12-31',
  });

  await draftAllReports(store, '2026-09', new Date('2026-09-30T22:00:00.000Z'));
  clock.set('2026-10-03T02:00:00.000Z');
  await must('dev-cadre', 'publishReport', {
    reportId: 'v-dongling.2026-09',
    note: '九月份村里完成了灌溉水渠的验收，欢迎在外的乡亲们常回家看看。',
  });
  await draftAllReports(store, '2026-10', new Date('2026-10-31T22:00:00.000Z'));
}
