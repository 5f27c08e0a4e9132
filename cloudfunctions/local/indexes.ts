/**
 * The deploy step for the database's indexes: prints every collection's indexes, as declared in
 * `common/store/indexes.ts`, to create in the cloud database's console (each collection →
 * 索引管理 → 添加索引, fields ascending), or as JSON with `--json`. `--readme` writes the same
 * list into the README between its index markers (a test fails when the two differ).
 *
 *   npx tsx cloudfunctions/local/indexes.ts [--json | --readme]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDEXES } from '../common/store/indexes';

export const README_BEGIN = '<!-- indexes: generated from cloudfunctions/common/store/indexes.ts -->';
export const README_END = '<!-- /indexes -->';

/** Collections with indexes, by name. */
const indexed = () =>
  Object.entries(INDEXES)
    .filter(([, list]) => list.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));

/** The README's index list: one line per collection with indexes. */
export function indexListMarkdown(): string {
  const lines = indexed().map(
    ([name, list]) => `   - \`${name}\` ${list.map((fields) => `{${fields.join(', ')}}`).join(', ')}`,
  );
  return [README_BEGIN, ...lines, `   ${README_END}`].join('\n');
}

/** The README with its index list replaced by the declared one. */
export function withIndexList(readme: string): string {
  const from = readme.indexOf(README_BEGIN);
  const to = readme.indexOf(README_END);
  if (from < 0 || to < from) throw new Error('README has no index markers');
  return readme.slice(0, from) + indexListMarkdown() + readme.slice(to + README_END.length);
}

/** The indexes as data for a deployment tool: collection, fields, ascending. */
export function indexSpecs(): {
  collection: string;
  name: string;
  fields: { name: string; direction: 1 }[];
}[] {
  return indexed().flatMap(([collection, list]) =>
    list.map((fields) => ({
      collection,
      name: fields.join('_'),
      fields: fields.map((name) => ({ name, direction: 1 as const })),
    })),
  );
}

if (require.main === module) {
  const arg = process.argv[2];
  if (arg === '--json') {
    console.log(JSON.stringify(indexSpecs(), null, 2));
  } else if (arg === '--readme') {
    const path = join(__dirname, '..', '..', 'README.md');
    writeFileSync(path, withIndexList(readFileSync(path, 'utf8')));
  } else {
    for (const spec of indexSpecs())
      console.log(`${spec.collection}: ${spec.fields.map((f) => `${f.name} 升序`).join(', ')}`);
  }
}
