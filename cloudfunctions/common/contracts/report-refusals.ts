/** The report context's named refusals (notices, monthly reports). */
export const REPORT_REFUSALS = {
  REPORT_MONTH_OPEN: '只能为已经结束的月份生成村情月报',
  REPORT_PUBLISHED: '本月月报已由其他村干部发布，不能再修改',
  NOTICE_WITHDRAWN: '该通知已撤回，不能再更正',
  EXPIRY_IN_PAST: '截止日期不能早于今天',
} as const;
