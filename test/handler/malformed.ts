/**
 * Malformed inputs generated from an action's schema and a valid example: not an object at all,
 * each field missing, of another type, a huge string, an impossible date or month, negative or
 * fractional numbers, and the same one level down (first element of a list, fields of a nested
 * object). Only what the schema itself refuses is kept, so every case is malformed by contract.
 */
import type { z } from 'zod';

export type MalformedCase = [label: string, input: unknown];

/** Inputs that are not an object at all. */
export const NOT_OBJECTS: unknown[] = [null, 'text', 42, true, [], [{}]];

/** A value of another type than `v`, for probing one field at a time. */
export function wrongTypeFor(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'abc';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return 'not a list';
  return 7;
}

const HUGE = '长'.repeat(100_001);

/** Replacements for one value: [what it is, the replacement], or `undefined` for "missing". */
function variantsOf(key: string, v: unknown): [string, unknown][] {
  const out: [string, unknown][] = [
    ['missing', undefined],
    ['of another type', wrongTypeFor(v)],
    ['null', null],
  ];
  if (typeof v === 'string') {
    out.push(['a huge string', HUGE], ['empty', '']);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v))
      out.push(['an impossible day', '2026-02-30'], ['day 32', '2026-01-32']);
    if (/^\d{4}-\d{2}$/.test(v)) out.push(['month 13', '2026-13']);
    if (/^\d{4}-Q[1-4]$/.test(v)) out.push(['quarter 5', '2026-Q5']);
  }
  if (typeof v === 'number') {
    out.push(['negative', -1], ['fractional', v + 0.5], ['beyond any bound', 1e300]);
    if (/fen$/i.test(key)) out.push(['negative money', -100], ['money with a fraction of a fen', 10.5]);
  }
  return out;
}

function put(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(target)) {
    const copy = [...target];
    copy[head as number] = put(copy[head as number], rest, value);
    return copy;
  }
  const copy = { ...(target as Record<string, unknown>) };
  if (!rest.length && value === undefined) delete copy[head];
  else copy[head] = put(copy[head], rest, value);
  return copy;
}

/** Leaf and inner paths of a value, two levels deep (lists through their first element). */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  depth = 0,
): [(string | number)[], unknown][] {
  if (depth > 2 || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.length
      ? [[0, value[0]]]
      : []
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [
    [[...prefix, k], v] as [(string | number)[], unknown],
    ...pathsOf(v, [...prefix, k], depth + 1),
  ]);
}

/** Every malformed variant of `valid` that `schema` refuses, with a label naming it. */
export function malformedFrom(schema: z.ZodType, valid: Record<string, unknown>): MalformedCase[] {
  const cases: MalformedCase[] = NOT_OBJECTS.map((bad) => [`not an object: ${JSON.stringify(bad)}`, bad]);
  for (const [path, v] of pathsOf(valid)) {
    const key = String(path[path.length - 1]);
    for (const [what, replacement] of variantsOf(key, v)) {
      const input = put(valid, path, replacement);
      if (!schema.safeParse(input).success) cases.push([`${path.join('.')} ${what}`, input]);
    }
  }
  return cases;
}
