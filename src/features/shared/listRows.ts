/**
 * Row operations of a list editor, pure: each returns a new list and leaves every other row
 * (and its values) as it was.
 */

/** The list with row `index` changed by `patch`. */
export function patchRow<T>(rows: readonly T[], index: number, patch: Partial<T>): T[] {
  return rows.map((r, n) => (n === index ? { ...r, ...patch } : r));
}

/** The list without row `index`. */
export function removeRow<T>(rows: readonly T[], index: number): T[] {
  return rows.filter((_, n) => n !== index);
}

/** The list with row `index` moved by `delta` places (-1: up one); unchanged past either end. */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const out = [...rows];
  const [row] = out.splice(index, 1);
  out.splice(to, 0, row as T);
  return out;
}

/** The list with `row` added at the end. */
export function addRow<T>(rows: readonly T[], row: T): T[] {
  return [...rows, row];
}
