/** The disclosure context's named refusals (三务公开: periods, dates, corrections). */
export const DISCLOSURE_REFUSALS = {
  PERIOD_MISMATCH: '公开期间与类别不符',
  PERIOD_NOT_STARTED: '不能公开尚未开始的期间，请检查公开期间',
  OCCURRED_IN_FUTURE: '重大事项的发生日期不能晚于今天',
  MONTH_NOT_ENDED: '财务公开须在该月结束后进行，请在下月初公开本月收支',
  CORRECTION_INVALID: '更正内容与原公开不符，请检查公开期间和收支明细',
} as const;
