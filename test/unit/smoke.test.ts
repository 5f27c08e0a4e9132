import { totalsOf } from '../../cloudfunctions/disclosure/domain/totals';

test('totals of a month: income minus expense, in fen', () => {
  expect(
    totalsOf([
      { direction: 'income', amountFen: 1_000_050 },
      { direction: 'expense', amountFen: 250_025 },
    ]),
  ).toEqual({ incomeFen: 1_000_050, expenseFen: 250_025, balanceFen: 750_025 });
});
