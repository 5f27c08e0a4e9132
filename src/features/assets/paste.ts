import {
  ITEM_CATEGORY_LABELS,
  ITEM_STATUS_LABELS,
  parseMu,
  type ItemCategory,
  type ItemStatus,
  KIND_OF_CATEGORY,
} from '@common/contracts/assets';
import { parseYuan } from '@common/money';

/**
 * A register pasted from a spreadsheet (Excel, WPS copy cells separated by tabs) or typed with
 * several spaces or commas between cells, one item per line: 编号, 名称, 类别, 位置, 取得日期,
 * 原值或余额（元）, 面积（亩）, 状态. A header row is skipped, and when it names the columns their
 * order is taken from it, so the exported register pastes back as it is.
 */

export interface PastedItem {
  code: string;
  name: string;
  category: ItemCategory;
  location: string;
  acquiredOn: string;
  valueFen: number;
  areaHundredths: number | null;
  /** A register lists what the village holds: a disposal is a change entry, never pasted. */
  status: Exclude<ItemStatus, 'disposed'>;
}

export interface PastedRow {
  /** Line of the pasted text (1-based), as the cadre sees it. */
  line: number;
  item: PastedItem | null;
  /** Why the row cannot be imported, in Chinese; null for a good row. */
  error: string | null;
}

type Col = 'code' | 'name' | 'category' | 'location' | 'date' | 'value' | 'area' | 'status' | 'skip';

const DEFAULT_ORDER: Col[] = ['code', 'name', 'category', 'location', 'date', 'value', 'area', 'status'];

const HEADER: Record<string, Col> = {
  编号: 'code',
  资产编号: 'code',
  名称: 'name',
  资产名称: 'name',
  类别: 'category',
  三资分类: 'skip',
  位置: 'location',
  坐落: 'location',
  取得日期: 'date',
  日期: 'date',
  原值: 'value',
  '原值或余额（元）': 'value',
  '原值（元）': 'value',
  余额: 'value',
  面积: 'area',
  '面积（亩）': 'area',
  状态: 'status',
};

/** Each label read back as its value ('房屋' -> 'building'), the words a sheet may use besides. */
function wordsOf<T extends string>(
  labels: Record<T, string>,
  more: Record<string, NoInfer<T>>,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [value, label] of Object.entries(labels) as [T, string][]) out[label] = value;
  return { ...out, ...more };
}

const CATEGORY_WORDS = wordsOf(ITEM_CATEGORY_LABELS, {
  账户: 'account',
  存款: 'account',
  房屋: 'building',
  厂房: 'building',
  办公楼: 'building',
  设备: 'equipment',
  农机: 'equipment',
  机械: 'equipment',
  设施: 'facility',
  耕地: 'land',
  土地: 'land',
  鱼塘: 'pond',
  水面: 'pond',
  山林: 'forest',
  林地: 'forest',
});

const STATUS_WORDS = wordsOf(ITEM_STATUS_LABELS, {
  出租: 'leased',
  发包: 'leased',
  承包: 'leased',
  使用: 'inUse',
  '': 'inUse',
});

function cellsOf(line: string): string[] {
  const raw = line.includes('\t') ? line.split('\t') : line.trim().split(/\s{2,}|[,，]/);
  return raw.map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** '2010-05-01', '2010/5/1', '2010.5.1', '2010年5月1日' -> '2010-05-01'; null when not a day. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function rowOf(cells: string[], order: Col[], line: number): PastedRow {
  const get = (c: Col) => {
    const i = order.indexOf(c);
    return i < 0 ? '' : (cells[i] ?? '');
  };
  const fail = (error: string): PastedRow => ({ line, item: null, error });
  const code = get('code');
  if (!/^[A-Za-z0-9-]{1,20}$/.test(code)) return fail('编号应为 1-20 位字母、数字或短横线');
  const name = get('name');
  if (name.length < 2) return fail('名称至少 2 个字');
  const category = CATEGORY_WORDS[get('category')];
  if (!category)
    return fail(`类别“${get('category')}”不认识，可写：鱼塘、耕地、林地、厂房、农机、设施、账户`);
  const acquiredOn = parseDay(get('date'));
  if (!acquiredOn) return fail('取得日期写法如 2010-05-01');
  const kind = KIND_OF_CATEGORY[category];
  const valueText = get('value');
  const valueFen = valueText === '' ? 0 : parseYuan(valueText.replace(/^-/, ''));
  if (valueFen === null) return fail('金额最多两位小数');
  const areaText = get('area');
  const areaHundredths = areaText === '' ? null : parseMu(areaText);
  if (areaText !== '' && areaHundredths === null) return fail('面积以亩为单位，最多两位小数');
  if (kind === 'resources' && !areaHundredths) return fail('资源类须填写面积（亩）');
  if (areaHundredths !== null && areaHundredths < 0) return fail('面积不能为负数');
  if (valueText.startsWith('-')) return fail('金额不能为负数');
  if (kind === 'assets' && valueFen === 0) return fail('资产类须填写原值');
  const status = STATUS_WORDS[get('status')];
  if (!status || status === 'disposed') return fail('状态可写：在用、闲置、出租');
  const held: Exclude<ItemStatus, 'disposed'> = status;
  return {
    line,
    error: null,
    item: {
      code,
      name,
      category,
      location: get('location'),
      acquiredOn,
      valueFen,
      areaHundredths: kind === 'resources' ? areaHundredths : null,
      status: held,
    },
  };
}

export function parseRegisterPaste(text: string): PastedRow[] {
  let order = DEFAULT_ORDER;
  const rows: PastedRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const cells = cellsOf(raw);
    const named = cells.map((c) => HEADER[c.replace(/\s/g, '')]);
    if (named.filter(Boolean).length >= 3) {
      order = named.map((c) => c ?? 'skip');
      return;
    }
    // A title line above the table (one cell, or one merged across: 东岭村集体三资登记簿).
    if (new Set(cells.filter(Boolean)).size === 1 && !rows.length) return;
    rows.push(rowOf(cells, order, i + 1));
  });
  return rows;
}
