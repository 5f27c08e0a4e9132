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

export function rankDemonstration(
  villages: readonly CandidateInput[],
  surveys: ReadonlyMap<string, SurveyRound>,
  year: number,
  required: readonly { id: string; name: string }[],
): DemonstrationCandidate[] {
  const rows = villages.map((v): DemonstrationCandidate => {
    const reasons: string[] = [];
    const submitted = v.state !== 'none' && v.state !== 'draft';
    const round = surveys.get(v.villageId) ?? null;
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
  });
  rows.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      a.villageName.localeCompare(b.villageName, 'zh'),
  );
  let rank = 0;
  for (const r of rows) if (r.eligible) r.rank = ++rank;
  return rows;
}
