import {
  holdsPersonalNumber,
  PERSONAL_NUMBER_MESSAGE,
  type ChangeFlag,
  type DuplicateFlag,
  type PayoutCategory,
  type RelativeFlag,
} from '../../common/contracts/payouts';
import { parseYuan } from '../../common/money';

/**
 * 惠民资金发放名单, pure: masking names, reading a pasted list, duplicates, totals, the
 * 优亲厚友 check and sudden changes between periods. No I/O, no clock.
 */

/** 张桂兰 -> 张*兰; 张三 -> 张*; 欧阳秀英 -> 欧**英. What every villager sees of another household. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export interface StoredRow {
  recipient: string;
  householdId: string;
  household: string;
  amountFen: number;
  note: string;
}

export function totalsOf(rows: { amountFen: number }[]): { count: number; amountFen: number } {
  return { count: rows.length, amountFen: rows.reduce((s, r) => s + r.amountFen, 0) };
}

/** Recipients named more than once in one list (same name, same household), with their row indexes. */
export function duplicatesOf(rows: { recipient: string; householdId: string }[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.recipient}\n${r.householdId}`;
    seen.set(key, [...(seen.get(key) ?? []), i]);
  });
  return new Map([...seen].filter(([, idx]) => idx.length > 1));
}

// --- paste -------------------------------------------------------------------------------------

export interface PastedLine {
  line: number;
  recipient: string;
  household: string;
  amountFen: number;
  note: string;
}

export type PasteResult =
  | { line: number; ok: true; row: PastedLine }
  | { line: number; ok: false; error: string };

const HEADER_WORDS = ['姓名', '领取人', '户主', '金额', '备注'];

function cellsOf(line: string): string[] {
  // Excel and WPS copy cells separated by tabs; typed lines may use commas or several spaces.
  const parts = line.includes('\t') ? line.split('\t') : line.trim().split(/\s*[,，]\s*|\s+/);
  return parts.map((c) => c.trim());
}

/**
 * Reads a list pasted from a spreadsheet, one row per line: 姓名, 户主 (the household's name in
 * the roster; empty = the recipient's own), 金额（元）, 备注. A header row is skipped. Every bad
 * line gets its reason in Chinese; nothing is guessed.
 */
export function parsePayoutPaste(text: string): PasteResult[] {
  const out: PasteResult[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    if (out.length === 0 && HEADER_WORDS.some((w) => raw.includes(w)) && !/\d/.test(raw)) return;
    if (holdsPersonalNumber(raw)) {
      out.push({ line, ok: false, error: PERSONAL_NUMBER_MESSAGE });
      return;
    }
    const cells = cellsOf(raw);
    let [recipient = '', household = '', amount = '', note = ''] = cells;
    // Three cells with the amount last and no household: 姓名, 金额, 备注 is not allowed to guess;
    // but 姓名, 金额 (two cells) means the recipient is their own household.
    if (cells.length === 2) [recipient, amount, household, note] = [cells[0] ?? '', cells[1] ?? '', '', ''];
    else if (cells.length >= 3 && parseYuan(household) !== null && parseYuan(amount) === null) {
      [household, amount, note] = ['', household, cells.slice(2).join(' ')];
    } else if (cells.length > 4) note = cells.slice(3).join(' ');
    if (!/^[^\d\s]{2,10}$/.test(recipient)) {
      out.push({ line, ok: false, error: `第 ${line} 行：姓名应为 2 至 10 个字，不含数字` });
      return;
    }
    const fen = parseYuan(amount);
    if (fen === null) {
      const negative = /^-/.test(amount.trim());
      out.push({
        line,
        ok: false,
        error: negative
          ? `第 ${line} 行：金额不能是负数，发放有误请在备注中说明`
          : `第 ${line} 行：金额“${amount}”不是有效的元数（最多两位小数）`,
      });
      return;
    }
    if (fen <= 0) {
      out.push({ line, ok: false, error: `第 ${line} 行：金额必须大于 0` });
      return;
    }
    if (note.length > 60) {
      out.push({ line, ok: false, error: `第 ${line} 行：备注不超过 60 个字` });
      return;
    }
    out.push({
      line,
      ok: true,
      row: { line, recipient, household: household || recipient, amountFen: fen, note },
    });
  });
  return out;
}

// --- 优亲厚友 ------------------------------------------------------------------------------------

export interface KnownRelative {
  name: string;
  rosterId: string | null;
  relation: string;
  /** The cadre or 村监委 member who declared them (or who is the recipient themself). */
  of: string;
}

/** Rows paid to a declared relative of a cadre or 村监委 member (or to themself): by roster entry or name. */
export function relativeMatches(
  rows: StoredRow[],
  relatives: KnownRelative[],
): { index: number; of: string; relation: string }[] {
  const out: { index: number; of: string; relation: string }[] = [];
  rows.forEach((r, index) => {
    const hit = relatives.find(
      (k) => k.name === r.recipient || (k.rosterId !== null && k.rosterId === r.householdId),
    );
    if (hit) out.push({ index, of: hit.of, relation: hit.relation });
  });
  return out;
}

// --- the village summary -----------------------------------------------------------------------

export interface ListForSummary {
  seriesId: string;
  version: number;
  category: PayoutCategory;
  periodKey: string;
  rows: StoredRow[];
}

/** A change is sudden when the count moves by at least 3 people and 30%, or the total by 30%. */
export function isSuddenChange(
  prev: { count: number; amountFen: number },
  cur: { count: number; amountFen: number },
) {
  const dc = Math.abs(cur.count - prev.count);
  const da = Math.abs(cur.amountFen - prev.amountFen);
  return (dc >= 3 && dc * 10 >= prev.count * 3) || (prev.amountFen > 0 && da * 10 >= prev.amountFen * 3);
}

/** Everything the 村监委 and the town are shown for one village's current lists. */
export function flagsOf(
  lists: ListForSummary[],
  relatives: KnownRelative[],
): { relatives: RelativeFlag[]; duplicates: DuplicateFlag[]; changes: ChangeFlag[] } {
  const rel: RelativeFlag[] = [];
  const dup: DuplicateFlag[] = [];
  const changes: ChangeFlag[] = [];
  const sorted = [...lists].sort(
    (a, b) => a.category.localeCompare(b.category) || a.periodKey.localeCompare(b.periodKey),
  );
  sorted.forEach((l, i) => {
    for (const m of relativeMatches(l.rows, relatives)) {
      const row = l.rows[m.index];
      if (!row) continue;
      rel.push({
        seriesId: l.seriesId,
        version: l.version,
        category: l.category,
        periodKey: l.periodKey,
        index: m.index,
        recipient: row.recipient,
        amountFen: row.amountFen,
        of: m.of,
        relation: m.relation,
      });
    }
    for (const idx of duplicatesOf(l.rows).values()) {
      const first = l.rows[idx[0] ?? 0];
      if (first) {
        dup.push({
          seriesId: l.seriesId,
          category: l.category,
          periodKey: l.periodKey,
          recipient: first.recipient,
          times: idx.length,
        });
      }
    }
    const prev = sorted[i - 1];
    if (prev && prev.category === l.category) {
      const a = totalsOf(prev.rows);
      const b = totalsOf(l.rows);
      if (isSuddenChange(a, b)) {
        changes.push({
          category: l.category,
          periodKey: l.periodKey,
          previousPeriodKey: prev.periodKey,
          count: b.count,
          previousCount: a.count,
          amountFen: b.amountFen,
          previousAmountFen: a.amountFen,
        });
      }
    }
  });
  return { relatives: rel, duplicates: dup, changes };
}
