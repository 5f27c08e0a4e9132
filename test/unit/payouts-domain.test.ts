/** 惠民资金 payout lists, the pure rules: reading a paste, personal numbers, sudden changes, relatives. */
import { holdsPersonalNumber } from '../../cloudfunctions/common/contracts/payouts';
import {
  flagsOf,
  isSuddenChange,
  parsePayoutPaste,
  relativeMatches,
  type StoredRow,
} from '../../cloudfunctions/disclosure/domain/payouts';

describe('parsePayoutPaste', () => {
  test('tab-separated rows from a spreadsheet, the header skipped, amounts in yuan to fen', () => {
    const rows = parsePayoutPaste(
      '姓名\t户主\t金额（元）\t备注\r\n张桂兰\t张桂兰\t650.50\t一类\n\n王小山\t王大山\t1,300\t',
    );
    expect(rows).toEqual([
      {
        line: 2,
        ok: true,
        row: { line: 2, recipient: '张桂兰', household: '张桂兰', amountFen: 65_050, note: '一类' },
      },
      {
        line: 4,
        ok: true,
        row: { line: 4, recipient: '王小山', household: '王大山', amountFen: 130_000, note: '' },
      },
    ]);
  });

  test('typed rows: name and amount (own household), name amount note, full-width digits, commas', () => {
    const rows = parsePayoutPaste('赵红 500\n孙秀珍，６５０，新纳入\n钱玉芬 钱大海 ￥650元 残疾 加发');
    expect(
      rows.map((r) => (r.ok ? [r.row.recipient, r.row.household, r.row.amountFen, r.row.note] : r.error)),
    ).toEqual([
      ['赵红', '赵红', 50_000, ''],
      ['孙秀珍', '孙秀珍', 65_000, '新纳入'],
      ['钱玉芬', '钱大海', 65_000, '残疾 加发'],
    ]);
  });

  test('every bad line says which line and why; zero is refused', () => {
    const rows = parsePayoutPaste('张\t张\t650\n王大山\t王大山\t0\n李建国\t李建国\t650.123');
    expect(rows.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      expect.stringMatching(/^第 1 行：姓名/),
      '第 2 行：金额必须大于 0',
      expect.stringMatching(/^第 3 行：金额“650.123”不是有效的元数/),
    ]);
  });
});

test('ID-card and mobile numbers are caught also when spaced or dashed; dates and amounts are not', () => {
  for (const t of [
    '110101195001011234',
    '11010119500101123x',
    '110101500101123',
    '13812345678',
    '138-1234-5678',
    '１３８１２３４５６７８',
  ])
    expect([t, holdsPersonalNumber(t)]).toEqual([t, true]);
  for (const t of ['2026-11-05', '650.00', '1,300', '3 亩', '第 12 批'])
    expect([t, holdsPersonalNumber(t)]).toEqual([t, false]);
});

test('a sudden change: 3 people and 30%, or 30% of the total', () => {
  expect(isSuddenChange({ count: 10, amountFen: 650_000 }, { count: 13, amountFen: 650_000 })).toBe(true);
  expect(isSuddenChange({ count: 10, amountFen: 650_000 }, { count: 12, amountFen: 650_000 })).toBe(false);
  expect(isSuddenChange({ count: 2, amountFen: 100_000 }, { count: 3, amountFen: 130_000 })).toBe(true);
  expect(isSuddenChange({ count: 2, amountFen: 100_000 }, { count: 2, amountFen: 129_999 })).toBe(false);
});

test('a relative is matched by name or by their household, and the change compares lists of one category', () => {
  const row = (recipient: string, householdId: string, amountFen = 65_000): StoredRow => ({
    recipient,
    householdId,
    household: recipient,
    amountFen,
    note: '',
  });
  const relatives = [{ name: '李建国', rosterId: 'r-li', relation: '兄弟姐妹', of: '村干部 李明华' }];
  expect(
    relativeMatches([row('张桂兰', 'r-zhang'), row('李小军', 'r-li'), row('李建国', 'r-x')], relatives),
  ).toEqual([
    { index: 1, of: '村干部 李明华', relation: '兄弟姐妹' },
    { index: 2, of: '村干部 李明华', relation: '兄弟姐妹' },
  ]);
  const flags = flagsOf(
    [
      { seriesId: 'a', version: 1, category: 'subsistence', periodKey: '2026-01', rows: [row('甲乙', 'r1')] },
      {
        seriesId: 'b',
        version: 1,
        category: 'farmland',
        periodKey: '2026-02',
        rows: Array(9).fill(row('丙丁', 'r2')),
      },
      { seriesId: 'c', version: 1, category: 'subsistence', periodKey: '2026-02', rows: [row('甲乙', 'r1')] },
    ],
    [],
  );
  expect(flags.changes).toEqual([]);
  expect(flags.duplicates).toEqual([
    { seriesId: 'b', category: 'farmland', periodKey: '2026-02', recipient: '丙丁', times: 9 },
  ]);
});
