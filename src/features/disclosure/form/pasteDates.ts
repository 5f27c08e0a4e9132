import { norm } from './pasteLines';

/** Dates in pasted rows: Excel serials, 2026-9-3, 9月3日, 3日; always inside the disclosed month. */

/** The month the disclosure covers: dates are resolved inside it. */
export interface PastePeriod {
  year: number;
  month: number | null;
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

export const looksLikeDate = (text: string) => dateParts(text) !== null;

export function dateOf(text: string, period: PastePeriod): { occurredOn: string | null } | { error: string } {
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
