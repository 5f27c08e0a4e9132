/** Money is integer fen (分). These turn it into text and back without floating point. */

/** 123456 -> '1,234.56'; -5 -> '-0.05' */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** 123456 -> '¥1,234.56' */
export function formatYuan(fen: number): string {
  const s = formatFen(fen);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/**
 * What a cadre types ('1234.5', '1,234.50', '１２３', '￥66', '66元') -> fen, or null when it is
 * not an amount with at most two decimals. Full-width digits and marks are read as half-width.
 * Commas must group thousands: '1,23' is refused rather than read as 123 yuan, since in some
 * habits the comma is a decimal mark.
 */
export function parseYuan(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．，]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, '')
    .replace(/^[¥￥]|元$/g, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const [, wholeText = '', fenText = ''] = m;
  const whole = wholeText.replace(/,/g, '');
  if (whole.length > 12) return null;
  return Number(whole) * 100 + Number(fenText.padEnd(2, '0'));
}
