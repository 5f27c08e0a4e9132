import type { Query, UpdateOps } from './port';

/** NeDB speaks Mongo's operators, so the port's query passes through unchanged. */
export function toNedbQuery(query: Query): Record<string, unknown> {
  return query as Record<string, unknown>;
}

export function toNedbUpdate(ops: UpdateOps): Record<string, unknown> {
  const u: Record<string, unknown> = {};
  if (ops.set && Object.keys(ops.set).length) u.$set = ops.set;
  if (ops.inc && Object.keys(ops.inc).length) u.$inc = ops.inc;
  if (ops.addToSet && Object.keys(ops.addToSet).length) u.$addToSet = ops.addToSet;
  if (ops.unset?.length) u.$unset = Object.fromEntries(ops.unset.map((f) => [f, true]));
  return u;
}
