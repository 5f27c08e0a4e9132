/**
 * The shared policy-table harness: who may call which action on which village, checked through
 * the real routers on a fresh copy of the demo town per call. A row lists, per persona, the
 * outcome of the action's valid example (test/handler/examples): `+` it succeeds, or the named
 * refusal, abbreviated when shared (R role, V village, B not bound, F not found).
 * The personas cover one village (东岭村: resident … supervisor), another village of the same
 * town (西河村's cadre), the town (镇纪委), a newcomer, and another town's admin.
 */
import type { FunctionName } from '../../cloudfunctions/common/contracts';
import { addOtherTown, DEMO, demoTown, type DemoPersona } from './demo-town';
import { exampleOf } from './examples';

export const PERSONAS = Object.keys(DEMO) as DemoPersona[];

const SHORT: Record<string, string> = {
  FORBIDDEN_ROLE: 'R',
  FORBIDDEN_VILLAGE: 'V',
  NOT_BOUND: 'B',
  NOT_FOUND: 'F',
};

/** A row as written in a table: `persona+` or `persona:CODE`, separated by spaces. */
export type Row = string;

/** What each persona gets calling `fn.action` with the action's valid example, as a row. */
export async function observedRow(fn: FunctionName, action: string): Promise<Row> {
  const example = exampleOf(fn, action);
  if (!example) throw new Error(`${fn}.${action} has no example in test/handler/examples/${fn}.ts`);
  const cells: string[] = [];
  for (const persona of PERSONAS) {
    const town = await demoTown();
    await addOtherTown(town);
    const input = typeof example.input === 'function' ? await example.input(town) : example.input;
    const r = await town.call(fn, persona, action, input);
    cells.push(r.ok ? `${persona}+` : `${persona}:${SHORT[r.code] ?? r.code}`);
  }
  return cells.join(' ');
}

/** A table's row normalised (whitespace), so rows may be wrapped in the source. */
export const row = (text: string): Row => text.trim().split(/\s+/).join(' ');
