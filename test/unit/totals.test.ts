import { byCategory, totalsOf } from '../../cloudfunctions/common/totals';

describe('finance totals in integer fen', () => {
  test('sums exactly where floating-point yuan would drift', () => {
    // 0.1 + 0.2 yuan, 10 000 times: floats lose cents, fen do not.
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      direction: 'income' as const,
      amountFen: i % 2 === 0 ? 10 : 20,
    }));
    const t = totalsOf(items);
    expect(t.incomeFen).toBe(150_000);
    expect(Number.isInteger(t.incomeFen)).toBe(true);
  });

  test('balance is income minus expense and may be negative', () => {
    expect(
      totalsOf([
        { direction: 'income', amountFen: 1_000_050 },
        { direction: 'expense', amountFen: 250_025 },
        { direction: 'expense', amountFen: 1_000_000 },
      ]),
    ).toEqual({ incomeFen: 1_000_050, expenseFen: 1_250_025, balanceFen: -249_975 });
  });

  test('no items: all zero', () => {
    expect(totalsOf([])).toEqual({ incomeFen: 0, expenseFen: 0, balanceFen: 0 });
  });

  test('large amounts stay exact', () => {
    const big = 99_999_999_999; // just under the contract's ceiling per item
    const t = totalsOf(
      Array.from({ length: 500 }, () => ({ direction: 'expense' as const, amountFen: big })),
    );
    expect(t.expenseFen).toBe(big * 500);
    expect(Number.isSafeInteger(t.expenseFen)).toBe(true);
  });
});

test('subtotals by account heading, largest first, income and expense kept apart', () => {
  const rows = byCategory([
    { direction: 'expense', category: '管理费用', amountFen: 960_000 },
    { direction: 'income', category: '补助收入', amountFen: 3_000_000 },
    { direction: 'expense', category: '管理费用', amountFen: 30_050 },
    { direction: 'expense', category: '公益支出', amountFen: 150_000 },
    { direction: 'income', category: '其他收入', amountFen: 990_000 },
  ]);
  expect(rows).toEqual([
    { direction: 'income', category: '补助收入', amountFen: 3_000_000, count: 1 },
    { direction: 'expense', category: '管理费用', amountFen: 990_050, count: 2 },
    { direction: 'income', category: '其他收入', amountFen: 990_000, count: 1 },
    { direction: 'expense', category: '公益支出', amountFen: 150_000, count: 1 },
  ]);
});
