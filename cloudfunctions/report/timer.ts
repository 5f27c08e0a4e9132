import { chinaMonthKey, inChina } from '../common/clock';
import type { Env } from '../common/router';
import { addMonths } from '../common/periods';
import { STALE_DRAFT_DAYS } from './reports';
import { draftAllReports, type DraftAllResult } from './compose';
import { runDeliveries, type RunReport } from './delivery';
import { staleCutoff } from './domain/compose';
import { reportsOf } from './store';
import { appendTownDays } from '../record/public';

/**
 * What one tick may spend, from its start: drafting and delivery share it. Work stops being
 * taken at this point; the rest of WeChat's 60 s limit lets what is under way (the last
 * village's draft, the sends of the last batch) finish.
 */
export const TIMER_BUDGET_MS = 45_000;
/**
 * Sends a tick keeps in flight, in lanes of TIMER_DELIVERY_CHUNK (each lane claims a chunk,
 * sends it, and claims the next while the chunk's outcomes are written).
 *
 * WeChat's limits we rely on: subscribeMessage.send has a DAILY call quota per mini-program
 * (documented as 10 million calls a day, 30 million with WeChat Pay; past it the answer is
 * 45009) and no per-second rate limit, and each message needs its own grant (one per accepted
 * tap, or a long-term grant). A tick sends tens of thousands at most, far inside the quota.
 * At a 200 ms send, 100 in flight is up to about 450 messages a second: a tick's budget holds
 * about 20,000 when the machine is idle, and a killed invocation leaves at most 100 records
 * `unconfirmed`.
 */
export const TIMER_DELIVERY_CONCURRENCY = 100;
/** Records claimed, marked in flight and recorded together: one database write each time. */
export const TIMER_DELIVERY_CHUNK = 25;
/** Drafting stops this long before the tick's deadline, so deliveries move on every tick. */
export const TIMER_DELIVERY_RESERVE_MS = 10_000;

export interface TickReport {
  drafted: (DraftAllResult & { month: string }) | null;
  flagged: number;
  delivery: RunReport | null;
  /** Towns whose daily chain of village heads got today's entry on this tick. */
  townDays: number;
}

/**
 * What the report function's one timer trigger does on every tick (config.json: every
 * 5 minutes), all within one deadline taken at the start: after 06:00 China time on the 1st,
 * draft the villages' reports of the month that just closed (as many as time allows; the next
 * tick goes on); flag drafts left unpublished too long; resume deliveries with the time left.
 */
export async function runTick(
  env: Env,
  opts: { owner: string; budgetMs?: number } = { owner: 'timer' },
): Promise<TickReport> {
  const now = env.clock.now();
  const budget = opts.budgetMs ?? TIMER_BUDGET_MS;
  const deadline = now.getTime() + budget;
  const draftUntil = deadline - Math.min(TIMER_DELIVERY_RESERVE_MS, budget / 4);
  const china = inChina(now);
  const report: TickReport = { drafted: null, flagged: 0, delivery: null, townDays: 0 };
  // Once a day per town (the first tick of the China day): every village's head, chained.
  report.townDays = (await appendTownDays(env.store, now)).appended;
  if (china.date() > 1 || china.hour() >= 6) {
    const month = addMonths(chinaMonthKey(now), -1);
    const drafted = await draftAllReports(env.store, month, now, {
      timeLeft: () => env.clock.now().getTime() < draftUntil,
    });
    report.drafted = { month, ...drafted };
  }
  // China calendar days, the same rule the pages show (isStale).
  const cutoff = staleCutoff(now.toISOString(), STALE_DRAFT_DAYS);
  report.flagged = await reportsOf(env.store).updateWhere(
    { status: 'draft', flaggedAt: null, composedAt: { $lt: cutoff } },
    { set: { flaggedAt: now.toISOString() } },
  );
  const sender = env.services?.subscribeSender;
  const left = deadline - env.clock.now().getTime();
  if (!sender) {
    env.log?.('no subscribe sender wired; deliveries wait');
  } else if (left > 0) {
    report.delivery = await runDeliveries(
      { store: env.store, clock: env.clock, sender },
      {
        owner: opts.owner,
        budgetMs: left,
        concurrency: TIMER_DELIVERY_CONCURRENCY,
        chunkSize: TIMER_DELIVERY_CHUNK,
      },
    );
  }
  return report;
}
