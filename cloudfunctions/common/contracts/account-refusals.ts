/** The account context's named refusals (joining a village, the roster and claims). */
export const ACCOUNT_REFUSALS = {
  ALREADY_BOUND: '您已经绑定了村庄',
  INVITATION_INVALID: '邀请码无效，请向村干部核对',
  INVITATION_EXPIRED: '邀请码已过期或已用完，请向村干部重新索取',
  ROSTER_NO_MATCH: '名册中没有找到与姓名和手机号后四位相符的村民，请向村干部核对',
  CLAIM_PENDING: '您已提交认领申请，请等待村干部审核',
  CLAIM_NOT_PENDING: '该认领申请已处理过',
  DUPLICATE_ROSTER: '名册中已有相同姓名和手机号后四位的村民',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请明天再试或联系村干部',
  RELATIVE_NAME_MISMATCH: '所选村民的姓名与名册不一致，请重新选择',
} as const;
