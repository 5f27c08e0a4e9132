import type { Scores, ScoringStandard } from './scoring';

/**
 * What changed between two versions of a standard, in words for the village whose draft moves
 * to the newer one. Pure.
 */

interface Titled {
  id: string;
  title: string;
  maxPoints: number;
}

export interface VersionedStandard extends ScoringStandard {
  version: number;
  sections: { id: string; title: string; items: Titled[] }[];
  bonus: { cap: number; items: Titled[] };
  vetoes: { id: string; title: string }[];
}

function listChanges(label: string, from: Titled[], to: Titled[]): string[] {
  const before = new Map(from.map((i) => [i.id, i]));
  const after = new Map(to.map((i) => [i.id, i]));
  const out: string[] = [];
  for (const i of to) {
    const b = before.get(i.id);
    if (!b) out.push(`新增${label}「${i.title}」（${i.maxPoints} 分）`);
    else if (b.maxPoints !== i.maxPoints)
      out.push(`「${i.title}」满分由 ${b.maxPoints} 分改为 ${i.maxPoints} 分`);
  }
  for (const i of from) if (!after.has(i.id)) out.push(`删除${label}「${i.title}」`);
  return out;
}

/** The changes that matter for scoring: items and bonus items added, removed or re-weighted; cap; vetoes. */
export function standardChanges(from: VersionedStandard, to: VersionedStandard): string[] {
  const items = (s: VersionedStandard) => s.sections.flatMap((x) => x.items);
  const out = [
    ...listChanges('评分项', items(from), items(to)),
    ...listChanges('加分项', from.bonus.items, to.bonus.items),
  ];
  if (from.bonus.cap !== to.bonus.cap) out.push(`加分上限由 ${from.bonus.cap} 分改为 ${to.bonus.cap} 分`);
  const vetoBefore = new Set(from.vetoes.map((v) => v.id));
  const vetoAfter = new Set(to.vetoes.map((v) => v.id));
  for (const v of to.vetoes) if (!vetoBefore.has(v.id)) out.push(`新增否决项「${v.title}」`);
  for (const v of from.vetoes) if (!vetoAfter.has(v.id)) out.push(`删除否决项「${v.title}」`);
  return out;
}

/**
 * The notice on a draft that moved to a newer version: which version, what changed, and which
 * of the village's scores are now above their item's maximum (they must be scored again).
 */
export function versionNotice(
  from: VersionedStandard,
  to: VersionedStandard,
  self: Pick<Scores, 'items' | 'bonus'>,
): string {
  const head = `镇纪委已将测评标准更新为第 ${to.version} 版（本表原按第 ${from.version} 版填写），已填写的分数、说明和证明材料均已保留，请逐项核对后再提交。`;
  const changes = standardChanges(from, to);
  const over = [
    ...to.sections.flatMap((s) => s.items).map((i) => ({ ...i, score: self.items[i.id] })),
    ...to.bonus.items.map((i) => ({ ...i, score: self.bonus[i.id] })),
  ]
    .filter((i) => i.score !== null && i.score !== undefined && i.score > i.maxPoints)
    .map((i) => `「${i.title}」自评 ${i.score} 分超过新的满分 ${i.maxPoints} 分，请重新评分`);
  return [head, changes.length ? `主要变化：${changes.join('；')}。` : '', over.join('；')]
    .filter(Boolean)
    .join('');
}
