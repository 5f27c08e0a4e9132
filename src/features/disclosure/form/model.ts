import {
  EXPENSE_CATEGORIES,
  INCOME_CATEGORIES,
  type Attachment,
  type Category,
  type DisclosureDetail,
  type LineItem,
} from '@common/contracts/disclosure';
import { chinaDateKey } from '@common/clock';
import { formatFen, parseYuan } from '@common/money';
import type { FieldErrors } from '../../shared/forms';

/** What the cadre is typing: amounts stay text (yuan) until they are parsed into fen. */
export interface ItemRow {
  key: string;
  direction: 'income' | 'expense';
  category: string;
  amountText: string;
  note: string;
  /** Day of the period's month, '' when not given. */
  day: string;
}

export interface FormState {
  category: Category;
  periodMode: 'month' | 'quarter';
  year: number;
  month: number | null;
  quarter: number | null;
  title: string;
  body: string;
  major: boolean;
  occurredOn: string;
  items: ItemRow[];
  attachments: Attachment[];
  reason: string;
}

export const headingsFor = (d: ItemRow['direction']): readonly string[] =>
  d === 'income' ? INCOME_CATEGORIES : EXPENSE_CATEGORIES;

let rowSeq = 0;
export function newRow(direction: ItemRow['direction']): ItemRow {
  return { key: `row${++rowSeq}`, direction, category: '', amountText: '', note: '', day: '' };
}

/** A row the cadre has not started (the empty rows a new form opens with). */
export const isBlankRow = (r: ItemRow): boolean =>
  !r.category && !r.amountText.trim() && !r.note.trim() && !r.day.trim();

const pad = (n: number) => String(n).padStart(2, '0');

/** A new form: last month for finance (the accounts just closed), last quarter otherwise. */
export function initialState(category: Category, today: Date = new Date()): FormState {
  // chinaDateKey always gives YYYY-MM-DD; the defaults only satisfy the type.
  const [y = 0, m = 1] = chinaDateKey(today).split('-').map(Number);
  const lastMonth = m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
  const q = Math.floor((m - 1) / 3) + 1;
  const lastQuarter = q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
  const quarterly = category !== 'finance';
  return {
    category,
    periodMode: quarterly ? 'quarter' : 'month',
    year: quarterly ? lastQuarter.year : lastMonth.year,
    month: quarterly ? null : lastMonth.month,
    quarter: quarterly ? lastQuarter.quarter : null,
    title: '',
    body: '',
    major: false,
    occurredOn: '',
    items: category === 'finance' ? [newRow('income'), newRow('expense')] : [],
    attachments: [],
    reason: '',
  };
}

/** A new form for one period (e.g. an overdue one): '2026-09' or '2026-Q3'. */
export function stateForPeriod(category: Category, periodKey: string, today: Date = new Date()): FormState {
  const fresh = initialState(category, today);
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  const m = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (q && category !== 'finance')
    return { ...fresh, periodMode: 'quarter', year: Number(q[1]), quarter: Number(q[2]), month: null };
  if (m) return { ...fresh, periodMode: 'month', year: Number(m[1]), month: Number(m[2]), quarter: null };
  return fresh;
}

/** The form prefilled from a published version (for a correction). */
export function stateFromDetail(d: DisclosureDetail): FormState {
  const q = /^(\d{4})-Q([1-4])$/.exec(d.periodKey);
  const [y, m] = d.periodKey.split('-');
  return {
    category: d.category,
    periodMode: q ? 'quarter' : 'month',
    year: Number(y),
    month: q ? null : Number(m),
    quarter: q ? Number(q[2]) : null,
    title: d.title,
    body: d.body,
    major: d.major,
    occurredOn: d.occurredOn ?? '',
    items: d.items.map((i) => ({
      ...newRow(i.direction),
      category: i.category,
      amountText: formatFen(i.amountFen).replace(/,/g, ''),
      note: i.note,
      day: i.occurredOn ? String(Number(i.occurredOn.slice(8))) : '',
    })),
    attachments: d.attachments,
    reason: '',
  };
}

export function periodKeyOf(s: FormState): string {
  if (s.periodMode === 'month') return s.month ? `${s.year}-${pad(s.month)}` : '';
  return s.quarter ? `${s.year}-Q${s.quarter}` : '';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The form as the action's input fields (before the schema parses it), plus the errors only
 * the form can see: an amount that is not money, a day that is not in the month.
 */
export function contentOf(s: FormState): {
  content: {
    title: string;
    periodKey: string;
    body: string;
    attachments: Attachment[];
    items: LineItem[];
  };
  localErrors: FieldErrors;
} {
  const localErrors: FieldErrors = {};
  const periodKey = periodKeyOf(s);
  const items: LineItem[] = s.items.map((r, i) => {
    const fen = parseYuan(r.amountText);
    if (fen === null) {
      localErrors[`items.${i}.amountFen`] = r.amountText.trim() ? '金额格式不对，例如 1234.50' : '请填写金额';
    }
    let occurredOn: string | undefined;
    if (r.day.trim()) {
      const d = Number(r.day);
      if (s.month && Number.isInteger(d) && d >= 1 && d <= daysInMonth(s.year, s.month)) {
        occurredOn = `${s.year}-${pad(s.month)}-${pad(d)}`;
      } else {
        localErrors[`items.${i}.occurredOn`] = s.month
          ? `日期应为 1 到 ${daysInMonth(s.year, s.month)} 日`
          : '请先选择月份';
      }
    }
    return {
      direction: r.direction,
      category: r.category,
      amountFen: fen ?? 0,
      note: r.note,
      ...(occurredOn ? { occurredOn } : {}),
    };
  });
  return {
    content: { title: s.title, periodKey, body: s.body, attachments: s.attachments, items },
    localErrors,
  };
}

/** Live totals of the rows whose amounts already parse. */
export function liveTotals(rows: readonly ItemRow[]) {
  let incomeFen = 0;
  let expenseFen = 0;
  for (const r of rows) {
    const fen = parseYuan(r.amountText);
    if (fen === null) continue;
    if (r.direction === 'income') incomeFen += fen;
    else expenseFen += fen;
  }
  return { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
}
