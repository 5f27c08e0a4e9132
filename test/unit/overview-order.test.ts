import { firstGapDueOn, overviewKeyOf } from '../../cloudfunctions/disclosure/domain/overviewOrder';

const TODAY = '2026-11-23';
const finance = (months: number) =>
  Array.from({ length: months }, (_, m) => ({
    category: 'finance' as const,
    periodKey: `2026-${String(m + 1).padStart(2, '0')}`,
    major: false,
  }));
const quarters = (category: 'affairs' | 'party', qs: string[]) =>
  qs.map((q) => ({ category, periodKey: `2026-${q}`, major: false }));

test.each([
  ['nothing published: January’s finance', [], '2026-02-10'],
  ['finance up to October, no village affairs: the first quarter’s', finance(10), '2026-04-10'],
  [
    'everything up to October: November’s finance, not yet due',
    [...finance(10), ...quarters('affairs', ['Q1', 'Q2', 'Q3']), ...quarters('party', ['Q1', 'Q2', 'Q3'])],
    '2026-12-10',
  ],
  [
    'a month of village affairs counts for its quarter; a major matter counts for none',
    [
      ...finance(10),
      { category: 'affairs' as const, periodKey: '2026-02', major: false },
      { category: 'affairs' as const, periodKey: '2026-Q2', major: true },
      ...quarters('party', ['Q1', 'Q2', 'Q3']),
    ],
    '2026-07-10',
  ],
])('%s', (_, published, due) => {
  expect(firstGapDueOn('2026-01', TODAY, published)).toBe(due);
});

test('only the window counts: a gap older than 24 months is not looked for', () => {
  expect(firstGapDueOn('2020-01', TODAY, [])).toBe('2024-12-10');
});

test('keys sort worst first, then by village', () => {
  const keys = [
    overviewKeyOf('v-b', '2026-12-10'),
    overviewKeyOf('v-a', '2026-12-10'),
    overviewKeyOf('v-c', '2026-02-10'),
  ].sort();
  expect(keys).toEqual(['2026-02-10.v-c', '2026-12-10.v-a', '2026-12-10.v-b']);
});
