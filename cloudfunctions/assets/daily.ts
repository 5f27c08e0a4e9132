import type { Env } from '../common/router';
import { refreshVillage } from './summary';
import { summariesOf } from './store';

/**
 * The daily timer's second task: rebuild village summaries, the stalest first, so what changed
 * outside 三资 reaches the town view (a 财务公开 published or corrected after the month-end
 * balances were recorded). Stops after `budgetMs` (a cloud function has 60 s); the next day
 * starts from the villages left stalest.
 */
export async function refreshStaleSummaries(
  env: Env,
  budgetMs = 30_000,
  elapsed: () => number = (() => {
    const start = performance.now();
    return () => performance.now() - start;
  })(),
): Promise<{ refreshed: number }> {
  const started = env.clock.now().toISOString();
  let refreshed = 0;
  for (;;) {
    const batch = await summariesOf(env.store).find(
      { updatedAt: { $lt: started } },
      { sort: { updatedAt: 1 }, limit: 100, fields: ['townId', 'updatedAt'] },
    );
    if (!batch.length) break;
    for (const s of batch) {
      await refreshVillage(env.store, s._id, s.townId, env.clock.now());
      refreshed++;
      if (elapsed() > budgetMs) return { refreshed };
    }
  }
  return { refreshed };
}
