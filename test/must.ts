/**
 * Reading what a test needs to exist: a missing element fails the test with a message that says
 * what was missing, instead of a `TypeError` on `undefined` (or a `!` that hides it from the types).
 */

/** The value, or a test failure naming what was expected. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found ${String(value)}`);
  return value;
}

/** The element at `index` (negative counts from the end), or a test failure naming the length. */
export function at<T>(items: readonly T[], index: number, what = 'element'): T {
  const i = index < 0 ? items.length + index : index;
  if (i < 0 || i >= items.length)
    throw new Error(`expected ${what} at index ${index}, but there are only ${items.length}`);
  return items[i] as T;
}
