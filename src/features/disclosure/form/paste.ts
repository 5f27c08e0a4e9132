import { EXPENSE_CATEGORIES, INCOME_CATEGORIES } from '@common/contracts/disclosure';
import { formatFen, parseYuan } from '@common/money';
import { isBlankRow, newRow, type ItemRow } from './model';

/**
 * 收支明细 pasted from a spreadsheet (Excel, WPS) or typed as text, one entry per line:
 * 收支, 科目, 金额（元）, 摘要, 日期. Excel and WPS copy cells separated by tabs (a cell holding a
 * line break or a quote comes in quotes); hand-made text may use several spaces or commas. A
 * header row (收支 科目 金额 摘要 日期) is skipped, and when it names the columns their order is
 * taken from it, so a ledger whose columns are 日期 摘要 科目 收入 支出 pastes as it is.
 */

export type Direction = ItemRow['direction'];

/** The month the disclosure covers: dates are resolved inside it. */
export interface PastePeriod {
  year: number;
  month: number | null;
}

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

/** Full-width digits, letters and marks as half-width; spaces removed (for words and numbers). */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** A header cell without its unit: 金额（元） -> 金额. */
const headerWord = (s: string) => norm(s).replace(/\(元\)$|[:：*]$/g, '');

interface Cell {
  text: string;
  start: number;
  end: number;
  /** A comma (not spaces) separated this cell from the one before. */
  afterComma: boolean;
}

interface Line {
  line: number;
  raw: string;
  cells: Cell[];
}

/**
 * Tab-separated records the way Excel writes them: a cell that starts with a quote runs to the
 * closing quote (across line breaks, "" standing for one quote). A quote that never closes is
 * read as text.
 */
function tabRecords(text: string): Line[] {
  const out: Line[] = [];
  let lineNo = 1;
  let recordLine = 1;
  let cells: Cell[] = [];
  let cell = '';
  let start = 0;
  let atStart = true;
  let i = 0;
  const endCell = () => {
    cells.push({ text: cell, start, end: i, afterComma: false });
    cell = '';
    atStart = true;
    start = i + 1;
  };
  while (i < text.length) {
    const c = text[i];
    if (atStart && c === '"') {
      const close = closingQuote(text, i + 1);
      if (close >= 0) {
        const body = text.slice(i + 1, close);
        cell += body.replace(/""/g, '"');
        lineNo += (body.match(/\n/g) ?? []).length;
        i = close + 1;
        atStart = false;
        continue;
      }
    }
    if (c === '\t') {
      endCell();
    } else if (c === '\n') {
      endCell();
      out.push({ line: recordLine, raw: '', cells });
      cells = [];
      lineNo += 1;
      recordLine = lineNo;
    } else if (c !== '\r') {
      cell += c;
      atStart = false;
    }
    i += 1;
  }
  if (cell || cells.length) {
    endCell();
    out.push({ line: recordLine, raw: '', cells });
  }
  return out;
}

function closingQuote(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) {
    if (text[j] !== '"') continue;
    if (text[j + 1] === '"') {
      j += 1;
      continue;
    }
    // A closing quote ends the cell: what follows must be a separator or the end.
    return j + 1 === text.length || /[\t\r\n]/.test(text[j + 1]) ? j : -1;
  }
  return -1;
}

/** A line of hand-made text: cells separated by spaces (any number) or commas; "quoted" cells. */
function looseLine(raw: string, line: number): Line {
  const cells: Cell[] = [];
  const re = /"((?:[^"]|"")*)"|[^\s,，]+/g;
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const between = raw.slice(last, m.index);
    cells.push({
      text: m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0],
      start: m.index,
      end: m.index + m[0].length,
      afterComma: /[,，]/.test(between),
    });
    last = m.index + m[0].length;
  }
  return { line, raw, cells };
}

function linesOf(text: string): { lines: Line[]; tabs: boolean } {
  if (text.includes('\t')) return { lines: tabRecords(text), tabs: true };
  return { lines: text.split('\n').map((raw, i) => looseLine(raw.replace(/\r$/, ''), i + 1)), tabs: false };
}

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
  if (!found.length) {
    return {
      error: `不认识的科目“${text.trim()}”（收入科目：${INCOME.join('、')}；支出科目：${EXPENSE.join('、')}）`,
    };
  }
  const same = direction ? found.filter((f) => f.direction === direction) : found;
  if (same.length === 1) return same[0];
  if (!same.length) {
    const other = found[0];
    return {
      error: `“${other.category}”是${other.direction === 'income' ? '收入' : '支出'}科目，与“${
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

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Day 1 of Excel's date serial numbers (a date cell pasted as a plain number). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** 2026-10-05, 2026/10/5, 2026年10月5日, 10月5日, 10-5, 5, 5日, or an Excel date number. */
function dateParts(text: string): { y: number | null; m: number | null; d: number } | null {
  // A date cell may come with a time of day: 2026/10/5 0:00.
  const t = norm(
    text
      .normalize('NFKC')
      .trim()
      .replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, ''),
  );
  let r = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(t);
  if (r) return { y: Number(r[1]), m: Number(r[2]), d: Number(r[3]) };
  r = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(t);
  if (r) return { y: null, m: Number(r[1]), d: Number(r[2]) };
  r = /^(\d{1,2})[日号]?$/.exec(t);
  if (r) return { y: null, m: null, d: Number(r[1]) };
  r = /^(\d{5})$/.exec(t);
  if (r && Number(r[1]) >= 40_000 && Number(r[1]) < 60_000) {
    const day = new Date(EXCEL_EPOCH + Number(r[1]) * 86_400_000);
    return { y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() };
  }
  return null;
}

const looksLikeDate = (text: string) => dateParts(text) !== null;

function dateOf(text: string, period: PastePeriod): { occurredOn: string | null } | { error: string } {
  if (!norm(text)) return { occurredOn: null };
  const p = dateParts(text);
  if (!p) return { error: `日期“${text.trim()}”看不懂，可写 2026-10-05、10月5日 或 5` };
  if (!period.month) return { error: '请先选择公开月份' };
  const y = p.y ?? period.year;
  const m = p.m ?? period.month;
  if (y !== period.year || m !== period.month) {
    return {
      error: `日期 ${y}-${pad(m)}-${pad(p.d)} 不在公开期间（${period.year}年${period.month}月）内`,
    };
  }
  const last = daysInMonth(y, m);
  if (p.d < 1 || p.d > last) return { error: `${m}月没有${p.d}日（1 到 ${last} 日）` };
  return { occurredOn: `${y}-${pad(m)}-${pad(p.d)}` };
}

/** The cells of a row as fields: by the header's columns, by position, or by what they hold. */
function fieldsOf(l: Line, tabs: boolean, columns: (Field | null)[] | null): Partial<Record<Field, string>> {
  const cells = l.cells;
  if (columns) {
    const f: Partial<Record<Field, string>> = {};
    columns.forEach((name, i) => {
      if (name && cells[i] && f[name] === undefined) f[name] = cells[i].text;
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
      if (cells[i]) f[name] = cells[i].text;
    });
    return f;
  }
  // Hand-made text: [收支] 科目 金额 [摘要 (may hold spaces)] [日期].
  const f: Partial<Record<Field, string>> = {};
  let i = 0;
  if (cells[i] && directionOf(cells[i].text)) f.direction = cells[i++].text;
  if (cells[i]) f.category = cells[i++].text;
  if (cells[i]) {
    let amount = cells[i++].text;
    // 1,234.50 written without quotes in comma-separated text.
    while (
      /^[¥￥]?\d{1,3}(,\d{3})*$/.test(norm(amount)) &&
      cells[i]?.afterComma &&
      /^\d{3}(\.\d{1,2})?元?$/.test(norm(cells[i].text))
    ) {
      amount += `,${cells[i++].text}`;
    }
    f.amount = amount;
  }
  let rest = cells.slice(i);
  if (rest.length && looksLikeDate(rest[rest.length - 1].text)) {
    f.date = rest[rest.length - 1].text;
    rest = rest.slice(0, -1);
  }
  if (rest.length === 1) f.note = rest[0].text;
  else if (rest.length > 1) f.note = l.raw.slice(rest[0].start, rest[rest.length - 1].end);
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
    const filled = l.cells.filter((c) => norm(c.text));
    if (!filled.length) continue;
    const header = headerColumns(l.cells);
    if (header) {
      // Loose text cannot be trusted to keep columns apart: its header is only skipped.
      columns = tabs ? header : null;
      skipped.push({ line: l.line, reason: '表头，已跳过' });
      continue;
    }
    if (TOTAL_LINE.test(norm(filled[0].text))) {
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
