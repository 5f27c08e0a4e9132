import type { Role } from '../../common/contracts/shared';

/**
 * 五好 indicators as configuration (seed 001, 二、工作标准). Each round copies the set it was
 * opened with, so later edits never change a past round's questions or eligibility.
 */
export interface AnswerOption {
  /** Stable key stored in ballots and tallies. */
  key: string;
  label: string;
  /** Whether this answer counts toward the approval rate. */
  approves: boolean;
}

export interface Indicator {
  /** Stable code name, used as a field name in tallies: letters and digits only. */
  id: string;
  /** 中文 name as the standard words it, e.g. 干部廉洁履职满意率 */
  name: string;
  /** The question a voter reads, in plain words. */
  question: string;
  /** Who may answer: a person holding any of these roles in the village. */
  roles: Role[];
  /** Roles that never answer this one (nobody rates their own work). */
  excludeRoles: Role[];
  options: AnswerOption[];
  /** The approval rate the standard requires, 0..1. */
  threshold: number;
}

const SATISFACTION: AnswerOption[] = [
  { key: 'satisfied', label: '满意', approves: true },
  { key: 'fairly', label: '基本满意', approves: true },
  { key: 'dissatisfied', label: '不满意', approves: false },
];

const RECOGNITION: AnswerOption[] = [
  { key: 'agree', label: '认同', approves: true },
  { key: 'disagree', label: '不认同', approves: false },
];

/**
 * The five indicators of seed 001, each to reach at least 90%. Who answers follows the seed's
 * wording: 群众 (people outside the party and outside the village leadership) rate the party
 * members' vanguard role; 村民代表 who are not cadres rate the cadres' integrity; 群众 rate
 * disclosure, the supervisory committee and the village's development, never the people whose
 * work is being rated (cadres for disclosure and development, supervisors for supervision, and
 * cadres, who are the ones supervised, for supervision either).
 */
export const FIVE_GOOD_INDICATORS: Indicator[] = [
  {
    id: 'partyVanguard',
    name: '党员先进性认同率',
    question: '您认同本村党员在群众中起到了先锋模范作用吗？',
    roles: ['resident'],
    // 群众对党员先进性认同率: party members (and cadres, the party's leading members in the
    // village) do not rate themselves.
    excludeRoles: ['partyMember', 'cadre'],
    options: RECOGNITION,
    threshold: 0.9,
  },
  {
    id: 'cadreIntegrity',
    name: '干部廉洁履职满意率',
    question: '您对本村“两委”干部廉洁履职的情况满意吗？',
    roles: ['representative'],
    excludeRoles: ['cadre'],
    options: SATISFACTION,
    threshold: 0.9,
  },
  {
    id: 'openAffairs',
    name: '三务公开满意率',
    question: '您对本村党务、村务、财务公开的情况满意吗？',
    roles: ['resident'],
    excludeRoles: ['cadre'],
    options: SATISFACTION,
    threshold: 0.9,
  },
  {
    id: 'supervision',
    name: '村监委监督满意率',
    question: '您对村务监督委员会的监督工作满意吗？',
    roles: ['resident'],
    excludeRoles: ['supervisor', 'cadre'],
    options: SATISFACTION,
    threshold: 0.9,
  },
  {
    id: 'harmony',
    name: '事业和谐发展满意率',
    question: '您对本村干部带领大家发展致富、化解矛盾的情况满意吗？',
    roles: ['resident'],
    excludeRoles: ['cadre'],
    options: SATISFACTION,
    threshold: 0.9,
  },
];

/**
 * The roles a person answers as: migrant workers and party members are villagers (群众 of the
 * village) whether or not the roster also says 村民, so they answer as residents; what they
 * are excluded from still follows their roles (a party member skips only 党员先进性认同率).
 */
export function answeringRoles(roles: readonly Role[]): Role[] {
  const out = new Set(roles);
  if (out.has('migrant') || out.has('partyMember')) out.add('resident');
  return [...out];
}

/** The indicators a person with these roles answers, in the configured order. */
export function indicatorsFor(indicators: readonly Indicator[], roles: readonly Role[]): Indicator[] {
  const as = answeringRoles(roles);
  return indicators.filter(
    (i) => i.roles.some((r) => as.includes(r)) && !i.excludeRoles.some((r) => as.includes(r)),
  );
}

export type Answers = Record<string, string>;

/**
 * Checks a ballot against the indicators a voter may answer: every one answered, with one of
 * its options, and nothing else. Returns the Chinese reason when it does not fit.
 */
export function checkAnswers(allowed: readonly Indicator[], answers: Answers): string | null {
  const byId = new Map(allowed.map((i) => [i.id, i]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) return '答卷中有您不需要回答的题目，请刷新后重新作答';
  }
  for (const i of allowed) {
    const a = answers[i.id];
    if (a === undefined) return `请回答：${i.question}`;
    if (!i.options.some((o) => o.key === a)) return `“${i.name}”的选项无效，请重新选择`;
  }
  return null;
}
