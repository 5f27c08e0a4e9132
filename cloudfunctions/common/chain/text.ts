import { KIND_LABELS, type Finding, type Problem, type Verification } from './chain';
import { formatDayOf } from '../format';
import { inChina } from '../clock';

const PROBLEM_TEXT: Record<Problem, string> = {
  changed: '内容已被改动',
  deleted: '已被删除',
  entryAltered: '登记的次序或内容被改动',
  entriesMissing: '之前的登记有缺失',
};

/** '2026年3月' of an instant, China time. */
function monthOf(iso: string): string {
  return inChina(iso).format('YYYY年M月');
}

/** The one-line verdict the verify page leads with. */
export function verdictOf(v: Verification): string {
  if (v.count === 0) return '本村还没有公开记录';
  if (v.ok) return `自 ${monthOf(v.firstAt as string)}以来的 ${v.count} 条公开记录与指纹一致`;
  const n = v.findings.length + v.unmatched.length;
  return `发现 ${n} 处公开记录与指纹不一致`;
}

/** One finding in words: which record, what happened, since when. */
export function findingText(f: Finding): string {
  const version = f.version > 1 ? `（第${f.version}版）` : '';
  return `${KIND_LABELS[f.kind]}《${f.label}》${version}：${PROBLEM_TEXT[f.problem]}，自 ${formatDayOf(f.since)} 公开时起不再一致`;
}

export function unmatchedText(h: { seq: number; source?: string }): string {
  return `${h.source ?? '公布的指纹'}（第 ${h.seq} 条记录时）与重新计算的结果不一致：记录可能被整体改写`;
}
