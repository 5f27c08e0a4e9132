/**
 * Honest statistics for an approval rate: the Wilson score interval (Wilson 1927; method 3 of
 * Newcombe 1998, without continuity correction) and the status against the threshold. Pure.
 */

/** Two-sided 95%: the 0.975 quantile of the standard normal distribution. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson score interval for `approvals` out of `n`; null when n is 0. */
export function wilsonInterval(approvals: number, n: number, z = Z95): Interval | null {
  if (!Number.isInteger(approvals) || !Number.isInteger(n) || approvals < 0 || n < 0 || approvals > n) {
    throw new RangeError(`invalid proportion ${approvals}/${n}`);
  }
  if (n === 0) return null;
  const p = approvals / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At the edges the formula gives exactly 0 or 1; clamp rounding noise.
  return {
    lower: approvals === 0 ? 0 : Math.max(0, centre - half),
    upper: approvals === n ? 1 : Math.min(1, centre + half),
  };
}

export type Status = 'met' | 'notMet' | 'insufficient';

/**
 * Whether the answers settle the question: 'certain' when the whole 95% interval lies on one
 * side of the threshold, 'uncertain' when it straddles it (the point rate decides `status`
 * for the index, but no page says 达标 or 未达标 then), 'withheld' below the minimum group.
 */
export type Certainty = 'certain' | 'uncertain' | 'withheld';

/** The label beside a rate: never 达标 where the answers cannot yet tell. */
export function statusLabel(status: Status, certainty: Certainty): string {
  if (status === 'insufficient' || certainty === 'withheld') return '人数太少';
  if (certainty === 'uncertain') return '还说不准';
  return status === 'met' ? '达标' : '未达标';
}

export interface RateSummary {
  /** null when withheld (fewer answers than the minimum group size). */
  approvalRate: number | null;
  interval: Interval | null;
  status: Status;
  certainty: Certainty;
  /** For the town: the figure with its 95% interval. */
  statement: string;
  /** For villagers: the rate, how many answered, met or not, in plain words; no interval. */
  plain: string;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
/** 90% rather than 90.0% for a villager. */
const plainPct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * What one indicator's answers say against its threshold. Below `minGroup` answers nothing is
 * shown (a small group could be told apart) and the status is 样本不足.
 */
export function summarize(
  approvals: number,
  answers: number,
  threshold: number,
  minGroup: number,
): RateSummary {
  const thresholdText = pct(threshold);
  if (answers < minGroup || answers === 0) {
    return {
      approvalRate: null,
      interval: null,
      status: 'insufficient',
      certainty: 'withheld',
      statement: `回答人数少于 ${minGroup} 人，为保护答题人，不公布结果，也不判断是否达标`,
      plain: `回答的人少于 ${minGroup} 人。为保护答题的人，这一项不公布结果。`,
    };
  }
  const rate = approvals / answers;
  const interval = wilsonInterval(approvals, answers) as Interval;
  const status: Status = rate >= threshold ? 'met' : 'notMet';
  const range = `95% 置信区间 ${pct(interval.lower)}～${pct(interval.upper)}`;
  const head = `${answers} 人回答，${plainPct(rate)} 满意或认同。`;
  const need = `要求是 ${plainPct(threshold)}`;
  let statement: string;
  let plain: string;
  let certainty: Certainty;
  if (interval.lower < threshold && interval.upper >= threshold) {
    certainty = 'uncertain';
    statement = `${range}，跨越 ${thresholdText}：按现有 ${answers} 份回答，还不能确定真实满意率是否达到 ${thresholdText}`;
    plain = `${head}${need}，回答的人还不够多，现在还说不准全村是不是到了这个要求。`;
  } else if (interval.lower >= threshold) {
    certainty = 'certain';
    statement = `${range}，整体在 ${thresholdText} 以上：可以确定达到要求`;
    plain = `${head}${need}，达到了。`;
  } else {
    certainty = 'certain';
    statement = `${range}，整体低于 ${thresholdText}：可以确定没有达到要求`;
    plain = `${head}${need}，没有达到。`;
  }
  return { approvalRate: rate, interval, status, certainty, statement, plain };
}
