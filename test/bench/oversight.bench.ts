/**
 * The town 纪委's view of 问题反映 at 66 and 2,000 villages: the calls it takes to read the
 * whole town page by page, the store operations each call costs, and the size of each reply.
 * Every village has open, overdue, escalated and rated items, written as a real loop leaves
 * them behind (the per-village figures kept on write). Goal: store operations per call do not
 * grow with the town; calls grow with the pages only. Figures only, no verdicts.
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { countingStore } from '../../cloudfunctions/common/store/port';
import { oversightActions } from '../../cloudfunctions/oversight';
import { emptyStats } from '../../cloudfunctions/oversight/domain/stats';
import { statsOf } from '../../cloudfunctions/oversight/store';
import { benchTown, printGoalTable, readTownView, townViewRows, type TownViewFigures } from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const SIZES = [66, 2000];
const PAGE = 100;
/** Open items per village: their deadlines are read from the kept figures, not from the items. */
const OPEN_PER_VILLAGE = 12;

async function town(n: number) {
  const { store, townId, villageIds } = await benchTown(n, NOW);
  for (const [v, id] of villageIds.entries()) {
    const stats = { _id: id, townId, ...emptyStats() };
    stats.total = OPEN_PER_VILLAGE + 30;
    stats.closed = 30;
    stats.ratings = { satisfied: 20 + (v % 7), basic: 5, unsatisfied: v % 4 };
    stats.answerDays = { 2: 10, 5: 12, 9: 6, 16: v % 3 };
    for (let i = 0; i < OPEN_PER_VILLAGE; i++) {
      stats.open[`q${v}x${i}`] = {
        dueAt: new Date(Date.parse(NOW) + (i - 4) * 86_400_000).toISOString(),
        escalated: i % 5 === 0,
      };
    }
    await statsOf(store).insert(stats);
  }
  return countingStore(store);
}

export default async function run(): Promise<void> {
  const figures: TownViewFigures[] = [];
  for (const n of SIZES) {
    const store = await town(n);
    const handle = createRouter(oversightActions);
    const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
    figures.push(
      await readTownView(store, n, async (cursor) => {
        const reply = await handle(
          { action: 'townView', input: { limit: PAGE, ...(cursor ? { cursor } : {}) } },
          'admin',
          env,
        );
        if (!reply.ok) throw new Error(`townView failed: ${reply.code} ${reply.message}`);
        const data = reply.data as { rows: unknown[]; next: string | null };
        return { reply, villages: data.rows.length, next: data.next };
      }),
    );
  }
  console.log(`\noversight.townView, ${OPEN_PER_VILLAGE} open items per village, ${PAGE} villages a page`);
  printGoalTable(townViewRows('oversight town view', figures[0]!, figures[1]!));
}
