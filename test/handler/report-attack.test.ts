/**
 * 通知公告 and 村情月报 as an attacker (or a flaky network) sees them: a read counted once,
 * even when the first attempt stopped half-way.
 */
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { reportActions } from '../../cloudfunctions/report/actions';
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
