/** The survey context's named refusals (五好 rounds and ballots). */
export const SURVEY_REFUSALS = {
  ALREADY_VOTED: '您已参加过本轮测评，每人只能参加一次',
  NOT_ELIGIBLE: '您不在本轮测评的参评名单中（名单在测评开始时确定），如有疑问请联系村干部',
  ROUND_CLOSED: '本轮测评已经结束，不能再提交',
  ROUND_PREPARING: '本轮测评正在准备，准备好后就可以参加，请稍后再来',
  ROUND_EXISTS: '本村已有这一期的测评，不能重复开启',
  NO_ELIGIBLE_VOTERS: '本村还没有可以参加测评的村民，请先导入村民名册或邀请村民绑定',
  BALLOT_INVALID: '答卷与本轮测评的题目不符，请刷新后重新作答',
  PERIOD_NOT_OPENABLE: '这一期不能开启测评：期间须已开始，且结束不超过一年',
} as const;
