import { inChina } from '@common/clock';
import type { StepView } from '@common/contracts/oversight';
import {
  ESCALATION_REASON_LABELS,
  ITEM_STATE_LABELS,
  QUESTION_CATEGORY_LABELS,
  RATING_LABELS,
  type ItemState,
} from '@common/contracts/oversight-labels';

export { ESCALATION_REASON_LABELS, ITEM_STATE_LABELS, QUESTION_CATEGORY_LABELS, RATING_LABELS };

/** 2026年3月18日 */
export function dayText(iso: string): string {
  return inChina(iso).format('YYYY年M月D日');
}

/** 2026年3月18日 14:03 */
export function timeText(iso: string): string {
  return inChina(iso).format('YYYY年M月D日 HH:mm');
}

/**
 * The last day of a deadline, as a person reads it: a deadline at 00:00 of the 19th means
 * "by the end of the 18th".
 */
export function dueText(state: ItemState, dueAt: string | null, overdue: boolean): string {
  if (!dueAt) return '';
  const last = inChina(dueAt).subtract(1, 'minute').format('M月D日');
  const what = state === 'submitted' ? '受理' : state === 'verified' ? '评价' : '答复';
  return overdue ? `已超过${what}期限（${last}）` : `请于${last}前${what}`;
}

const STEP_TITLES: Record<StepView['kind'], string> = {
  raised: '提出反映',
  accepted: '村监委受理',
  referred: '村监委转交',
  answered: '村干部答复',
  verified: '村监委核实通过',
  returned: '村监委退回重新办理',
  rated: '反映人评价',
  objected: '反映人提出异议',
  escalated: '升级到镇纪委',
  instructed: '镇纪委督办',
  takenOver: '镇纪委直接办理',
  closed: '办结',
};

export function stepTitle(s: StepView): string {
  if (s.kind === 'rated' && s.rating) return `反映人评价：${RATING_LABELS[s.rating]}`;
  if (s.kind === 'escalated' && s.reason) return `升级到镇纪委（${ESCALATION_REASON_LABELS[s.reason]}）`;
  return STEP_TITLES[s.kind];
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

export const itemUrl = (id: string) => `/oversight/pages/item/index?id=${id}`;
/**
 * The raise page about a disclosure (or one of its line items), a notice, a monthly report or
 * a decision; `title` is only shown there.
 */
export const raiseUrl = (
  q: {
    seriesId?: string;
    version?: number;
    itemIndex?: number;
    noticeId?: string;
    reportId?: string;
    decisionId?: string;
    /** A payout list row: the list's series, its version (above) and the row. */
    payoutSeriesId?: string;
    rowIndex?: number;
    title?: string;
  } = {},
) => {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return `/oversight/pages/raise/index${parts.length ? `?${parts.join('&')}` : ''}`;
};
