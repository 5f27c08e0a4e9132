import { formatChinaDateTime, inChina } from './clock';

/**
 * Chinese wording of the keys the code keeps (month '2026-11', quarter '2026-Q3', year '2026',
 * date '2026-11-30'): the one place pages, reports and workbooks turn them into what a person
 * reads. Pure; the mini-program and the cloud functions share it. A key that is not one of
 * these shapes is returned as it came, never thrown on.
 */

const QUARTER_WORDS = ['一', '二', '三', '四'];

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** '2026-11' -> '2026年11月' */
export function formatMonth(monthKey: string): string {
  const m = MONTH.exec(monthKey);
  return m ? `${m[1]}年${Number(m[2])}月` : monthKey;
}

/** '2026-Q3' -> '2026年第三季度' */
export function formatQuarter(quarterKey: string): string {
  const q = QUARTER.exec(quarterKey);
  return q ? `${q[1]}年第${QUARTER_WORDS[Number(q[2]) - 1]}季度` : quarterKey;
}

/** Any period key: a month, a quarter or a whole year ('2026' -> '2026年'). */
export function formatPeriod(periodKey: string): string {
  if (QUARTER.test(periodKey)) return formatQuarter(periodKey);
  if (MONTH.test(periodKey)) return formatMonth(periodKey);
  if (YEAR.test(periodKey)) return `${periodKey}年`;
  return periodKey;
}

/** '2026-11-30' -> '11月30日' */
export function formatShortDate(dateKey: string): string {
  const d = DATE.exec(dateKey);
  return d ? `${Number(d[2])}月${Number(d[3])}日` : dateKey;
}

/** '2026-11-30' -> '2026年11月30日' */
export function formatDate(dateKey: string): string {
  const d = DATE.exec(dateKey);
  return d ? `${d[1]}年${formatShortDate(dateKey)}` : dateKey;
}

/** An instant as its China date, '2026年11月30日'. */
export function formatDayOf(instant: Date | string | number): string {
  return inChina(instant).format('YYYY年M月D日');
}

/** An instant as China date and time, '2026年11月30日 14:03'. */
export { formatChinaDateTime as formatDateTime };

/** '2026-04' .. '2026-10' -> '2026年4月至10月'; across years both years are written. */
export function formatMonthRange(from: string, to: string): string {
  if (from === to) return formatMonth(from);
  const a = MONTH.exec(from);
  const b = MONTH.exec(to);
  if (a && b && a[1] === b[1]) return `${formatMonth(from)}至${Number(b[2])}月`;
  return `${formatPeriod(from)}至${formatPeriod(to)}`;
}

/** "逾期公开 52 天" */
export function formatDaysLate(days: number): string {
  return `逾期公开 ${days} 天`;
}

const FILE_NAME = /\.[A-Za-z0-9]{2,5}$/;
const MACHINE_WORD = /^[\w.\-() ]+$/;

/** True for names that read as a file on a disk ('receipt-nov.png', 'IMG_2031.JPG'). */
export function looksLikeFileName(name: string): boolean {
  const n = name.trim();
  return FILE_NAME.test(n) || (n.length > 0 && MACHINE_WORD.test(n) && !/[\u4e00-\u9fff]/.test(n));
}

/**
 * What a person reads under an attachment: the cadre's own Chinese caption when there is one,
 * otherwise what the attachment is ('凭证照片 2', 'PDF 文件'), never its file name.
 */
export function attachmentCaption(
  a: { name?: string; kind?: 'image' | 'file'; fileId?: string },
  index: number,
): string {
  const name = (a.name ?? '').trim();
  if (name && !looksLikeFileName(name)) return name;
  const source = `${name} ${a.fileId ?? ''}`.toLowerCase();
  if (a.kind === 'file' || /\.pdf\b/.test(source)) return `PDF 文件 ${index + 1}`;
  return `凭证照片 ${index + 1}`;
}
