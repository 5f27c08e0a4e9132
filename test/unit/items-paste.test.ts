import { disclosureInputs } from '../../cloudfunctions/common/contracts/disclosure';
import {
  contentOf,
  initialState,
  liveTotals,
  newRow,
  type FormState,
} from '../../src/features/disclosure/form/model';
import {
  alreadyInForm,
  applyPasted,
  parsePastedItems,
  pastedTotals,
} from '../../src/features/disclosure/form/paste';
import { at } from '../must';

const OCTOBER = { year: 2026, month: 10 };
const TODAY = new Date('2026-11-23T02:00:00.000Z');

/** 东岭村's October books as copied from an Excel sheet: cells separated by tabs. */
const MONTH = [
  '收支\t科目\t金额（元）\t摘要\t日期',
  '收入\t补助收入\t30,000.00\t镇拨付村级组织运转经费\t2026/10/8',
  '收入\t发包及上交收入\t12,600.00\t东岭鱼塘发包款（第三季度）\t2026/10/9',
  '收入\t经营收入\t4,350.00\t村集体厂房租金（10月）\t2026/10/1',
  '收入\t经营收入\t2,180.50\t村集体仓库租金\t2026/10/1',
  '收入\t投资收益\t8,826.34\t村股份经济合作社分红\t2026/10/20',
  '收入\t其他收入\t136.72\t银行存款利息\t2026/10/21',
  '收入\t补助收入\t５，０００．００\t美丽乡村建设以奖代补资金\t２０２６/１０/１５',
  '收入\t发包及上交收入\t3,200.00\t山林承包费\t2026/10/12',
  '支出\t管理费用\t1,280.00\t村干部误工补贴\t2026/10/31',
  '支出\t管理费用\t539.50\t办公用品\t2026/10/10',
  '支出\t管理费用\t¥416.30\t电费（村部）\t2026/10/16',
  '支出\t管理费用\t88.00\t水费（村部）\t2026/10/16',
  '支出\t管理费用\t120元\t电话及网络费\t2026/10/5',
  '支出\t管理费用\t356.00\t报刊订阅\t2026/10/11',
  '支出\t公益支出\t6,850.00\t村内道路保洁（10月）\t2026/10/31',
  '',
  '支出\t公益支出\t2,416.80\t路灯维修更换 12 盏\t2026/10/13',
  '支出\t公益支出\t1,520.00\t垃圾清运\t2026/10/25',
  '支出\t公益支出\t3,980.00\t文化礼堂设备维护\t2026/10/22',
  '支出\t公益支出\t980.00\t老年协会重阳节慰问\t2026/10/29',
  '支出\t公益支出\t12,450.00\t水渠清淤及护坡修复\t2026/10/18',
  '支出\t招待费\t300.00\t接待\t2026/10/9',
  '支出\t经营支出\t1,860.00\t厂房屋顶修补\t2026/10/7',
  '支出\t经营支出\t460.00\t仓库消防器材更换\t2026/10/7',
  '支出\t其他支出\t35.00\t银行手续费\t2026/10/21',
  '支出\t其他支出\t600.00\t防汛物资（编织袋、雨衣）\t2026/10/3',
  '支\t管理费用\t240.00\t会议茶水\t10月14日',
  '支\t公益支出\t1,150.00\t绿化补植\t10月24日',
  '收\t补助收入\t2,000.00\t党组织服务群众经费\t',
  '\t管理费用\t95.60\t快递及复印\t',
  '\t补助收入\t1,500.00\t护林员补助（上级）\t2026/10/28',
  '支出\t公益支出\t760.00\t村务公开栏更新\t2026/10/30',
  '本月合计\t\t106,299.76\t\t',
].join('\r\n');

/** Sums of the 30 good rows above, added up by hand in fen. */
const MONTH_INCOME_FEN = 6_979_356;
const MONTH_EXPENSE_FEN = 3_619_720;

describe('收支明细 pasted from Excel', () => {
  const { rows, skipped } = parsePastedItems(MONTH, OCTOBER);
  const good = rows.filter((r) => !r.error);

  it('reads a whole month: 30 entries, the header and the 合计 line skipped, one bad row named by its line', () => {
    expect(good).toHaveLength(30);
    expect(skipped).toEqual([
      { line: 1, reason: '表头，已跳过' },
      { line: 34, reason: '合计行，已跳过（合计会自动计算）' },
    ]);
    expect(rows.filter((r) => r.error)).toEqual([
      expect.objectContaining({ line: 23, error: expect.stringContaining('不认识的科目“招待费”') }),
    ]);
    // Line numbers follow the pasted text, blank line included.
    expect(rows.find((r) => r.note === '路灯维修更换 12 盏')?.line).toBe(18);
  });

  it('turns each amount into integer fen, full-width digits and ¥ or 元 included', () => {
    const fenOf = (note: string) => rows.find((r) => r.note === note)?.amountFen;
    expect(fenOf('镇拨付村级组织运转经费')).toBe(3_000_000);
    expect(fenOf('美丽乡村建设以奖代补资金')).toBe(500_000);
    expect(fenOf('电费（村部）')).toBe(41_630);
    expect(fenOf('电话及网络费')).toBe(12_000);
    expect(fenOf('村股份经济合作社分红')).toBe(882_634);
    expect(pastedTotals(rows)).toEqual({
      incomeFen: MONTH_INCOME_FEN,
      expenseFen: MONTH_EXPENSE_FEN,
      balanceFen: MONTH_INCOME_FEN - MONTH_EXPENSE_FEN,
    });
  });

  it('reads 收/支 for the direction and infers a missing one from the 科目', () => {
    const byNote = (note: string) => rows.find((r) => r.note === note);
    expect(byNote('会议茶水')).toMatchObject({ direction: 'expense', category: '管理费用' });
    expect(byNote('党组织服务群众经费')).toMatchObject({ direction: 'income', occurredOn: null });
    expect(byNote('快递及复印')).toMatchObject({ direction: 'expense', category: '管理费用', error: null });
    expect(byNote('护林员补助（上级）')).toMatchObject({ direction: 'income', category: '补助收入' });
  });

  it('resolves dates inside the month: 2026/10/8, full-width digits, 10月14日', () => {
    const dateOf = (note: string) => rows.find((r) => r.note === note)?.occurredOn;
    expect(dateOf('镇拨付村级组织运转经费')).toBe('2026-10-08');
    expect(dateOf('美丽乡村建设以奖代补资金')).toBe('2026-10-15');
    expect(dateOf('会议茶水')).toBe('2026-10-14');
  });

  it('appends to a new form and passes the schema the server applies, totals to the fen', () => {
    const s: FormState = { ...initialState('finance', TODAY), title: '东岭村2026年10月财务收支公开' };
    const items = applyPasted(s.items, rows, 'append');
    // The two empty rows a new form opens with are not kept.
    expect(items).toHaveLength(30);
    expect(liveTotals(items)).toEqual(pastedTotals(rows));
    const { content, localErrors } = contentOf({ ...s, items });
    expect(localErrors).toEqual({});
    const parsed = disclosureInputs.publish.safeParse({
      requestId: 'req-000001',
      villageId: 'v-dongling',
      category: 'finance',
      ...content,
    });
    expect(parsed.success).toBe(true);
    expect(content.items.find((i) => i.note === '会议茶水')).toEqual({
      direction: 'expense',
      category: '管理费用',
      amountFen: 24_000,
      note: '会议茶水',
      occurredOn: '2026-10-14',
    });
  });
});

describe('text that is not quite a spreadsheet', () => {
  it('accepts several spaces, commas (quoted or not) and full-width commas between columns', () => {
    const text = [
      '支出   管理费用   539.50   办公用品   10',
      '支出,公益支出,"1,234.50",路灯维修,2026-10-05',
      '支出,公益支出,2,416.80,路灯更换,5',
      '收入，补助收入，３０００，运转经费，１０月８日',
      '支出 管理费用 88 村部 水费 16日',
    ].join('\n');
    const rows = parsePastedItems(text, OCTOBER).rows;
    expect(rows.map((r) => [r.direction, r.category, r.amountFen, r.note, r.occurredOn, r.error])).toEqual([
      ['expense', '管理费用', 53_950, '办公用品', '2026-10-10', null],
      ['expense', '公益支出', 123_450, '路灯维修', '2026-10-05', null],
      ['expense', '公益支出', 241_680, '路灯更换', '2026-10-05', null],
      ['income', '补助收入', 300_000, '运转经费', '2026-10-08', null],
      ['expense', '管理费用', 8_800, '村部 水费', '2026-10-16', null],
    ]);
  });

  it('keeps a 摘要 that Excel quoted because it holds a line break, and counts its lines', () => {
    const text = '支出\t公益支出\t500\t"路灯维修\n东头两盏"\t5\n支出\t公益支出\t12,345\t垃圾清运\t6';
    const rows = parsePastedItems(text, OCTOBER).rows;
    expect(rows.map((r) => [r.line, r.note, r.amountFen])).toEqual([
      [1, '路灯维修 东头两盏', 50_000],
      [3, '垃圾清运', 1_234_500],
    ]);
  });

  it('reads the columns of a ledger by its header: 日期 摘要 科目 收入 支出, extra columns ignored', () => {
    const text = [
      '日期\t凭证号\t摘要\t科目\t收入\t支出\t余额',
      '10月8日\t记-01\t运转经费\t补助收入\t30,000.00\t\t30,000.00',
      '10月10日\t记-02\t办公用品\t管理费用\t\t539.50\t29,460.50',
      '10月11日\t记-03\t两列都有\t管理费用\t10\t20\t',
    ].join('\n');
    const rows = parsePastedItems(text, OCTOBER).rows;
    expect(rows.slice(0, 2).map((r) => [r.direction, r.category, r.amountFen, r.note, r.occurredOn])).toEqual(
      [
        ['income', '补助收入', 3_000_000, '运转经费', '2026-10-08'],
        ['expense', '管理费用', 53_950, '办公用品', '2026-10-10'],
      ],
    );
    expect(at(rows, 2).error).toContain('收入和支出两列都有金额');
  });

  it('accepts a heading written short when it is clear which one is meant', () => {
    const rows = parsePastedItems('补助\t1000\n管理费\t20\n公益\t30\n收入\t经营\t40\n经营\t50', OCTOBER).rows;
    expect(rows.map((r) => [r.category || null, r.direction, r.error])).toEqual([
      ['补助收入', 'income', null],
      ['管理费用', 'expense', null],
      ['公益支出', 'expense', null],
      ['经营收入', 'income', null],
      ['经营', null, '科目“经营”不明确，请写经营收入或经营支出'],
    ]);
  });
});

describe('rows that cannot be added', () => {
  const errorOf = (line: string, period: { year: number; month: number | null } = OCTOBER) =>
    at(parsePastedItems(line, period).rows, 0).error;

  it('explains, in Chinese, what is wrong with the direction, the 科目 and the amount', () => {
    expect(errorOf('收入\t管理费用\t100')).toBe('“管理费用”是支出科目，与“收入”不符');
    expect(errorOf('报销\t管理费用\t100')).toBe('收支应写“收入”或“支出”，不认识“报销”');
    expect(errorOf('支出\t\t100')).toBe('请填写科目');
    expect(errorOf('支出\t管理费用\t')).toBe('请填写金额');
    expect(errorOf('支出\t管理费用\t12.345')).toBe('金额“12.345”格式不对，例如 1234.50');
    expect(errorOf('支出\t管理费用\t-50')).toContain('金额不能为负数');
    expect(errorOf('支出\t管理费用\t0')).toBe('金额必须大于 0');
    expect(errorOf(`支出\t管理费用\t5\t${'很'.repeat(101)}`)).toBe('摘要不超过 100 个字');
  });

  it('refuses a date outside the disclosure month or not on the calendar', () => {
    expect(errorOf('支出\t管理费用\t100\t办公\t2026-09-30')).toBe(
      '日期 2026-09-30 不在公开期间（2026年10月）内',
    );
    expect(errorOf('支出\t管理费用\t100\t办公\t11月2日')).toBe(
      '日期 2026-11-02 不在公开期间（2026年10月）内',
    );
    expect(errorOf('支出\t管理费用\t100\t办公\t31', { year: 2026, month: 11 })).toBe(
      '11月没有31日（1 到 30 日）',
    );
    expect(errorOf('支出\t管理费用\t100\t办公\t上旬')).toContain('日期“上旬”看不懂');
    expect(errorOf('支出\t管理费用\t100\t办公\t5', { year: 2026, month: null })).toBe('请先选择公开月份');
  });

  it('reads a date cell that came as an Excel date number or with a time of day', () => {
    const rows = parsePastedItems(
      '支出\t管理费用\t1\ta\t46300\n支出\t管理费用\t1\tb\t2026/10/5 0:00',
      OCTOBER,
    ).rows;
    expect(rows.map((r) => [r.occurredOn, r.error])).toEqual([
      ['2026-10-05', null],
      ['2026-10-05', null],
    ]);
  });

  it('gives every reason of a row at once', () => {
    expect(errorOf('支出\t招待费\tabc\t接待\t40')).toBe(
      [
        '不认识的科目“招待费”（收入科目：经营收入、发包及上交收入、投资收益、补助收入、其他收入；支出科目：经营支出、管理费用、公益支出、其他支出）',
        '金额“abc”格式不对，例如 1234.50',
        '10月没有40日（1 到 31 日）',
      ].join('；'),
    );
  });
});

describe('taking the pasted rows into the form', () => {
  const filled = [
    { ...newRow('income'), category: '补助收入', amountText: '30000', note: '运转经费', day: '8' },
    newRow('expense'),
  ];
  const { rows } = parsePastedItems(
    '收入\t补助收入\t30,000.00\t运转经费\t2026/10/8\n支出\t管理费用\t539.5\t办公用品\t10\n支出\t招待费\t1\tx\t1',
    OCTOBER,
  );

  it('appends the good rows after the rows already filled in, or replaces them all', () => {
    const appended = applyPasted(filled, rows, 'append');
    expect(appended.map((r) => [r.direction, r.category, r.amountText, r.note, r.day])).toEqual([
      ['income', '补助收入', '30000', '运转经费', '8'],
      ['income', '补助收入', '30000.00', '运转经费', '8'],
      ['expense', '管理费用', '539.50', '办公用品', '10'],
    ]);
    expect(new Set(appended.map((r) => r.key)).size).toBe(3);
    expect(applyPasted(filled, rows, 'replace').map((r) => r.note)).toEqual(['运转经费', '办公用品']);
  });

  it('notices entries that the form already holds, so a month is not pasted twice', () => {
    expect(alreadyInForm(filled, rows)).toBe(1);
    expect(alreadyInForm(applyPasted(filled, rows, 'append'), rows)).toBe(2);
  });
});
