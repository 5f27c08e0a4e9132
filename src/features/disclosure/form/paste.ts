import { EXPENSE_CATEGORIES, INCOME_CATEGORIES } from '@common/contracts/disclosure';
import { formatFen, parseYuan } from '@common/money';
import { isBlankRow, newRow, type ItemRow } from './model';
import { dateOf, looksLikeDate, type PastePeriod } from './pasteDates';
import { linesOf, norm, type Cell, type Line } from './pasteLines';

export type { PastePeriod } from './pasteDates';

/**
 * 收支明细 pasted from a spreadsheet (Excel, WPS) or typed as text, one entry per line:
 * 收支, 科目, 金额（元）, 摘要, 日期. Excel and WPS copy cells separated by tabs (a cell holding a
 * line break or a quote comes in quotes); hand-made text may use several spaces or commas. A
 * header row (收支 科目 金额 摘要 日期) is skipped, and when it names the columns their order is
 * taken from it, so a ledger whose columns are 日期 摘要 科目 收入 支出 pastes as it is.
 */

export type Direction = ItemRow['direction'];

export interface PastedRow {
  /** Line of the pasted text (1-based, blank lines counted), as the cadre sees it. */
  line: number;
  direction: Direction | null;
  category: string;
  amountFen: number | null;
  note: string;
  /** 'YYYY-MM-DD' inside the period, or null when the row gives no date. */
  occurredOn: string | null;
  /** Why the row cannot be added, in Chinese; null for a good row. */
  error: string | null;
}

export interface PasteResult {
  rows: PastedRow[];
  /** Lines read but not taken as entries on purpose (a header, a 合计 line), with the reason. */
  skipped: { line: number; reason: string }[];
}

type Field = 'direction' | 'category' | 'amount' | 'incomeAmount' | 'expenseAmount' | 'note' | 'date';

const INCOME: readonly string[] = INCOME_CATEGORIES;
const EXPENSE: readonly string[] = EXPENSE_CATEGORIES;
const MAX_FEN = 100_000_000_000;
const MAX_NOTE = 100;

const DIRECTION_WORDS: Record<string, Direction> = {
  收入: 'income',
  收: 'income',
  入: 'income',
  进: 'income',
  进账: 'income',
  收款: 'income',
  支出: 'expense',
  支: 'expense',
  出: 'expense',
  付: 'expense',
  付款: 'expense',
  支付: 'expense',
  开支: 'expense',
};

/** Names a cadre commonly writes for a heading of the books. */
const CATEGORY_ALIASES: Record<string, string> = {
  发包收入: '发包及上交收入',
  上交收入: '发包及上交收入',
  承包收入: '发包及上交收入',
  承包费: '发包及上交收入',
  补助款: '补助收入',
  上级补助: '补助收入',
  财政补助: '补助收入',
  管理费: '管理费用',
  公益事业支出: '公益支出',
  公益事业: '公益支出',
};

const HEADER_WORDS: Record<string, Field> = {
  收支: 'direction',
  收支方向: 'direction',
  收支类型: 'direction',
  方向: 'direction',
  类型: 'direction',
  收入或支出: 'direction',
  '收入/支出': 'direction',
  '收/支': 'direction',
  科目: 'category',
  会计科目: 'category',
  科目名称: 'category',
  类别: 'category',
  金额: 'amount',
  发生额: 'amount',
  收入: 'incomeAmount',
  收入金额: 'incomeAmount',
  支出: 'expenseAmount',
  支出金额: 'expenseAmount',
  摘要: 'note',
  说明: 'note',
  备注: 'note',
  用途: 'note',
  事由: 'note',
  内容: 'note',
  日期: 'date',
  时间: 'date',
  发生日期: 'date',
  记账日期: 'date',
};

const DEFAULT_COLUMNS: Field[] = ['direction', 'category', 'amount', 'note', 'date'];
const TOTAL_LINE = /^(本[月期年]|全[月年])?(合计|小计|总计|累计)/;

/** A header cell without its unit: 金额（元） -> 金额. */
const headerWord = (s: string) => norm(s).replace(/\(元\)$|[:：*]$/g, '');

/**
 * A row naming the columns: at least two known column names, and nothing that looks like data
 * (no digits, no heading of the books).
 */
function headerColumns(cells: Cell[]): (Field | null)[] | null {
  const words = cells.map((c) => headerWord(c.text));
  let known = 0;
  for (const w of words) {
    if (!w) continue;
    if (HEADER_WORDS[w]) known += 1;
    else if (/\d/.test(w) || INCOME.includes(w) || EXPENSE.includes(w)) return null;
  }
  return known >= 2 ? words.map((w) => HEADER_WORDS[w] ?? null) : null;
}

function directionOf(word: string): Direction | null {
  return DIRECTION_WORDS[norm(word)] ?? null;
}

/** The headings of the books a cell may mean: 补助 -> 补助收入, 经营 -> 经营收入 or 经营支出. */
function categoriesFor(text: string): { category: string; direction: Direction }[] {
  const w = norm(text);
  if (!w) return [];
  const name = CATEGORY_ALIASES[w] ?? w;
  const match = (pick: (c: string) => boolean) => [
    ...INCOME.filter(pick).map((c) => ({ category: c, direction: 'income' as const })),
    ...EXPENSE.filter(pick).map((c) => ({ category: c, direction: 'expense' as const })),
  ];
  const exact = match((c) => c === name);
  return exact.length ? exact : match((c) => c.startsWith(name));
}

function resolveCategory(
  text: string,
  direction: Direction | null,
): { category: string; direction: Direction } | { error: string } {
  if (!norm(text)) return { error: '请填写科目' };
  const found = categoriesFor(text);
  const [firstFound] = found;
  if (!firstFound) {
    return {
      error: `不认识的科目“${text.trim()}”（收入科目：${INCOME.join('、')}；支出科目：${EXPENSE.join('、')}）`,
    };
  }
  const same = direction ? found.filter((f) => f.direction === direction) : found;
  const [only] = same;
  if (same.length === 1 && only) return only;
  if (!same.length) {
    return {
      error: `“${firstFound.category}”是${firstFound.direction === 'income' ? '收入' : '支出'}科目，与“${
        direction === 'income' ? '收入' : '支出'
      }”不符`,
    };
  }
  return { error: `科目“${text.trim()}”不明确，请写${same.map((f) => f.category).join('或')}` };
}

function amountOf(text: string): { fen: number } | { error: string } | null {
  const t = norm(text);
  if (!t) return null;
  if (/^[-−]/.test(t)) return { error: '金额不能为负数，支出请在收支一列写“支出”' };
  const fen = parseYuan(t);
  if (fen === null) return { error: `金额“${text.trim()}”格式不对，例如 1234.50` };
  if (fen === 0) return { error: '金额必须大于 0' };
  if (fen > MAX_FEN) return { error: '金额过大' };
  return { fen };
}

/** The cells of a row as fields: by the header's columns, by position, or by what they hold. */
function fieldsOf(l: Line, tabs: boolean, columns: (Field | null)[] | null): Partial<Record<Field, string>> {
  const cells = l.cells;
  if (columns) {
    const f: Partial<Record<Field, string>> = {};
    columns.forEach((name, i) => {
      const cell = cells[i];
      if (name && cell && f[name] === undefined) f[name] = cell.text;
    });
    return f;
  }
  if (tabs) {
    // No 收支 column when the first cell is a heading of the books rather than 收入/支出.
    const first = cells[0]?.text ?? '';
    const order =
      !directionOf(first) && categoriesFor(first).length ? DEFAULT_COLUMNS.slice(1) : DEFAULT_COLUMNS;
    const f: Partial<Record<Field, string>> = {};
    order.forEach((name, i) => {
      const cell = cells[i];
      if (cell) f[name] = cell.text;
    });
    return f;
  }
  // Hand-made text: [收支] 科目 金额 [摘要 (may hold spaces)] [日期].
  const f: Partial<Record<Field, string>> = {};
  let i = 0;
  const lead = cells[i];
  if (lead && directionOf(lead.text)) {
    f.direction = lead.text;
    i += 1;
  }
  const category = cells[i];
  if (category) {
    f.category = category.text;
    i += 1;
  }
  const amountCell = cells[i];
  if (amountCell) {
    let amount = amountCell.text;
    i += 1;
    // 1,234.50 written without quotes in comma-separated text.
    let next = cells[i];
    while (
      /^[¥￥]?\d{1,3}(,\d{3})*$/.test(norm(amount)) &&
      next?.afterComma &&
      /^\d{3}(\.\d{1,2})?元?$/.test(norm(next.text))
    ) {
      amount += `,${next.text}`;
      i += 1;
      next = cells[i];
    }
    f.amount = amount;
  }
  let rest = cells.slice(i);
  const trailing = rest[rest.length - 1];
  if (trailing && looksLikeDate(trailing.text)) {
    f.date = trailing.text;
    rest = rest.slice(0, -1);
  }
  const first = rest[0];
  const last = rest[rest.length - 1];
  if (first && last) f.note = first === last ? first.text : l.raw.slice(first.start, last.end);
  return f;
}

function rowOf(line: number, f: Partial<Record<Field, string>>, period: PastePeriod): PastedRow {
  const row: PastedRow = {
    line,
    direction: null,
    category: (f.category ?? '').trim(),
    amountFen: null,
    note: (f.note ?? '').replace(/\s+/g, ' ').trim(),
    occurredOn: null,
    error: null,
  };
  const errors: string[] = [];

  // 金额: one amount column, or separate 收入 / 支出 columns that also give the direction.
  let amount = f.amount ?? '';
  let given: Direction | null = null;
  const income = norm(f.incomeAmount ?? '');
  const expense = norm(f.expenseAmount ?? '');
  if (!norm(amount) && (income || expense)) {
    if (income && expense) errors.push('收入和支出两列都有金额，请分成两行');
    amount = income || expense;
    given = income ? 'income' : 'expense';
  }

  const dirText = f.direction ?? '';
  if (norm(dirText)) {
    const d = directionOf(dirText);
    if (!d) errors.push(`收支应写“收入”或“支出”，不认识“${dirText.trim()}”`);
    else if (given && d !== given)
      errors.push(`收支写的是“${d === 'income' ? '收入' : '支出'}”，金额却在另一列`);
    else given = d;
  }

  const cat = resolveCategory(f.category ?? '', given);
  if ('error' in cat) {
    errors.push(cat.error);
    row.direction = given;
  } else {
    row.category = cat.category;
    row.direction = cat.direction;
  }

  const a = amountOf(amount);
  if (a === null) errors.push('请填写金额');
  else if ('error' in a) errors.push(a.error);
  else row.amountFen = a.fen;

  if (row.note.length > MAX_NOTE) errors.push(`摘要不超过 ${MAX_NOTE} 个字`);

  const d = dateOf(f.date ?? '', period);
  if ('error' in d) errors.push(d.error);
  else row.occurredOn = d.occurredOn;

  row.error = errors.length ? errors.join('；') : null;
  return row;
}

export function parsePastedItems(text: string, period: PastePeriod): PasteResult {
  const { lines, tabs } = linesOf(text);
  const rows: PastedRow[] = [];
  const skipped: PasteResult['skipped'] = [];
  let columns: (Field | null)[] | null = null;
  for (const l of lines) {
    const firstFilled = l.cells.find((c) => norm(c.text));
    if (!firstFilled) continue;
    const header = headerColumns(l.cells);
    if (header) {
      // Loose text cannot be trusted to keep columns apart: its header is only skipped.
      columns = tabs ? header : null;
      skipped.push({ line: l.line, reason: '表头，已跳过' });
      continue;
    }
    if (TOTAL_LINE.test(norm(firstFilled.text))) {
      skipped.push({ line: l.line, reason: '合计行，已跳过（合计会自动计算）' });
      continue;
    }
    rows.push(rowOf(l.line, fieldsOf(l, tabs, columns), period));
  }
  return { rows, skipped };
}

/** Income, expense and balance of the rows that can be added. */
export function pastedTotals(rows: readonly PastedRow[]) {
  let incomeFen = 0;
  let expenseFen = 0;
  for (const r of rows) {
    if (r.error || r.amountFen === null) continue;
    if (r.direction === 'income') incomeFen += r.amountFen;
    else expenseFen += r.amountFen;
  }
  return { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
}

/** A good pasted row as a row of the form (amount back to yuan text, date to the day). */
export function toItemRow(r: PastedRow): ItemRow {
  return {
    ...newRow(r.direction ?? 'expense'),
    category: r.category,
    amountText: r.amountFen === null ? '' : formatFen(r.amountFen).replace(/,/g, ''),
    note: r.note,
    day: r.occurredOn ? String(Number(r.occurredOn.slice(8))) : '',
  };
}

const sameEntry = (r: ItemRow) =>
  [r.direction, r.category, parseYuan(r.amountText) ?? r.amountText, r.note.trim(), r.day.trim()].join('|');

/** How many good pasted rows the form already holds (pasting the same month twice). */
export function alreadyInForm(current: readonly ItemRow[], rows: readonly PastedRow[]): number {
  const have = new Map<string, number>();
  for (const r of current) have.set(sameEntry(r), (have.get(sameEntry(r)) ?? 0) + 1);
  let n = 0;
  for (const r of rows) {
    if (r.error) continue;
    const k = sameEntry(toItemRow(r));
    const left = have.get(k) ?? 0;
    if (left > 0) {
      n += 1;
      have.set(k, left - 1);
    }
  }
  return n;
}

/**
 * The form's rows after taking the good pasted rows: appended after the rows already filled in
 * (rows left empty are dropped), or in place of all of them.
 */
export function applyPasted(
  current: readonly ItemRow[],
  rows: readonly PastedRow[],
  how: 'append' | 'replace',
) {
  const good = rows.filter((r) => !r.error).map(toItemRow);
  return how === 'replace' ? good : [...current.filter((r) => !isBlankRow(r)), ...good];
}
