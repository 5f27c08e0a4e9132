/**
 * Indexes as data: one declaration (`common/store/indexes.ts`) read by the README's list, the
 * deploy step and the embedded store. (The handler tests' queries are checked against it by
 * test/setup/served-queries.ts.)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEXES, isServed, servingIndex } from '../../cloudfunctions/common/store/indexes';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { indexSpecs, withIndexList } from '../../cloudfunctions/local/indexes';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

test("the README's index list is the declared one", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  // `npx tsx cloudfunctions/local/indexes.ts --readme` writes it.
  expect(readme).toEqual(withIndexList(readme));
  expect(readme).toContain('- `surveyAnswers` {roundId, indicatorId, option}');
});

test('every collection the functions name is declared (with its indexes, or none when read by _id only)', () => {
  const named = new Set<string>();
  for (const file of sources(join(ROOT, 'cloudfunctions')))
    for (const m of readFileSync(file, 'utf8').matchAll(/\.collection<\w+>\('(\w+)'\)/g))
      named.add(m[1] as string);
  expect(named.size).toBeGreaterThan(40);
  expect([...named].filter((n) => !(n in INDEXES)).sort()).toEqual([]);
});

test('the deploy step lists every declared index once, fields ascending', () => {
  const specs = indexSpecs();
  const declared = Object.values(INDEXES).reduce((n, list) => n + list.length, 0);
  expect(specs).toHaveLength(declared);
  expect(specs).toContainEqual({
    collection: 'surveyRounds',
    name: 'townId_status',
    fields: [
      { name: 'townId', direction: 1 },
      { name: 'status', direction: 1 },
    ],
  });
});

test('a query is served when it narrows by an index’s leading field, or by _id', () => {
  expect(servingIndex('disclosures', { villageId: 'v', category: 'finance' })).toEqual([
    'villageId',
    'periodSort',
  ]);
  expect(servingIndex('surveyAnswers', { _id: 'x', option: null })).toEqual(['_id']);
  // Only the second field of an index: the database would scan.
  expect(isServed('disclosures', { periodSort: { $gte: 202601 } })).toBe(false);
  expect(isServed('users', {})).toBe(false);
  expect(isServed('towns', {})).toBe(true);
});

test('the embedded store creates the declared indexes (leading fields) when it opens a collection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'indexes-'));
  try {
    const store = nedbStore(dir);
    await store.collection('oversightItems').insert({ _id: 'a' });
    await store.close();
    const made = readFileSync(join(dir, 'oversightItems.db'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { $$indexCreated?: { fieldName: string } })
      .flatMap((d) => (d.$$indexCreated ? [d.$$indexCreated.fieldName] : []));
    expect(made.sort()).toEqual(['reporterId', 'seriesId', 'state', 'villageId']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
