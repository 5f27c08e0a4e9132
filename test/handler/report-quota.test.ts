import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import type { SubscribeSender } from '../../cloudfunctions/common/subscribe';
import {
  towns as townsOf,
  users as usersOf,
  villages as villagesOf,
} from '../../cloudfunctions/common/identity';
import {
  deliveryLines,
  type DeliveryState,
  type DeliveryStatus,
  type NoticeDetail,
} from '../../cloudfunctions/common/contracts/report';
import { reportActions } from '../../cloudfunctions/report/actions';
import { runTick } from '../../cloudfunctions/report/timer';
import { deliveriesOf, grantsOf } from '../../cloudfunctions/report/store';

/**
 * WeChat's daily quota of subscribe messages (45009): once it is used up, the delivery waits
 * for the next China day without spending anyone's attempts, nobody is sent twice, and the
 * cadre's counts stay a recount of the records and say why the rest waits.
 */

// 2026-11-23 10:00 China time.
const NOW = '2026-11-23T02:00:00.000Z';
// The next China day starts at 2026-11-24 00:00 China time.
const NEXT_DAY = '2026-11-23T16:00:00.000Z';
const PEOPLE = 30;

/** WeChat with a daily quota: `perDay` messages accepted, then 45009 until `newDay()`. */
function quotaWeChat(quota: number) {
  let perDay = quota;
  const received: string[] = [];
  let today = 0;
  let calls = 0;
  const sender: SubscribeSender = {
    async send(msg) {
      calls++;
      if (today >= perDay) return { ok: false, code: 45009, message: 'reach max api daily quota limit' };
      today++;
      received.push(msg.touser);
      return { ok: true };
    },
  };
  return {
    sender,
    received,
    calls: () => calls,
    newDay: (quota = perDay) => {
      perDay = quota;
      today = 0;
    },
  };
}

/** A village of its own: one cadre and PEOPLE villagers, each with one notice subscription. */
async function village(sender: SubscribeSender) {
  const store = nedbStore();
  const clock = fixedClock(NOW);
  await townsOf(store).insert({ _id: 't9', name: '试点镇' });
  await villagesOf(store).insert({ _id: 'v9', name: '河口', townId: 't9', trackingSince: '2026-01' });
  const person = (id: string, roles: ('cadre' | 'resident')[]) =>
    usersOf(store).insert({
      _id: id,
      name: id,
      townId: 't9',
      villageId: 'v9',
      roles,
      boundAt: NOW,
      via: 'seed',
    });
  await person('c9', ['cadre']);
  for (let i = 0; i < PEOPLE; i++) {
    const openid = `p${String(i).padStart(2, '0')}`;
    await person(openid, ['resident']);
    await grantsOf(store).insert({
      _id: `${openid}|notice`,
      openid,
      villageId: 'v9',
      template: 'notice',
      oneTime: 1,
      longTerm: false,
      lastAnswer: 'accept',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
  }
  const env = { store, clock, ids: sequentialIds('q'), services: { subscribeSender: sender } };
  const handle = createRouter(reportActions);
  const cadre = async <T>(action: string, input: unknown): Promise<T> => {
    const reply = (await handle({ action, input }, 'c9', env)) as { ok: boolean; data: T };
    if (!reply.ok) throw new Error(`${action}: ${JSON.stringify(reply)}`);
    return reply.data;
  };
  /** Timer ticks every 5 minutes (as the trigger runs), `n` of them. */
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) {
      clock.advance(5 * 60_000);
      await runTick(env, { owner: `tick-${clock.now().toISOString()}` });
    }
  };
  /** The records counted again from the store, state by state. */
  const recount = async (subjectId: string) => {
    const all = await deliveriesOf(store).find({ subjectId }, { limit: 1000 });
    const counts: Partial<Record<DeliveryState, number>> = {};
    for (const d of all) counts[d.state] = (counts[d.state] ?? 0) + 1;
    return { counts, records: all };
  };
  return { store, clock, cadre, ticks, recount };
}

const notice = { villageId: 'v9', title: '停水通知', body: '明天上午停水，请提前储水。' };

test('the day quota runs out: the rest wait (pending, not failed) for the next China day, then go out, each person once', async () => {
  const wechat = quotaWeChat(12);
  const { clock, cadre, ticks, recount } = await village(wechat.sender);
  const published = await cadre<NoticeDetail>('publishNotice', { requestId: 'notice-q-001', ...notice });
  const subjectId = published.noticeId;
  await ticks(2);

  // The quota gave 12 messages today; the other 18 wait, none failed, no attempt spent.
  expect(wechat.received).toHaveLength(12);
  const status = await cadre<DeliveryStatus>('deliveryStatus', { subjectId });
  expect(status.state).toBe('sending');
  expect(status.counts).toEqual({ sent: 12, queued: PEOPLE - 12, noGrant: 1 });
  expect(status.quotaPausedUntil).toBe(NEXT_DAY);
  expect((await recount(subjectId)).counts).toEqual(status.counts);
  expect(deliveryLines(status)).toEqual({
    total: PEOPLE + 1,
    lines: [
      { label: '已送达', count: 12 },
      { label: '发送中', count: PEOPLE - 12 },
      { label: '发布时未订阅', count: 1 },
    ],
  });
  const waiting = (await recount(subjectId)).records.filter((d) => d.state === 'queued');
  expect(waiting.every((d) => d.attempts === 0)).toBe(true);

  // The rest of the China day (past the old 15 minutes of retries): not one more send tried.
  const calls = wechat.calls();
  while (clock.now().toISOString() < '2026-11-23T15:55:00.000Z') await ticks(1);
  expect(wechat.calls()).toBe(calls);
  const evening = await cadre<DeliveryStatus>('deliveryStatus', { subjectId });
  expect(evening.counts).toEqual({ sent: 12, queued: PEOPLE - 12, noGrant: 1 });
  expect(evening.counts.failed).toBeUndefined();

  // The next China day: the quota renews, 12 more go out, and the pause moves to the day after.
  wechat.newDay();
  await ticks(2);
  expect(clock.now().toISOString() > NEXT_DAY).toBe(true);
  expect(wechat.received).toHaveLength(24);
  const second = await cadre<DeliveryStatus>('deliveryStatus', { subjectId });
  expect(second.counts).toEqual({ sent: 24, queued: PEOPLE - 24, noGrant: 1 });
  expect(second.quotaPausedUntil).toBe('2026-11-24T16:00:00.000Z');
  expect((await recount(subjectId)).counts).toEqual(second.counts);

  // The day after: the last 6, and the delivery is done, no longer waiting.
  wechat.newDay();
  clock.set('2026-11-24T16:01:00.000Z');
  await ticks(1);
  const done = await cadre<DeliveryStatus>('deliveryStatus', { subjectId });
  expect(done).toMatchObject({ state: 'done', counts: { sent: PEOPLE, noGrant: 1 } });
  expect(done.quotaPausedUntil).toBeUndefined();
  expect((await recount(subjectId)).counts).toEqual(done.counts);

  // Everyone subscribed received exactly one message.
  expect(wechat.received).toHaveLength(PEOPLE);
  expect(new Set(wechat.received).size).toBe(PEOPLE);
}, 60_000);

test('a notice published while the quota is used up is planned and counted, but nothing is tried until the next day', async () => {
  const wechat = quotaWeChat(0);
  const { cadre, ticks, clock } = await village(wechat.sender);
  const first = await cadre<NoticeDetail>('publishNotice', { requestId: 'notice-q-002', ...notice });
  expect(wechat.calls()).toBeGreaterThan(0); // the first 45009 is what tells us
  const calls = wechat.calls();

  clock.advance(60_000);
  const second = await cadre<NoticeDetail>('publishNotice', {
    requestId: 'notice-q-003',
    ...notice,
    title: '停电通知',
  });
  await ticks(3);
  expect(wechat.calls()).toBe(calls);
  for (const n of [first, second]) {
    const s = await cadre<DeliveryStatus>('deliveryStatus', { subjectId: n.noticeId });
    // Planned in full (everyone counted once), waiting for the quota.
    expect(s).toMatchObject({ planned: PEOPLE + 1, quotaPausedUntil: NEXT_DAY });
    expect(s.counts).toEqual({ queued: PEOPLE, noGrant: 1 });
  }

  // The next day the quota is back: each person gets the first notice (their one grant).
  wechat.newDay(1000);
  clock.set('2026-11-23T16:00:00.000Z');
  await ticks(1);
  expect(wechat.received).toHaveLength(PEOPLE);
  expect(new Set(wechat.received).size).toBe(PEOPLE);
  const a = await cadre<DeliveryStatus>('deliveryStatus', { subjectId: first.noticeId });
  expect(a).toMatchObject({ state: 'done', counts: { sent: PEOPLE, noGrant: 1 } });
  const b = await cadre<DeliveryStatus>('deliveryStatus', { subjectId: second.noticeId });
  expect(b).toMatchObject({ state: 'done', counts: { grantUsed: PEOPLE, noGrant: 1 } });
}, 60_000);
