import type { DemonstrationCandidate } from '../../common/contracts/assessment';
import { formatPeriod } from '../../common/format';
import { SATISFACTION_THRESHOLD } from './auto';

/**
 * 示范点推荐 (seed 001, 三、(四)): at the year's end the villages that meet the 五好 (all five
 * approval rates of the satisfaction survey at least 90%) with the highest scores become
 * 清廉村居示范点. A veto item rules a village out whatever its score; so does a sheet the
 * village has not submitted. Pure: the caller reads the sheets' summaries and the survey.
 */

export interface CandidateInput {
  villageId: string;
  villageName: string;
  /** 'none' and 'draft': not submitted. */
  state: string;
  score: number | null;
  tierLabel: string | null;
  confirmed: boolean;
  vetoes: string[];
}

export interface SurveyRound {
  periodKey: string;
  /** China year the round closed in. */
  closedYear: number;
  indicators: { indicatorId: string; name: string; approvalRate: number | null; status: string }[];
}

const pct = (r: number) => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;

/** Why the 五好 is not met (empty when it is). */
export function fiveGoodGaps(
  round: SurveyRound | null,
  year: number,
  required: readonly { id: string; name: string }[],
): string[] {
  if (!round) return ['暂无满意度测评结果，无法认定“五好”'];
  if (round.closedYear !== year)
    return [
      `${year} 年度没有已结束的满意度测评（最近一次为${formatPeriod(round.periodKey)}），无法认定“五好”`,
    ];
  const gaps: string[] = [];
  for (const need of required) {
    const i = round.indicators.find((x) => x.indicatorId === need.id);
    if (!i) gaps.push(`${need.name}未测评`);
    else if (i.status === 'insufficient' || i.approvalRate === null)
      gaps.push(`${need.name}参与人数不足，结果无效`);
    else if (i.approvalRate < SATISFACTION_THRESHOLD)
      gaps.push(`${need.name} ${pct(i.approvalRate)}，未达 90%`);
  }
  return gaps;
}

/** One village's row of the list, judged alone (its rank is given by its place in the order). */
export function candidateOf(
  v: CandidateInput,
  round: SurveyRound | null,
  year: number,
  required: readonly { id: string; name: string }[],
): DemonstrationCandidate {
  const reasons: string[] = [];
  const submitted = v.state !== 'none' && v.state !== 'draft';
  // An unsubmitted sheet is the whole reason; the survey is judged for submitted ones.
  if (!submitted) reasons.push('尚未提交自评');
  else {
    if (v.vetoes.length) reasons.push(`存在否决项：${v.vetoes.join('、')}`);
    reasons.push(...fiveGoodGaps(round, year, required));
  }
  const eligible = reasons.length === 0;
  if (eligible) {
    reasons.push(
      `五项满意率均不低于 90%（${formatPeriod(round!.periodKey)}测评）`,
      '无否决项',
      `总分 ${v.score ?? 0} 分${v.confirmed ? '' : '（尚未定级）'}`,
    );
  }
  return {
    villageId: v.villageId,
    villageName: v.villageName,
    score: v.score,
    tierLabel: v.tierLabel,
    confirmed: v.confirmed,
    eligible,
    rank: null,
    reasons,
    surveyPeriod: round && round.closedYear === year ? round.periodKey : null,
  };
}

/** Scores are kept to two decimals in the key; higher scores sort first. */
const SCORE_SCALE = 100;
const SCORE_ROOM = 10_000_000;

/**
 * The list's order as one string, ascending: eligible villages first, then by score from high
 * to low (no score last), then by village id, which makes every key unique. Stored with the
 * village (kept on write), so the town's list is read a page at a time in this order.
 */
export function demonstrationSortKey(
  c: Pick<DemonstrationCandidate, 'eligible' | 'score' | 'villageId'>,
): string {
  const scaled = c.score === null ? -1 : Math.max(0, Math.round(c.score * SCORE_SCALE));
  const inverted = String(SCORE_ROOM - 1 - scaled).padStart(8, '0');
  return `${c.eligible ? 0 : 1}.${inverted}.${c.villageId}`;
}

/** The prefix of every eligible village's key: keys below it are the eligible ones. */
export const INELIGIBLE_KEY_PREFIX = '1.';

/** Ranks the whole list at once (the recount's view and the rule in one place). */
export function rankDemonstration(
  villages: readonly CandidateInput[],
  surveys: ReadonlyMap<string, SurveyRound>,
  year: number,
  required: readonly { id: string; name: string }[],
): DemonstrationCandidate[] {
  const rows = villages.map((v) => candidateOf(v, surveys.get(v.villageId) ?? null, year, required));
  const keys = new Map(rows.map((r) => [r.villageId, demonstrationSortKey(r)]));
  rows.sort((a, b) => (keys.get(a.villageId)! < keys.get(b.villageId)! ? -1 : 1));
  let rank = 0;
  for (const r of rows) if (r.eligible) r.rank = ++rank;
  return rows;
}
