import * as notices from './notices';
import * as reports from './reports';
import * as subscriptions from './subscriptions';

export { STALE_DRAFT_DAYS } from './reports';
export { recountReads } from './reads';
export { INLINE_DELIVERY_BUDGET_MS } from './subscriptions';
export { excerptOf, listedUntilOf } from './noticeViews';

/** The report context's action map: notices, monthly reports, subscriptions and delivery. */
export const reportActions = {
  publishNotice: notices.publishNotice,
  correctNotice: notices.correctNotice,
  unpinNotice: notices.unpinNotice,
  withdrawNotice: notices.withdrawNotice,
  listNotices: notices.listNotices,
  getNotice: notices.getNotice,
  draftReport: reports.draftReport,
  listReports: reports.listReports,
  getReport: reports.getReport,
  publishReport: reports.publishReport,
  townReports: reports.townReports,
  subscribe: subscriptions.subscribe,
  mySubscriptions: subscriptions.mySubscriptions,
  deliveryStatus: subscriptions.deliveryStatus,
  resumeDelivery: subscriptions.resumeDelivery,
};
