/**
 * The town's view of 四议两公开 (decisions.townView) at 66 villages (a town) and 2,000 villages
 * (a district): the whole town read a page at a time, as the page does. Per size: the calls it
 * takes, store operations per call and in all, reply size, and latency per call. Also the cost
 * of one recorded meeting, which keeps the village summary current. Every village has a year of
 * decisions in every state (built as the actions leave them) and meetings of record with gaps.
 * In-memory embedded store: the figures compare sizes; in the cloud every store operation is a
 * network round trip, so operations per call is the figure to watch (goal: constant in villages).
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { countingStore } from '../../cloudfunctions/common/store/port';
import type { DecisionsOutputs } from '../../cloudfunctions/common/contracts/decisions';
import { decisionsActions } from '../../cloudfunctions/decisions';
import { refreshVillage } from '../../cloudfunctions/decisions/records';
import { decisionsOf, regularMeetingsOf, type DecisionDoc } from '../../cloudfunctions/decisions/store';
import {
  benchTown,
  printGoalTable,
  printTable,
  readTownView,
  townViewRows,
  type TownViewFigures,
} from './lib';

const NOW = '2026-11-23T02:00:00.000Z';
const DECISIONS_PER_VILLAGE = 8;
const STATES: Pick<DecisionDoc, 'status' | 'next' | 'nextDueOn'>[] = [
  { status: 'completed', next: null, nextDueOn: null },
  { status: 'resolved', next: 'resultPublic', nextDueOn: '2026-12-31' },
  { status: 'resolved', next: 'resolutionPublic', nextDueOn: '2026-11-10' },
  { status: 'inProgress', next: 'resolution', nextDueOn: null },
  { status: 'rejected', next: null, nextDueOn: null },
];

async function town(n: number) {
  const { store: inner, townId, villageIds } = await benchTown(n, NOW);
  const now = new Date(NOW);
  for (const [i, villageId] of villageIds.entries()) {
    for (let k = 0; k < DECISIONS_PER_VILLAGE; k++) {
      const state = STATES[(i + k) % STATES.length]!;
      const proposedOn = `2026-${String((k % 10) + 1).padStart(2, '0')}-05`;
      const id = `m${villageId}-${k}`;
      await decisionsOf(inner).insert({
        _id: id,
        villageId,
        townId,
        requestId: id,
        title: `第${k + 1}项重大事项`,
        category: 'project',
        summary: '',
        proposer: '村党支部',
        proposedOn,
        sortKey: `${proposedOn}:${id}`,
        resolutionBody: 'representatives',
        plannedCompletion: null,
        attachments: [],
        ...state,
        unconfirmed: k % 3 === 0 ? ['resolution'] : [],
        steps: [],
        resultBody: null,
        updatedAt: NOW,
      });
    }
    for (let m = 1; m <= 10; m++) {
      if ((i + m) % 4 === 0) continue;
      const month = `2026-${String(m).padStart(2, '0')}`;
      await regularMeetingsOf(inner).insert({
        _id: `${villageId}:attendance:${month}`,
        villageId,
        townId,
        kind: 'attendance',
        periodKey: month,
        requestId: `r${i}${m}`,
        heldOn: `${month}-12`,
        entitled: 9,
        present: 8,
        topics: '列席',
        minutes: [],
        recordedBy: { openid: 'cadre', name: '测试' },
        at: NOW,
      });
    }
    await refreshVillage(inner, villageId, townId, now);
  }
  return { inner, store: countingStore(inner), townId };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

export default async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const figures: TownViewFigures[] = [];
  for (const n of [66, 2000]) {
    const { store, townId } = await town(n);
    const env = { store, clock: fixedClock(NOW), ids: sequentialIds('b') };
    const handle = createRouter(decisionsActions);
    const call = async <T>(who: string, action: string, input: unknown) => {
      const r = await handle({ action, input }, who, env);
      if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
      return r.data as T;
    };
    // Warm up once, then read the whole town page by page (50 villages a page, the default).
    await call('admin', 'townView', {});
    const f = await readTownView(store, n, async (cursor) => {
      const page: DecisionsOutputs['townView'] = await call('admin', 'townView', cursor ? { cursor } : {});
      return { reply: page, villages: page.villages.length, next: page.nextCursor };
    });
    figures.push(f);
    // One write: a 两委 meeting recorded on a fresh decision in a village with its year of decisions.
    store.reset();
    const d = await call<{ id: string }>('cadre', 'propose', {
      requestId: 'bench-propose-1',
      villageId: `${townId}-v0000`,
      title: '测试重大事项决策',
      category: 'project',
      proposer: '村党支部',
      proposedOn: '2026-11-20',
      resolutionBody: 'representatives',
    });
    const proposeOps = store.ops();
    store.reset();
    await call('cadre', 'recordMeeting', {
      requestId: 'bench-meeting-1',
      decisionId: d.id,
      step: 'committee',
      heldOn: '2026-11-21',
      entitled: 7,
      present: 7,
      votesFor: 7,
      votesAgainst: 0,
      abstentions: 0,
      outcome: 'passed',
      minutes: [{ fileId: '/files/m.jpg' }],
    });
    rows.push({
      villages: n,
      'p50 ms/call': pct(f.ms, 50),
      'p95 ms/call': pct(f.ms, 95),
      'ops: propose': proposeOps,
      'ops: record meeting': store.ops(),
    });
  }
  console.log(
    `\ndecisions.townView, ${DECISIONS_PER_VILLAGE} decisions and ~8 meetings of record per village`,
  );
  printGoalTable(townViewRows('decisions town view', figures[0]!, figures[1]!));
  printTable(rows);
}
