/** The embedded store's document model (matching, modifiers, ordering), used by `memory.ts`. */
declare module '@seald-io/nedb/lib/model' {
  export function match(doc: unknown, query: Record<string, unknown>): boolean;
  export function modify<T>(doc: T, update: Record<string, unknown>): T;
  export function checkObject(doc: unknown): void;
  export function getDotValue(doc: unknown, field: string): unknown;
  export function compareThings(a: unknown, b: unknown): number;
}
