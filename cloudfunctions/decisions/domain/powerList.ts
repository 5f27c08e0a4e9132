/**
 * 小微权力清单: the town's base catalogue (基本目录) and each village's own items (+X), the
 * negative list (负面清单) and the supervision key-points list, all kept as versioned items.
 * Searching is by shared two-character pieces, so a question in plain words ("低保怎么申请")
 * finds the item named "最低生活保障（低保）申请" without any word list of the item.
 */

/** Words of a question that say nothing about what is asked. */
const FILLER = [
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪里',
  '哪些',
  '需要',
  '可以',
  '我要',
  '我想',
  '办理',
  '请问',
  '要求',
];

function pieces(text: string): string[] {
  const chars = [...text.replace(/[\s\p{P}\p{S}]+/gu, ' ')];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (a === ' ' || b === ' ') continue;
    out.push(a + b);
  }
  return out;
}

/** The distinct two-character pieces of a question, without filler words. */
export function queryPieces(query: string): string[] {
  let q = query;
  for (const f of FILLER) q = q.split(f).join(' ');
  const ps = pieces(q.toLowerCase());
  // A single character ("保") still searches: as itself.
  if (ps.length === 0) {
    const one = q.replace(/\s+/g, '');
    return one ? [one] : [];
  }
  return [...new Set(ps)];
}

export interface Searchable {
  name: string;
  basis: string;
  keywords: string[];
  stepsText: string;
}

/**
 * How well an item answers a question: a piece in the name counts 3, in the keywords 2, in the
 * basis or the flow 1. Zero = not a match.
 */
export function searchScore(query: readonly string[], item: Searchable): number {
  const name = item.name.toLowerCase();
  const keywords = item.keywords.join(' ').toLowerCase();
  const rest = `${item.basis} ${item.stepsText}`.toLowerCase();
  let score = 0;
  for (const p of query) {
    if (name.includes(p)) score += 3;
    else if (keywords.includes(p)) score += 2;
    else if (rest.includes(p)) score += 1;
  }
  return score;
}

/** Items ordered by score (best first, then by name); items that do not match are left out. */
export function rank<T extends Searchable>(query: string, items: readonly T[]): T[] {
  const q = queryPieces(query);
  if (q.length === 0) return [...items];
  const scored = items.map((item) => ({ item, score: searchScore(q, item) })).filter((x) => x.score > 0);
  // Weak matches (one shared piece of the flow) only when nothing better is found.
  const best = Math.max(0, ...scored.map((x) => x.score));
  return scored
    .filter((x) => x.score * 3 >= best)
    .sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name, 'zh'))
    .map((x) => x.item);
}
