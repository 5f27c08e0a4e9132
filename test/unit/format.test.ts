import {
  attachmentCaption,
  formatDate,
  formatDayOf,
  formatDaysLate,
  formatMonth,
  formatMonthRange,
  formatPeriod,
  formatQuarter,
  formatShortDate,
  looksLikeFileName,
} from '../../cloudfunctions/common/format';

describe('the Chinese wording of keys a person reads', () => {
  it('writes months, quarters, years and dates in Chinese', () => {
    expect(formatMonth('2026-11')).toBe('2026年11月');
    expect(formatMonth('2026-03')).toBe('2026年3月');
    expect(formatQuarter('2026-Q3')).toBe('2026年第三季度');
    expect(formatPeriod('2026-Q1')).toBe('2026年第一季度');
    expect(formatPeriod('2026-09')).toBe('2026年9月');
    expect(formatPeriod('2026')).toBe('2026年');
    expect(formatDate('2026-11-30')).toBe('2026年11月30日');
    expect(formatShortDate('2026-01-05')).toBe('1月5日');
    expect(formatMonthRange('2026-04', '2026-10')).toBe('2026年4月至10月');
    expect(formatMonthRange('2025-11', '2026-02')).toBe('2025年11月至2026年2月');
    expect(formatDaysLate(52)).toBe('逾期公开 52 天');
  });

  it('reads an instant as its China date, across the UTC midnight', () => {
    // 2026-11-30 17:00 UTC is already 1 December in China.
    expect(formatDayOf('2026-11-30T17:00:00.000Z')).toBe('2026年12月1日');
  });

  it('returns what it cannot read unchanged rather than a wrong date', () => {
    expect(formatPeriod('abc')).toBe('abc');
    expect(formatDate('')).toBe('');
  });

  it('captions attachments by what they are, never by a file name', () => {
    expect(looksLikeFileName('receipt-nov.png')).toBe(true);
    expect(looksLikeFileName('IMG_2031')).toBe(true);
    expect(looksLikeFileName('10月电费发票')).toBe(false);
    expect(attachmentCaption({ name: 'receipt-nov.png', kind: 'image' }, 0)).toBe('凭证照片 1');
    expect(attachmentCaption({ name: 'scan.pdf', kind: 'file' }, 1)).toBe('PDF 文件 2');
    expect(attachmentCaption({ name: '', kind: 'image', fileId: '/files/ab12.pdf' }, 0)).toBe('PDF 文件 1');
    expect(attachmentCaption({ name: '记账凭证（示例）', kind: 'image' }, 0)).toBe('记账凭证（示例）');
  });
});
