/** A register pasted from Excel or WPS: columns by header, row errors explained by line. */
import { parseRegisterPaste } from '../../src/features/assets/paste';

test('cells from Excel (tabs) with the exported header read back as the same items', () => {
  const text = [
    '东岭村集体三资登记簿（截至2026年11月23日）',
    '编号\t名称\t类别\t三资分类\t位置\t取得日期\t原值或余额（元）\t面积（亩）\t状态',
    'ZY-001\t村东鱼塘\t鱼塘水面\t资源\t村东\t2012-03-01\t\t30.00\t出租（发包）',
    'ZC-002\t拖拉机\t机械设备\t资产\t农机库\t2019/4/8\t68,000.00\t\t在用',
    'ZJ-001\t基本存款账户\t银行账户\t资金\t农商银行\t2012年3月1日\t365421.00\t\t在用',
  ].join('\n');
  const rows = parseRegisterPaste(text);
  expect(rows.map((r) => r.error)).toEqual([null, null, null]);
  expect(rows.map((r) => r.item)).toEqual([
    expect.objectContaining({
      code: 'ZY-001',
      category: 'pond',
      areaHundredths: 3000,
      valueFen: 0,
      status: 'leased',
    }),
    expect.objectContaining({
      code: 'ZC-002',
      category: 'equipment',
      valueFen: 6_800_000,
      acquiredOn: '2019-04-08',
    }),
    expect.objectContaining({
      code: 'ZJ-001',
      category: 'account',
      valueFen: 36_542_100,
      areaHundredths: null,
    }),
  ]);
});

test('each bad row says why, by its line; columns without a header follow the default order (tabs keep empty cells)', () => {
  const rows = parseRegisterPaste(
    [
      'ZY-002\t村南耕地\t耕地\t村南\t2012-03-01\t\t-5\t在用',
      'ZY-003\t后山林地\t林地\t后山\t2012-02-30\t\t120\t在用',
      'ZY-004  水塘  鱼池  村北  2012-03-01  0  8  在用',
      'ZC-005\t仓库\t厂房\t村北\t2012-03-01\t\t\t在用',
    ].join('\n'),
  );
  expect(rows.map((r) => [r.line, r.error])).toEqual([
    [1, '面积不能为负数'],
    [2, '取得日期写法如 2010-05-01'],
    [3, expect.stringContaining('类别“鱼池”不认识')],
    [4, '资产类须填写原值'],
  ]);
});
