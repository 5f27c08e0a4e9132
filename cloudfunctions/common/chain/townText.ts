import { formatDate } from '../format';
import type { TownFinding, TownVerification } from './town';

/** The one-line verdict of a town's daily chain. */
export function townVerdictOf(v: TownVerification): string {
  if (v.count === 0) return '本镇还没有每日指纹';
  if (v.ok) return `自 ${formatDate(v.firstDay as string)}以来的 ${v.count} 个每日指纹与各村公开记录一致`;
  return `发现 ${v.findings.length} 处每日指纹与各村公开记录不一致`;
}

/** One finding in words: which day, which village. */
export function townFindingText(f: TownFinding): string {
  const day = formatDate(f.day);
  if (f.problem === 'entryAltered') return `${day}的每日指纹登记被改动`;
  return `${f.villageName ?? ''}的公开记录与镇里${day}记下的指纹不一致：该村记录在此之前被改写`;
}
