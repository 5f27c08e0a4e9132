import type { Answers, Indicator } from './indicators';
import { summarize, type Certainty, type Interval, type Status } from './stats';

/**
 * Tallies: per indicator, how many ballots chose each option. Kept incrementally (one atomic
 * increment per answer) and rebuilt from the stored answers by a recount. Pure.
 */
export interface Tally {
  ballots: number;
  counts: Record<string, Record<string, number>>;
}

export function emptyTally(indicators: readonly Indicator[]): Tally {
  return {
    ballots: 0,
    counts: Object.fromEntries(
      indicators.map((i) => [i.id, Object.fromEntries(i.options.map((o) => [o.key, 0]))]),
    ),
  };
}

/** The increments one ballot makes, as dotted field paths of the tally document. */
export function ballotIncrements(answers: Answers): Record<string, number> {
  const inc: Record<string, number> = { ballots: 1 };
  for (const [indicatorId, option] of Object.entries(answers)) inc[`counts.${indicatorId}.${option}`] = 1;
  return inc;
}

/** Adds one ballot to a tally (the in-memory twin of ballotIncrements). */
export function addBallot(t: Tally, answers: Answers): Tally {
  t.ballots += 1;
  for (const [indicatorId, option] of Object.entries(answers)) {
    const row = (t.counts[indicatorId] ??= {});
    row[option] = (row[option] ?? 0) + 1;
  }
  return t;
}

export function recount(indicators: readonly Indicator[], ballots: Iterable<Answers>): Tally {
  const t = emptyTally(indicators);
  for (const b of ballots) addBallot(t, b);
  return t;
}

/**
 * Rebuilds the per-indicator counts from stored answers, one answer per indicator (answers are
 * stored apart per indicator, so there are no whole ballots to count). `ballots` is the number
 * of ballots the answers come from (people marked as voted, less any lost in a failed write).
 */
export function recountAnswers(
  indicators: readonly Indicator[],
  answers: Iterable<{ indicatorId: string; option: string }>,
  ballots: number,
): Tally {
  const t = emptyTally(indicators);
  t.ballots = ballots;
  for (const a of answers) {
    const row = (t.counts[a.indicatorId] ??= {});
    row[a.option] = (row[a.option] ?? 0) + 1;
  }
  return t;
}

export interface TallyDifference {
  /** 'ballots' or 'indicatorId.option' */
  field: string;
  kept: number;
  recounted: number;
}

/** Every field where the kept tally and a recount disagree (missing counts as 0). */
export function compareTallies(kept: Tally, recounted: Tally): TallyDifference[] {
  const out: TallyDifference[] = [];
  if (kept.ballots !== recounted.ballots) {
    out.push({ field: 'ballots', kept: kept.ballots, recounted: recounted.ballots });
  }
  const ids = new Set([...Object.keys(kept.counts), ...Object.keys(recounted.counts)]);
  for (const id of [...ids].sort()) {
    const a = kept.counts[id] ?? {};
    const b = recounted.counts[id] ?? {};
    for (const opt of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const x = a[opt] ?? 0;
      const y = b[opt] ?? 0;
      if (x !== y) out.push({ field: `${id}.${opt}`, kept: x, recounted: y });
    }
  }
  return out;
}

export interface RecountCheck {
  /** Ledger entries without an answer sheet: ballots lost in a failed write. */
  lost: number;
  consistent: boolean;
  /** The check in plain words for a cadre or town admin; never says whose ballot. */
  statement: string;
}

/**
 * What a recount found, in words: the kept tally against the stored sheets, and the ledger
 * (people marked as voted) against the sheets. A ledger entry without a sheet is a ballot lost
 * in a failed write: the person is marked as voted but their answers were never stored.
 */
export function recountStatement(c: {
  kept: number;
  recounted: number;
  ledger: number;
  tallyDiffers: boolean;
  open: boolean;
  repaired: boolean;
}): RecountCheck {
  const lost = Math.max(0, c.ledger - c.recounted);
  const extra = Math.max(0, c.recounted - c.ledger);
  const parts: string[] = [`计票 ${c.kept} 份，答卷 ${c.recounted} 份，投票登记 ${c.ledger} 人。`];
  if (lost > 0) {
    parts.push(
      `有 ${lost} 张选票在写入时中断而丢失：${lost} 人已登记为投过票，但答卷没有保存，不能计入结果。` +
        '系统不记录答卷属于谁，所以无法查出是哪几位。',
    );
    if (c.open) parts.push('测评进行中，正在提交的选票也会暂时算在差额里，请稍后再核对一次。');
  }
  if (extra > 0) parts.push(`答卷比投票登记多 ${extra} 份，正常情况下不会出现，请联系镇纪委核查。`);
  if (c.tallyDiffers) {
    parts.push(
      c.repaired
        ? '计票与答卷不一致，已按答卷重新计票。'
        : c.open
          ? '计票与答卷不一致，测评结束后可按答卷重新计票。'
          : '计票与答卷不一致。',
    );
  }
  const consistent = lost === 0 && extra === 0 && !c.tallyDiffers;
  if (consistent) parts.unshift('核对一致：');
  return { lost, consistent, statement: parts.join('') };
}

export interface IndicatorOutcome {
  indicatorId: string;
  name: string;
  threshold: number;
  /** Voters eligible for this indicator when the round opened: the response rate's denominator. */
  eligible: number;
  answers: number;
  responseRate: number | null;
  /** Withheld (null) below the minimum group size. */
  approvalRate: number | null;
  approvals: number | null;
  interval: Interval | null;
  status: Status;
  certainty: Certainty;
  statement: string;
  /** The same in plain words for villagers, without the interval. */
  plain: string;
  /** Per option counts, withheld like the rate. */
  options: { key: string; label: string; approves: boolean; count: number | null }[];
}

/** Per indicator results of a closed round from its tally. Constant work in the ballot count. */
export function outcomes(
  indicators: readonly Indicator[],
  eligible: Record<string, number>,
  tally: Tally,
  minGroup: number,
): IndicatorOutcome[] {
  return indicators.map((i) => {
    const row = tally.counts[i.id] ?? {};
    const answers = i.options.reduce((s, o) => s + (row[o.key] ?? 0), 0);
    const approvals = i.options.filter((o) => o.approves).reduce((s, o) => s + (row[o.key] ?? 0), 0);
    const summary = summarize(approvals, answers, i.threshold, minGroup);
    const shown = summary.approvalRate !== null;
    const denom = eligible[i.id] ?? 0;
    return {
      indicatorId: i.id,
      name: i.name,
      threshold: i.threshold,
      eligible: denom,
      answers,
      responseRate: denom > 0 ? answers / denom : null,
      approvalRate: summary.approvalRate,
      approvals: shown ? approvals : null,
      interval: summary.interval,
      status: summary.status,
      certainty: summary.certainty,
      statement: summary.statement,
      plain: summary.plain,
      options: i.options.map((o) => ({
        key: o.key,
        label: o.label,
        approves: o.approves,
        count: shown ? (row[o.key] ?? 0) : null,
      })),
    };
  });
}
