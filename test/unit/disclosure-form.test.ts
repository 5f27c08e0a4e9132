import { disclosureInputs } from '../../cloudfunctions/common/contracts/disclosure';
import {
  contentOf,
  initialState,
  liveTotals,
  newRow,
  periodKeyOf,
  stateForPeriod,
  stateFromDetail,
  type FormState,
} from '../../src/features/disclosure/form/model';
import { at } from '../must';

const TODAY = new Date('2026-11-23T02:00:00.000Z');

function financeForm(): FormState {
  const s = initialState('finance', TODAY);
  return {
    ...s,
    title: '东岭村2026年10月财务收支公开',
    items: [
      { ...newRow('income'), category: '补助收入', amountText: '30,000', note: '运转经费', day: '8' },
      { ...newRow('expense'), category: '管理费用', amountText: '539.5', note: '办公用品', day: '' },
    ],
  };
}

describe('the publish form', () => {
  it('starts a finance disclosure on last month and other categories on last quarter', () => {
    expect(periodKeyOf(initialState('finance', TODAY))).toBe('2026-10');
    expect(periodKeyOf(initialState('affairs', TODAY))).toBe('2026-Q3');
    expect(periodKeyOf(initialState('finance', new Date('2026-01-05T02:00:00.000Z')))).toBe('2025-12');
  });

  it('turns yuan typed by a cadre into integer fen and days into dates of the month', () => {
    const { content, localErrors } = contentOf(financeForm());
    expect(localErrors).toEqual({});
    expect(content.items).toEqual([
      {
        direction: 'income',
        category: '补助收入',
        amountFen: 3_000_000,
        note: '运转经费',
        occurredOn: '2026-10-08',
      },
      { direction: 'expense', category: '管理费用', amountFen: 53_950, note: '办公用品' },
    ]);
    expect(liveTotals(financeForm().items)).toEqual({
      incomeFen: 3_000_000,
      expenseFen: 53_950,
      balanceFen: 2_946_050,
    });
  });

  it('passes the same schema the server applies', () => {
    const { content } = contentOf(financeForm());
    const r = disclosureInputs.publish.safeParse({
      requestId: 'req-000001',
      villageId: 'v-dongling',
      category: 'finance',
      ...content,
    });
    expect(r.success).toBe(true);
  });

  it('flags amounts that are not money and days not in the month, per row', () => {
    const s = financeForm();
    at(s.items, 0).amountText = '12.345';
    at(s.items, 1).day = '31';
    s.month = 11;
    expect(contentOf(s).localErrors).toEqual({
      'items.0.amountFen': '金额格式不对，例如 1234.50',
      'items.1.occurredOn': '日期应为 1 到 30 日',
    });
  });

  it('prefills a correction from the published version, amounts back in yuan', () => {
    const s = stateFromDetail({
      seriesId: 's1',
      villageId: 'v',
      category: 'finance',
      major: false,
      title: 't',
      periodKey: '2026-10',
      version: 2,
      firstPublishedAt: '',
      publishedAt: '',
      totals: null,
      daysLate: 0,
      body: '',
      attachments: [],
      items: [
        {
          direction: 'expense',
          category: '管理费用',
          amountFen: 123_456_78,
          note: 'n',
          occurredOn: '2026-10-05',
        },
      ],
      occurredOn: null,
      reason: null,
      publisherName: '',
      latestVersion: 2,
      versions: [],
    });
    expect(periodKeyOf(s)).toBe('2026-10');
    expect(s.items[0]).toMatchObject({ amountText: '123456.78', day: '5' });
    expect(at(contentOf(s).content.items, 0).amountFen).toBe(123_456_78);
  });
});

describe('a form opened for one missing period (an overdue line of 公开进度)', () => {
  it('starts on that month or quarter, not on last month', () => {
    expect(periodKeyOf(stateForPeriod('finance', '2026-09', TODAY))).toBe('2026-09');
    expect(periodKeyOf(stateForPeriod('party', '2026-Q2', TODAY))).toBe('2026-Q2');
    expect(periodKeyOf(stateForPeriod('affairs', '2026-08', TODAY))).toBe('2026-08');
    // A finance form never takes a quarter: it falls back to last month.
    expect(periodKeyOf(stateForPeriod('finance', '2026-Q3', TODAY))).toBe('2026-10');
  });
});
