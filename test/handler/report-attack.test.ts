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

test('a read recorded by an attempt that stopped before counting it is counted when the villager opens the notice again', async () => {
  const store = await seededStore();
  const handle = createRouter(reportActions);
  const as = (openid: string) => async (action: string, input: unknown) =>
    handle({ action, input }, openid, { store, clock: fixedClock(NOW), ids: sequentialIds('r') });
  const published = await as('dev-cadre')('publishNotice', {
    requestId: 'notice-attack-1',
    villageId: 'v-dongling',
    title: '停水通知',
    body: '明天上午 8 点至 12 点维修管道，停水半天。',
    pinned: false,
  });
  const noticeId = (published as { data: { noticeId: string } }).data.noticeId;
  // A first attempt recorded the read and stopped before its count was written.
  await readsOf(store).insert({
    _id: `${noticeId}|dev-migrant`,
    subjectId: noticeId,
    openid: 'dev-migrant',
    at: NOW,
    counted: false,
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
  const handle = createRouter(reportActions);
  const as = (openid: string) => async (action: string, input: unknown) =>
    handle({ action, input }, openid, { store, clock: fixedClock(NOW), ids: sequentialIds('r') });
  const published = await as('dev-cadre')('publishNotice', {
    requestId: 'notice-attack-2',
    villageId: 'v-dongling',
    title: '停电通知',
    body: '周六检修线路。',
    pinned: false,
  });
  const noticeId = (published as { data: { noticeId: string } }).data.noticeId;
  // Recorded and counted, but the mark was never written.
  await readsOf(store).insert({
    _id: `${noticeId}|dev-migrant`,
    subjectId: noticeId,
    openid: 'dev-migrant',
    at: NOW,
    counted: false,
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
  const handle = createRouter(reportActions);
  const as = (openid: string) => async (action: string, input: unknown) =>
    handle({ action, input }, openid, { store: held.store, clock: fixedClock(NOW), ids: sequentialIds('r') });
  const published = await as('dev-cadre')('publishNotice', {
    requestId: 'notice-attack-3',
    villageId: 'v-dongling',
    title: '停气通知',
    body: '周日上午更换燃气表。',
    pinned: false,
  });
  const noticeId = (published as { data: { noticeId: string } }).data.noticeId;
  // 外来务工人员's first attempt recorded the read and stopped before counting it.
  await readsOf(inner).insert({
    _id: `${noticeId}|dev-migrant`,
    subjectId: noticeId,
    openid: 'dev-migrant',
    at: NOW,
    counted: false,
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
