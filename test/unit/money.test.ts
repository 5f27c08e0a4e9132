import { formatFen, formatYuan, parseYuan } from '../../cloudfunctions/common/money';

describe('formatFen', () => {
  test.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [100000000, '1,000,000.00'],
    [-5, '-0.05'],
    [-123456, '-1,234.56'],
    [99_999_999_999, '999,999,999.99'],
  ])('%d fen -> %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  test('formatYuan puts the sign before the currency mark', () => {
    expect(formatYuan(123456)).toBe('¥1,234.56');
    expect(formatYuan(-5)).toBe('-¥0.05');
  });
});

describe('parseYuan', () => {
  test.each([
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['1234', 123400],
    ['0.05', 5],
    ['1,234.50', 123450],
    ['12,345,678', 1234567800],
    ['１２３', 12300],
    ['１，２３４．５６', 123456],
    ['  88.8 ', 8880],
    ['¥66', 6600],
    ['￥66', 6600],
    ['66元', 6600],
  ])('%j -> %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  test.each([
    '1.234', // three decimals: not an amount of money
    '0.001',
    '',
    'abc',
    '-5',
    '1.',
    '.5',
    '1,23', // a decimal comma would be read as 123 yuan: refuse rather than guess
    '12,34.5',
    '1e5',
    '1234567890123', // 13 digits of yuan: beyond any village ledger
  ])('%j is refused', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  test('round-trips with formatFen', () => {
    for (const fen of [1, 99, 100, 123456, 1_000_000_01]) expect(parseYuan(formatFen(fen))).toBe(fen);
  });
});
