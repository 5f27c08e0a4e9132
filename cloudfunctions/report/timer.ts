import { chinaMonthKey, inChina } from '../common/clock';
import type { Env } from '../common/router';
import { addMonths } from '../disclosure/domain/periods';
import { STALE_DRAFT_DAYS } from './actions';
import { draftAllReports } from './compose';
import { runDeliveries, type RunReport } from './delivery';
import { staleCutoff } from './domain/compose';
import { reportsOf } from './store';

/** Under WeChat's 60 s limit, with room for drafting and the last sends to finish. */
export const TIMER_DELIVERY_BUDGET_MS = 40_000;

export interface TickReport {
  drafted: { month: string; villages: number; created: number; skipped: boolean } | null;
  flagged: number;
  delivery: RunReport | null;
}

/** Recognises WeChat's timer event ({ Type: 'timer', TriggerName, Time }). */
export function isTimerEvent(event: unknown): boolean {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  return (
    !!e &&
    typeof e === 'object' &&
    String(e.Type).toLowerCase() === 'timer' &&
    typeof e.TriggerName === 'string'
  );
}

/**
 * What the report function's one timer trigger does on every tick (config.json: every
 * 5 minutes): after 06:00 China time on the 1st, draft every village's report of the month
 * that just closed (once); flag drafts left unpublished too long; resume deliveries.
 */
export async function runTick(
  env: Env,
  opts: { owner: string; budgetMs?: number } = { owner: 'timer' },
): Promise<TickReport> {
  const now = env.clock.now();
  const china = inChina(now);
  const report: TickReport = { drafted: null, flagged: 0, delivery: null };
  if (china.date() > 1 || china.hour() >= 6) {
    const month = addMonths(chinaMonthKey(now), -1);
    report.drafted = { month, ...(await draftAllReports(env.store, month, now)) };
  }
  // China calendar days, the same rule the pages show (isStale).
  const cutoff = staleCutoff(now.toISOString(), STALE_DRAFT_DAYS);
  report.flagged = await reportsOf(env.store).updateWhere(
    { status: 'draft', flaggedAt: null, composedAt: { $lt: cutoff } },
    { set: { flaggedAt: now.toISOString() } },
  );
  const sender = env.services?.subscribeSender;
  if (sender) {
    report.delivery = await runDeliveries(
      { store: env.store, clock: env.clock, sender },
      { owner: opts.owner, budgetMs: opts.budgetMs ?? TIMER_DELIVERY_BUDGET_MS },
    );
  } else {
    env.log?.('no subscribe sender wired; deliveries wait');
  }
  return report;
}
