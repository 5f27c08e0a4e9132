import { parseRoster, previewRoster } from '../../src/features/account/roster';
import { at } from '../must';

describe('roster rows pasted from a spreadsheet', () => {
  it('reads tab- or space-separated rows, skipping the header and blank lines', () => {
    const rows = parseRoster('姓名\t手机后四位\t身份\n马秀英\t3721\n\n吴德胜 9012 村民、村民代表\n');
    expect(rows.map((r) => [r.name, r.phoneLast4, r.roles, r.error])).toEqual([
      ['马秀英', '3721', ['resident'], null],
      ['吴德胜', '9012', ['resident', 'representative'], null],
    ]);
  });

  it('keeps the last four digits when a whole phone number was pasted', () => {
    expect(parseRoster('何志远\t138-1234-5408\t外出务工')[0]).toMatchObject({
      phoneLast4: '5408',
      roles: ['migrant'],
      error: null,
    });
  });

  it('marks rows that cannot be imported, with the line number and a Chinese reason', () => {
    const rows = parseRoster('李\t1234\n王小明\t12\n赵大海\t5566\t村长');
    expect(rows.map((r) => [r.line, r.error])).toEqual([
      [1, '姓名应为 2 到 20 个字'],
      [2, '手机号后四位应为 4 位数字'],
      [3, expect.stringContaining('不认识的身份“村长”')],
    ]);
  });
});

describe('the roster preview follows the import plan', () => {
  const sheet = ['马秀英\t3721', '吴德胜\t9012\t村民代表', '马秀英\t3721\t村民', '李\t1234'].join('\n');

  it('for a cadre: the 村民代表 row is refused with why, a repeat is imported once', () => {
    const rows = previewRoster(sheet, false);
    expect(rows.map((r) => [r.line, r.outcome])).toEqual([
      [1, 'import'],
      [2, 'refused'],
      [3, 'repeat'],
      [4, 'refused'],
    ]);
    expect(at(rows, 1).error).toContain('村民代表须由镇管理员导入');
    expect(at(rows, 2).error).toBe('与第1行是同一人，只导入一次');
  });

  it('for the town: 村民代表 may be imported', () => {
    expect(previewRoster(sheet, true).map((r) => r.outcome)).toEqual([
      'import',
      'import',
      'repeat',
      'refused',
    ]);
  });
});
