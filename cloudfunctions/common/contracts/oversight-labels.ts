/**
 * Names and labels of the oversight context without zod: pages in the main package (the
 * disclosure detail shows a disclosure's questions) read these, and the main package stays
 * free of schemas. The contract (oversight.ts) builds its schemas from the same lists.
 */

export const QUESTION_CATEGORIES = ['finance', 'affairs', 'conduct', 'assets', 'benefits', 'other'] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

export const QUESTION_CATEGORY_LABELS: Record<QuestionCategory, string> = {
  finance: '财务疑问',
  affairs: '村务办理',
  conduct: '干部作风',
  assets: '三资',
  benefits: '惠民政策',
  other: '其他',
};

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export const ITEM_STATES = [
  'submitted',
  'accepted',
  'answered',
  'returned',
  'verified',
  'escalated',
  'takenOver',
  'referred',
  'closed',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  submitted: '待受理',
  accepted: '办理中',
  answered: '已答复，待核实',
  returned: '答复被退回，重新办理',
  verified: '待评价',
  escalated: '已升级到镇纪委',
  takenOver: '镇纪委直接办理',
  referred: '已转交',
  closed: '已办结',
};

export const ESCALATION_REASONS = ['acceptOverdue', 'answerOverdue', 'unsatisfied', 'objection'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const ESCALATION_REASON_LABELS: Record<EscalationReason, string> = {
  acceptOverdue: '村监委未按期受理',
  answerOverdue: '村干部未按期答复',
  unsatisfied: '反映人对答复不满意',
  objection: '反映人提出异议',
};
