/**
 * 通知公告 and 村情月报 as an attacker (or a flaky network) sees them: a read counted once,
 * even when the first attempt stopped half-way.
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { reportActions } from '../../cloudfunctions/report/actions';
import type { Collection, Doc, Store } from '../../cloudfunctions/common/store/port';
import { recountReads } from '../../cloudfunctions/report/reads';
import { noticesOf, readsOf } from '../../cloudfunctions/report/store';
import { seededStore } from './demo-town';

const NOW = '2026-11-23T02:00:00.000Z';

/** The report function over a store, as a person. */
function over(store: Store) {
  const handle = createRouter(reportActions);
  return (openid: string) => async (action: string, input: unknown) =>
    handle({ action, input }, openid, { store, clock: fixedClock(NOW), ids: sequentialIds('r') });
}

/**
 * A notice the cadre publishes, which 外来务工人员 (dev-migrant) opened once in an attempt that
 * recorded the read and stopped before marking it counted (`readsTo`: where that read is stored).
 */
async function noticeWithStoppedRead(
  as: ReturnType<typeof over>,
  readsTo: Store,
  notice: { requestId: string; title: string; body: string },
): Promise<string> {
  const published = await as('dev-cadre')('publishNotice', {
    ...notice,
    villageId: 'v-dongling',
    pinned: false,
  });
  const noticeId = (published as { data: { noticeId: string } }).data.noticeId;
  await readsOf(readsTo).insert({
    _id: `${noticeId}|dev-migrant`,
    subjectId: noticeId,
    openid: 'dev-migrant',
    at: NOW,
    counted: false,
  });
  return noticeId;
}

test('a read recorded by an attempt that stopped before counting it is counted when the villager opens the notice again', async () => {
  const store = await seededStore();
  const as = over(store);
  // A first attempt recorded the read and stopped before its count was written.
  const noticeId = await noticeWithStoppedRead(as, store, {
    requestId: 'notice-attack-1',
    title: '停水通知',
    body: '明天上午 8 点至 12 点维修管道，停水半天。',
  });
  expect((await noticesOf(store).get(noticeId))?.readCount).toBe(0);
  expect(await as('dev-migrant')('getNotice', { noticeId })).toMatchObject({ ok: true });
  expect((await noticesOf(store).get(noticeId))?.readCount).toBe(1);
  // And opening it yet again still counts one person once.
  await as('dev-migrant')('getNotice', { noticeId });
  await Promise.all([
    as('dev-resident')('getNotice', { noticeId }),
    as('dev-party')('getNotice', { noticeId }),
  ]);
  expect((await noticesOf(store).get(noticeId))?.readCount).toBe(3);
});

test('a read counted by an attempt that stopped before marking it is not counted twice', async () => {
  const store = await seededStore();
  const as = over(store);
  // Recorded and counted, but the mark was never written.
  const noticeId = await noticeWithStoppedRead(as, store, {
    requestId: 'notice-attack-2',
    title: '停电通知',
    body: '周六检修线路。',
  });
  await noticesOf(store).update(noticeId, { inc: { readCount: 1 } });
  await as('dev-migrant')('getNotice', { noticeId });
  await as('dev-migrant')('getNotice', { noticeId });
  expect((await noticesOf(store).get(noticeId))?.readCount).toBe(1);
});

/**
 * A store whose next counter increment on `notices` waits once `hold()` is called, until
 * `release()`: another person's read inserted, its increment not yet landed.
 */
function withHeldIncrement(inner: Store) {
  let armed = false;
  let entered: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<void>((r) => (entered = r));
  const gate = new Promise<void>((r) => (release = r));
  const store: Store = {
    collection<T extends Doc>(name: string): Collection<T> {
      const col = inner.collection<T>(name);
      if (name !== 'notices') return col;
      return {
        ...col,
        update: async (id, ops) => {
          if (armed && ops.inc) {
            armed = false;
            entered();
            await gate;
          }
          return col.update(id, ops);
        },
      };
    },
  };
  return { store, hold: () => void (armed = true), reached, release: () => release() };
}

test('a repair while another person’s read is in flight counts each reader once', async () => {
  const inner = await seededStore();
  const held = withHeldIncrement(inner);
  const as = over(held.store);
  // 外来务工人员's first attempt recorded the read and stopped before counting it.
  const noticeId = await noticeWithStoppedRead(as, inner, {
    requestId: 'notice-attack-3',
    title: '停气通知',
    body: '周日上午更换燃气表。',
  });
  // A villager opens it for the first time; their increment is held on the way.
  held.hold();
  const resident = as('dev-resident')('getNotice', { noticeId });
  await held.reached;
  // Meanwhile the first reader opens it again: the repair runs while the other read is in flight.
  expect(await as('dev-migrant')('getNotice', { noticeId })).toMatchObject({ ok: true });
  held.release();
  expect(await resident).toMatchObject({ ok: true });
  // Two people read it: counted twice neither way, and the counter agrees with a recount.
  expect((await noticesOf(inner).get(noticeId))?.readCount).toBe(2);
  expect(await recountReads(inner, 'notice', noticeId)).toBe(2);
  // Opening again changes nothing.
  await as('dev-resident')('getNotice', { noticeId });
  await as('dev-migrant')('getNotice', { noticeId });
  expect((await noticesOf(inner).get(noticeId))?.readCount).toBe(2);
});
