import type { AutoValue } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { entryKey, type ReviewState, type SelfState, type SheetDoc, type StandardDoc } from './store';

/** What the audit says of an entry, and the checks a score and a submission must pass. */

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '未评分' : `${n} 分`);

export function describeSelf(
  kind: string,
  s: SelfState | undefined,
  autoPoints: number | null = null,
): string {
  if (!s) return '（空）';
  const head =
    kind === 'veto'
      ? s.applies
        ? '存在'
        : '不存在'
      : s.score === null && autoPoints !== null
        ? `采用系统计分（${autoPoints} 分）`
        : fmt(s.score);
  const parts = [head];
  if (s.note) parts.push(`说明：${s.note}`);
  if (s.evidence.length) parts.push(`证明材料 ${s.evidence.length} 个`);
  if (s.reason) parts.push(`理由：${s.reason}`);
  return parts.join('；');
}

export function describeReview(kind: string, r: ReviewState | undefined): string {
  if (!r) return '（空）';
  const head =
    kind === 'veto' ? (r.applies === null ? '未认定' : r.applies ? '存在' : '不存在') : fmt(r.score);
  return r.comment ? `${head}；意见：${r.comment}` : head;
}

export function titleOf(standard: StandardDoc, kind: string, id: string): string {
  if (kind === 'item') return standard.sections.flatMap((s) => s.items).find((i) => i.id === id)?.title ?? id;
  if (kind === 'bonus') return `加分项：${standard.bonus.items.find((i) => i.id === id)?.title ?? id}`;
  return `否决项：${standard.vetoes.find((i) => i.id === id)?.title ?? id}`;
}

export function maxOf(standard: StandardDoc, kind: string, id: string): number | null {
  if (kind === 'item')
    return standard.sections.flatMap((s) => s.items).find((i) => i.id === id)?.maxPoints ?? null;
  if (kind === 'bonus') return standard.bonus.items.find((i) => i.id === id)?.maxPoints ?? null;
  return standard.vetoes.some((v) => v.id === id) ? 0 : null;
}

export function checkScore(
  standard: StandardDoc,
  kind: string,
  id: string,
  score: number | null | undefined,
) {
  const max = maxOf(standard, kind, id);
  if (max === null) throw new DomainError('ITEM_NOT_IN_STANDARD');
  if (kind !== 'veto' && score !== null && score !== undefined && score > max) {
    throw new DomainError(
      'SCORE_ABOVE_MAX',
      `「${titleOf(standard, kind, id)}」满分 ${max} 分，得分不能超过满分`,
    );
  }
}

/**
 * Before submission: every score within its item's maximum (a newer version may have lowered
 * one), and no auto-scored item that differs from the data's final value without a reason.
 */
export function checkSubmittable(standard: StandardDoc, sheet: SheetDoc, auto: Record<string, AutoValue>) {
  for (const item of standard.sections.flatMap((s) => s.items)) {
    const s = sheet.self[entryKey('item', item.id)];
    if (!s || s.score === null) continue;
    checkScore(standard, 'item', item.id, s.score);
    const a = item.auto ? auto[item.id] : undefined;
    if (a && a.points !== null && s.score !== a.points && !s.reason) {
      throw new DomainError(
        'AUTO_SCORE_CHANGED',
        `「${item.title}」的系统计分已更新为 ${a.points} 分，与自评 ${s.score} 分不同：请清空自评分（采用系统计分），或填写调整理由后再提交`,
      );
    }
  }
  for (const b of standard.bonus.items) {
    const s = sheet.self[entryKey('bonus', b.id)];
    if (s && s.score !== null) checkScore(standard, 'bonus', b.id, s.score);
  }
}
