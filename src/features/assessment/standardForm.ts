import type { Schedule, SchemeInput, Standard, TierScheme } from '@common/contracts/assessment';
import { SchemeInput as SchemeSchema, StandardInput as StandardSchema } from '@common/contracts/assessment';

/**
 * View logic of the standard editor: the form's data (the shape the server takes), copying a
 * year's standard to the next, fresh ids for new rows and validation messages that say where.
 */

export interface ItemForm {
  id: string;
  title: string;
  maxPoints: number;
  guidance: string;
  auto?: 'disclosureTimeliness' | 'satisfaction' | 'publications';
}

export interface StandardForm {
  year: number;
  title: string;
  schemeId: string;
  ledgerSince: string;
  schedule: Schedule;
  sections: { id: string; title: string; items: ItemForm[] }[];
  bonus: { cap: number; items: { id: string; title: string; maxPoints: number; guidance: string }[] };
  vetoes: { id: string; title: string; guidance: string }[];
  units: { id: string; name: string }[];
}

export type SchemeForm = {
  id: string;
  name: string;
  tiers: { key: string; label: string; minScore: number; countsAsQinglian: boolean }[];
  vetoTier: string | null;
  targets: Record<string, { counts: Record<string, number>; floorTier?: string; keepPrevious: boolean }>;
};

export function defaultScheduleOf(year: number): Schedule {
  return { selfAssessBy: `${year}-06-25`, submitBy: `${year}-06-30`, reportBy: `${year}-07-10` };
}

/** An id not yet taken: `${prefix}1`, `${prefix}2`, … */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function allIds(f: StandardForm): string[] {
  return [
    ...f.sections.map((s) => s.id),
    ...f.sections.flatMap((s) => s.items.map((i) => i.id)),
    ...f.bonus.items.map((b) => b.id),
    ...f.vetoes.map((v) => v.id),
    ...f.units.map((u) => u.id),
  ];
}

export function emptyStandard(year: number, schemeId: string): StandardForm {
  return {
    year,
    title: `${year} 年度村级“清廉村居”建设指数标准`,
    schemeId,
    ledgerSince: `${year}-01`,
    schedule: defaultScheduleOf(year),
    sections: [
      {
        id: 'sec1',
        title: '',
        items: [{ id: 'item1', title: '', maxPoints: 10, guidance: '' }],
      },
    ],
    bonus: { cap: 5, items: [] },
    vetoes: [],
    units: [],
  };
}

export function formOf(s: Standard): StandardForm {
  return {
    year: s.year,
    title: s.title,
    schemeId: s.schemeId,
    ledgerSince: s.ledgerSince,
    schedule: { ...s.schedule },
    sections: s.sections.map((sec) => ({
      id: sec.id,
      title: sec.title,
      items: sec.items.map((i) => ({
        id: i.id,
        title: i.title,
        maxPoints: i.maxPoints,
        guidance: i.guidance,
        ...(i.auto ? { auto: i.auto } : {}),
      })),
    })),
    bonus: { cap: s.bonus.cap, items: s.bonus.items.map((b) => ({ ...b })) },
    vetoes: s.vetoes.map((v) => ({ ...v })),
    units: s.units.map((u) => ({ ...u })),
  };
}

/** Moves a 'YYYY-…' date or month into `year`, keeping month and day (Feb 29 becomes Feb 28). */
function moveToYear(key: string, from: number, year: number): string {
  const moved = `${Number(key.slice(0, 4)) - from + year}${key.slice(4)}`;
  return moved.endsWith('-02-29') && year % 4 !== 0 ? moved.replace(/-29$/, '-28') : moved;
}

/**
 * Last year's standard as the start of a new year's: the same sections, items, ids (so the
 * years compare item by item), bonus and veto items and units; the year in the title, the
 * schedule and the ledger's first month move to the new year.
 */
export function copyToYear(s: Standard, year: number): StandardForm {
  const f = formOf(s);
  return {
    ...f,
    year,
    title: f.title.split(String(s.year)).join(String(year)),
    ledgerSince: moveToYear(f.ledgerSince, s.year, year),
    schedule: {
      selfAssessBy: moveToYear(f.schedule.selfAssessBy, s.year, year),
      submitBy: moveToYear(f.schedule.submitBy, s.year, year),
      reportBy: moveToYear(f.schedule.reportBy, s.year, year),
    },
  };
}

export function maxBaseOf(f: Pick<StandardForm, 'sections'>): number {
  return f.sections.reduce(
    (s, sec) => s + sec.items.reduce((t, i) => t + (Number.isFinite(i.maxPoints) ? i.maxPoints : 0), 0),
    0,
  );
}

const n = (i: string | number) => Number(i) + 1;

/** Where a field of the standard is, in words: '第 2 部分「权力清源」第 3 项「…」的满分'. */
export function placeOf(f: StandardForm, path: readonly (string | number)[]): string {
  const [head, a, b, c, d] = path;
  const field = (k: unknown) =>
    ({
      title: '名称',
      maxPoints: '分值',
      guidance: '说明',
      id: '编号',
      name: '名称',
      cap: '加分上限',
    })[String(k)] ?? '';
  if (head === 'sections' && a !== undefined) {
    const sec = f.sections[Number(a)];
    const secName = `第 ${n(a)} 部分${sec?.title ? `「${sec.title}」` : ''}`;
    if (b === 'items' && c !== undefined) {
      const item = sec?.items[Number(c)];
      return `${secName}第 ${n(c)} 项${item?.title ? `「${item.title}」` : ''}的${field(d) || '内容'}`;
    }
    if (b === 'items') return `${secName}的评分项`;
    return `${secName}的${field(b) || '内容'}`;
  }
  if (head === 'sections') return '评分部分';
  if (head === 'bonus') {
    if (a === 'cap') return '加分上限';
    if (a === 'items' && b !== undefined) return `第 ${n(b)} 个加分项的${field(c) || '内容'}`;
    return '加分项';
  }
  if (head === 'vetoes' && a !== undefined) return `第 ${n(a)} 个否决项的${field(b) || '内容'}`;
  if (head === 'units' && a !== undefined) return `第 ${n(a)} 个责任单位的${field(b) || '内容'}`;
  if (head === 'schedule')
    return { selfAssessBy: '自评截止日期', submitBy: '报镇日期', reportBy: '报市日期' }[String(a)] ?? '日程';
  return (
    { title: '标准名称', year: '年度', schemeId: '定级办法', ledgerSince: '台账起始月份' }[String(head)] ??
    '内容'
  );
}

/** Every problem of the form, each saying where: the server applies the same schema. */
export function standardProblems(f: StandardForm): string[] {
  const r = StandardSchema.safeParse(f);
  if (r.success) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const i of r.error.issues) {
    const line = `${placeOf(f, i.path as (string | number)[])}：${i.message}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
  }
  return out;
}

export function schemeFormOf(s: TierScheme): SchemeForm {
  return {
    id: s.id,
    name: s.name,
    tiers: s.tiers.map((t) => ({ ...t })),
    vetoTier: s.vetoTier,
    targets: Object.fromEntries(
      Object.entries(s.targets).map(([y, t]) => [
        y,
        {
          counts: { ...t.counts },
          keepPrevious: t.keepPrevious,
          ...(t.floorTier ? { floorTier: t.floorTier } : {}),
        },
      ]),
    ),
  };
}

export function schemePlaceOf(f: SchemeForm, path: readonly (string | number)[]): string {
  const [head, a, b] = path;
  if (head === 'tiers' && a !== undefined) {
    const t = f.tiers[Number(a)];
    const what =
      { label: '名称', minScore: '分数线', countsAsQinglian: '是否认定为清廉村居', key: '编号' }[String(b)] ??
      '内容';
    return `第 ${n(a)} 档${t?.label ? `「${t.label}」` : ''}的${what}`;
  }
  if (head === 'tiers') return '定级档次';
  if (head === 'targets') return `${a ?? ''} 年度目标`;
  if (head === 'vetoTier') return '否决项对应档次';
  return head === 'name' ? '定级办法名称' : '内容';
}

export function schemeProblems(f: SchemeForm): string[] {
  const r = SchemeSchema.safeParse(f satisfies SchemeInput);
  if (r.success) return [];
  return [
    ...new Set(r.error.issues.map((i) => `${schemePlaceOf(f, i.path as (string | number)[])}：${i.message}`)),
  ];
}

/** What a person types as points ('8', '7.5', '８'), or NaN (the schema then says what is wrong). */
export function pointsOf(text: string): number {
  const t = text
    .trim()
    .replace(/[０-９．]/g, (d) => (d === '．' ? '.' : String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return /^\d{1,4}(\.\d+)?$/.test(t) ? Number(t) : NaN;
}
