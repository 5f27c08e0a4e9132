/** The demo town's questions: every state there is, reached through the real actions. */
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { findAll } from '../../cloudfunctions/common/store/port';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { fixMovesOf, itemsOf, logOf } from '../../cloudfunctions/oversight/store';

jest.setTimeout(60_000);

test('the demo town has questions in every state, dated back from its today', async () => {
  const store = nedbStore();
  const now = '2026-11-23T02:00:00.000Z';
  await seedDemoTown(store, now);
  const items = await findAll(itemsOf(store), {});
  const states = new Set<string>(items.map((i) => i.state));
  for (const s of ['submitted', 'accepted', 'answered', 'verified', 'closed', 'escalated', 'referred']) {
    expect([s, states.has(s)]).toEqual([s, true]);
  }
  expect(items.some((i) => i.subject.kind === 'disclosure' && i.subject.itemIndex === 0)).toBe(true);
  expect(items.every((i) => i.raisedAt < now)).toBe(true);
  expect(items.filter((i) => i.villageId === 'v-xihe').map((i) => i.escalationReason)).toEqual([
    'acceptOverdue',
  ]);
  // The 村监委's 台账 has entries of every kind, and a 整改 reported done.
  const log = await findAll(logOf(store), { villageId: 'v-dongling' });
  expect(new Set(log.map((e) => e.kind))).toEqual(new Set(['meeting', 'attendance', 'check', 'finding']));
  expect(await findAll(fixMovesOf(store), {})).toHaveLength(1);
});
