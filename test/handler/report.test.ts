import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { recountReads } from '../../cloudfunctions/report/actions';
import { reportActions } from '../../cloudfunctions/report/actions';
import { outboxSender, type SubscribeSender } from '../../cloudfunctions/common/subscribe';
import { MAX_ONE_TIME_GRANTS } from '../../cloudfunctions/report/domain/delivery';
import { towns as townsOf, villages as villagesOf } from '../../cloudfunctions/common/identity';
import {
  deliveriesOf,
  grantsOf,
  noticeEventsOf,
  noticesOf,
  noticeVersionsOf,
  reportsOf,
} from '../../cloudfunctions/report/store';
import { runDeliveries } from '../../cloudfunctions/report/delivery';
import { draftAllReports } from '../../cloudfunctions/report/compose';
import { publishedCounts } from '../../cloudfunctions/report/public';
import { runTick } from '../../cloudfunctions/report/timer';
import { productSources } from '../../cloudfunctions/assessment/ports';
import { users as usersOf } from '../../cloudfunctions/common/identity';
import { deliveryLines } from '../../cloudfunctions/common/contracts/report';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import type {
  DeliveryStatus,
  ReportDetail,
  ReportOutputs,
  NoticeDetail,
  NoticeSummary,
  ReportSummary,
} from '../../cloudfunctions/common/contracts/report';
import { seededStore } from './demo-town';
import { at, must } from '../must';

const NOW = '2026-11-23T02:00:00.000Z';
type TownReports = ReportOutputs['townReports'];

/** `sender: false` wires no sender: publishing only plans, the timer (runDeliveries) sends later. */
async function setup(opts: { sender?: boolean } = {}) {
  const store = await seededStore();
  const clock = fixedClock(NOW);
  const outbox = outboxSender(() => clock.now());
  const handle = createRouter(reportActions);
  const env = {
    store,
    clock,
    ids: sequentialIds('h'),
    ...(opts.sender === false ? {} : { services: { subscribeSender: outbox } }),
  };
  const as =
    (openid: string) =>
    async (action: string, input: unknown = {}) =>
      handle({ action, input }, openid, env);
  /** A timer tick's delivery run. */
  const deliver = () => runDeliveries({ store, clock, sender: outbox }, { owner: 'tick', budgetMs: 30_000 });
  return { store, clock, outbox, as, deliver };
}

function data<T>(reply: unknown): T {
  const r = reply as { ok: boolean; data: T; code?: string };
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(reply)}`);
  return r.data;
}

test('subscribe, publish, deliver once, read: the whole path of a monthly report', async () => {
  const { store, outbox, as } = await setup();
  const migrant = as('dev-migrant');
  const cadre = as('dev-cadre');

  // A villager cannot see the draft; the cadre can.
  expect(await migrant('getReport', { reportId: 'v-dongling.2026-10' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  const draft = await cadre('getReport', { reportId: 'v-dongling.2026-10' });
  expect(draft).toMatchObject({ ok: true, data: { status: 'draft', canPublish: true } });

  // The same tap reported twice counts once.
  const tap = { requestId: 'tap-000001', answers: [{ template: 'monthlyReport', answer: 'accept' }] };
  await migrant('subscribe', tap);
  const again = await migrant('subscribe', tap);
  expect(again).toMatchObject({
    ok: true,
    data: {
      subscriptions: [
        { template: 'monthlyReport', remaining: 1 },
        { template: 'notice', remaining: 0 },
      ],
    },
  });

  // Only a cadre of the village publishes.
  expect(await migrant('publishReport', { reportId: 'v-dongling.2026-10' })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_ROLE',
  });
  expect(await as('dev-cadre-xihe')('publishReport', { reportId: 'v-dongling.2026-10' })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
  const pub = await cadre('publishReport', { reportId: 'v-dongling.2026-10', note: '请大家监督' });
  expect(pub).toMatchObject({
    ok: true,
    data: { report: { status: 'published', note: '请大家监督' }, delivery: { state: 'done' } },
  });
  // A retried publish changes nothing and sends nothing more.
  await cadre('publishReport', { reportId: 'v-dongling.2026-10', note: '请大家监督' });
  const mine = outbox.messages('dev-migrant');
  expect(mine).toHaveLength(1);
  expect(at(mine, 0).page).toBe('report/pages/view/index?id=v-dongling.2026-10');
  expect(must(at(mine, 0).data.thing1, 'thing1').value).toBe('东岭村2026年10月村情月报');
  expect(outbox.messages('dev-resident')).toHaveLength(0); // never subscribed
  expect(await migrant('mySubscriptions')).toMatchObject({ data: { subscriptions: [{ remaining: 0 }, {}] } });

  // Reads are counted once per person; the count is for cadres only and recountable.
  await migrant('getReport', { reportId: 'v-dongling.2026-10' });
  await migrant('getReport', { reportId: 'v-dongling.2026-10' });
  const read = await as('dev-resident')('getReport', { reportId: 'v-dongling.2026-10' });
  expect(read).toMatchObject({ ok: true, data: { readCount: null } });
  expect(await cadre('getReport', { reportId: 'v-dongling.2026-10' })).toMatchObject({
    data: { readCount: 2 },
  });
  await reportsOf(store).update('v-dongling.2026-10', { set: { readCount: 99 } });
  expect(await recountReads(store, 'report', 'v-dongling.2026-10')).toBe(2);

  // Published reports are immutable: no refresh.
  expect(await cadre('draftReport', { villageId: 'v-dongling', month: '2026-10' })).toMatchObject({
    ok: true,
    data: { status: 'published', note: '请大家监督' },
  });
  expect(await cadre('deliveryStatus', { subjectId: 'v-dongling.2026-10' })).toMatchObject({
    ok: true,
    data: { counts: { sent: 1 } },
  });
  expect(await migrant('deliveryStatus', { subjectId: 'v-dongling.2026-10' })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_ROLE',
  });
}, 60_000);

test('archive by month: villagers see published reports only, newest first', async () => {
  const { as } = await setup();
  const list = await as('dev-migrant')('listReports', {});
  expect(list).toMatchObject({ ok: true, data: { items: [{ month: '2026-09', status: 'published' }] } });
  const cadreList = await as('dev-cadre')('listReports', {});
  expect((cadreList as { data: { items: { month: string }[] } }).data.items.map((i) => i.month)).toEqual([
    '2026-10',
    '2026-09',
  ]);
});

test('notices: cadres publish, everyone in the village reads, expired ones drop off, bad input writes nothing', async () => {
  const { clock, as } = await setup();
  const cadre = as('dev-cadre');
  const bad = await cadre('publishNotice', {
    requestId: 'notice-bad-01',
    villageId: 'v-dongling',
    title: '停',
    body: '',
  });
  expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  expect(
    await as('dev-resident')('publishNotice', {
      requestId: 'notice-x-0001',
      villageId: 'v-dongling',
      title: '通知通知',
      body: '内容内容',
    }),
  ).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_ROLE',
  });
  const n = await cadre('publishNotice', {
    requestId: 'notice-0001',
    villageId: 'v-dongling',
    title: '停水通知',
    body: '明天上午 8 点至 12 点维修管道，停水半天。',
    expiresOn: '2026-11-24',
    pinned: true,
  });
  expect(n).toMatchObject({ ok: true, data: { title: '停水通知', pinned: true, readCount: 0 } });
  const list = await as('dev-migrant')('listNotices', {});
  const items = (list as { data: { items: { title: string; pinned: boolean }[] } }).data.items;
  expect(items[0]).toMatchObject({ title: '停水通知', pinned: true });
  const id = (n as { data: { noticeId: string } }).data.noticeId;
  await as('dev-migrant')('getNotice', { noticeId: id });
  expect(await cadre('getNotice', { noticeId: id })).toMatchObject({ data: { readCount: 1 } });
  expect(await as('dev-cadre-xihe')('getNotice', { noticeId: id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
  clock.set('2026-11-26T02:00:00.000Z');
  const later = (await as('dev-migrant')('listNotices', {})) as { data: { items: { title: string }[] } };
  expect(later.data.items.map((i) => i.title)).not.toContain('停水通知');
});

test('the town sees drafts left unpublished too long', async () => {
  const { as } = await setup();
  const town = await as('dev-town')('townReports', { month: '2026-10' });
  const rows = (
    town as { data: { villages: { villageId: string; stale: boolean; report: { status: string } | null }[] } }
  ).data.villages;
  expect(rows).toHaveLength(6);
  expect(rows.every((r) => r.report?.status === 'draft' && r.stale)).toBe(true);
  expect(await as('dev-cadre')('townReports', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  expect(await as('dev-cadre')('draftReport', { villageId: 'v-dongling', month: '2026-11' })).toMatchObject({
    ok: false,
    code: 'REPORT_MONTH_OPEN',
  });
});

describe('notices after publication: unpin, correct, withdraw, archive', () => {
  const publish = (as: (o: string) => (a: string, i?: unknown) => Promise<unknown>, extra = {}) =>
    as('dev-cadre')('publishNotice', {
      requestId: 'notice-water-01',
      villageId: 'v-dongling',
      title: '停水通知',
      body: '明天上午 8 点至 12 点维修管道，停水半天。',
      pinned: true,
      ...extra,
    });
  const titles = async (as: (o: string) => (a: string, i?: unknown) => Promise<unknown>, scope?: string) =>
    data<{ items: NoticeSummary[] }>(
      await as('dev-migrant')('listNotices', scope ? { scope } : {}),
    ).items.map((i) => `${i.title}${i.pinned ? '|置顶' : ''}${i.withdrawn ? '|已撤回' : ''}`);

  test('a cadre unpins; only cadres of the village may', async () => {
    const { store, as } = await setup();
    const id = data<NoticeDetail>(await publish(as)).noticeId;
    expect((await titles(as))[0]).toBe('停水通知|置顶');
    expect(await as('dev-resident')('unpinNotice', { noticeId: id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    expect(await as('dev-cadre-xihe')('unpinNotice', { noticeId: id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(data<NoticeDetail>(await as('dev-cadre')('unpinNotice', { noticeId: id })).pinned).toBe(false);
    // The pinned 医保 notice of the seed is first now; who unpinned is on record.
    expect(await titles(as)).toEqual([
      '2027年度城乡居民医保开始缴费|置顶',
      '停水通知',
      '关于开展秋季秸秆禁烧巡查的通知',
    ]);
    expect(await noticeEventsOf(store).get(`${id}|unpin`)).toMatchObject({
      kind: 'unpin',
      by: { name: '李明华' },
    });
  });

  test('a correction is a new version with a reason; the first stays readable; stale or repeated corrections do not fork', async () => {
    const { store, as, clock } = await setup();
    const id = data<NoticeDetail>(await publish(as)).noticeId;
    clock.advance(3_600_000);
    const fix = {
      requestId: 'notice-fix-0001',
      noticeId: id,
      baseVersion: 1,
      reason: '停水时间写错了',
      title: '停水通知（更正）',
      body: '明天下午 2 点至 5 点维修管道，停水半天。',
    };
    expect(await as('dev-cadre')('correctNotice', { ...fix, reason: ' ' })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    expect(await as('dev-migrant')('correctNotice', fix)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    const v2 = data<NoticeDetail>(await as('dev-cadre')('correctNotice', fix));
    expect(v2).toMatchObject({
      version: 2,
      shownVersion: 2,
      reason: '停水时间写错了',
      title: '停水通知（更正）',
    });
    // A retried tap returns the same version; another cadre's correction of version 1 conflicts.
    expect(data<NoticeDetail>(await as('dev-cadre')('correctNotice', fix)).version).toBe(2);
    expect(await as('dev-cadre')('correctNotice', { ...fix, requestId: 'notice-fix-0002' })).toMatchObject({
      ok: false,
      code: 'VERSION_CONFLICT',
    });
    expect(await noticeVersionsOf(store).count({ noticeId: id })).toBe(2);

    const latest = data<NoticeDetail>(await as('dev-migrant')('getNotice', { noticeId: id }));
    expect(latest).toMatchObject({ body: fix.body, reason: '停水时间写错了', pinned: true });
    expect(latest.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '停水时间写错了'],
    ]);
    // The first publication date is kept (lists, the monthly report and the assessment use it).
    expect(latest.publishedAt).toBe(NOW);
    const first = data<NoticeDetail>(await as('dev-migrant')('getNotice', { noticeId: id, version: 1 }));
    expect(first).toMatchObject({ shownVersion: 1, version: 2, title: '停水通知', reason: null });
    expect(first.body).toContain('上午 8 点');
    expect(await as('dev-migrant')('getNotice', { noticeId: id, version: 3 })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  test('withdrawal is recorded (who, when, why) and the notice shows as 已撤回 instead of vanishing', async () => {
    const { store, as, clock } = await setup();
    const id = data<NoticeDetail>(await publish(as)).noticeId;
    expect(await as('dev-cadre')('withdrawNotice', { noticeId: id, reason: '' })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    expect(await noticeEventsOf(store).count({ noticeId: id })).toBe(0);
    expect(await as('dev-resident')('withdrawNotice', { noticeId: id, reason: '发错了' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    clock.advance(60_000);
    const w = data<NoticeDetail>(
      await as('dev-cadre')('withdrawNotice', { noticeId: id, reason: '维修改期，另行通知' }),
    );
    expect(w).toMatchObject({ withdrawn: true, pinned: false });
    // A second withdrawal keeps the first record.
    clock.advance(60_000);
    await as('dev-cadre')('withdrawNotice', { noticeId: id, reason: '再次撤回' });
    const seen = data<NoticeDetail>(await as('dev-migrant')('getNotice', { noticeId: id }));
    expect(seen).toMatchObject({
      withdrawn: true,
      title: '停水通知',
      withdrawal: { byName: '李明华', reason: '维修改期，另行通知', at: '2026-11-23T02:01:00.000Z' },
    });
    expect(await titles(as)).toContain('停水通知|已撤回');
    expect(
      await as('dev-cadre')('correctNotice', {
        requestId: 'notice-fix-0003',
        noticeId: id,
        baseVersion: 1,
        reason: '改一下时间',
        title: '停水通知',
        body: '改期后的内容内容',
      }),
    ).toMatchObject({ ok: false, code: 'NOTICE_WITHDRAWN' });
    // The record itself is untouched: version 1 is still what was published.
    expect(await noticeVersionsOf(store).get(`${id}.v1`)).toMatchObject({ title: '停水通知', reason: null });
    expect(await noticesOf(store).get(id)).toMatchObject({ publishedAt: NOW });

    // A week later it moves to the archive with the expired ones.
    clock.set('2026-12-01T02:00:00.000Z');
    expect(await titles(as)).not.toContain('停水通知|已撤回');
    expect(await titles(as, 'archive')).toContain('停水通知|已撤回');
  });

  test('expired notices leave the default list and stay in the archive', async () => {
    const { as, clock } = await setup();
    await publish(as, { expiresOn: '2026-11-24', pinned: true });
    clock.set('2026-11-24T15:59:00.000Z'); // 23:59 on the last day, China time
    expect(await titles(as)).toContain('停水通知|置顶');
    clock.set('2026-11-24T16:00:00.000Z');
    expect(await titles(as)).not.toContain('停水通知');
    expect(await titles(as, 'archive')).toEqual(['停水通知']);
    // The 医保 notice (expires 2026-12-31) is current, not archived.
    expect(await titles(as, 'archive')).not.toContain('2027年度城乡居民医保开始缴费');
  });

  test('withdrawing a notice stops messages that have not gone out yet', async () => {
    const { store, as, outbox, deliver } = await setup({ sender: false });
    for (const who of ['dev-migrant', 'dev-resident'])
      await as(who)('subscribe', {
        requestId: `tap-${who}`,
        answers: [{ template: 'notice', answer: 'accept' }],
      });
    const id = data<NoticeDetail>(await publish(as)).noticeId;
    await as('dev-cadre')('withdrawNotice', { noticeId: id, reason: '发错村了' });
    await deliver();
    expect(outbox.messages().filter((m) => m.page.endsWith(id))).toHaveLength(0);
    const status = data<{ state: string; counts: Record<string, number> }>(
      await as('dev-cadre')('deliveryStatus', { subjectId: id }),
    );
    expect(status.state).toBe('done');
    expect(status.counts.sent ?? 0).toBe(0);
    // Their grants are unused, so the next notice reaches them.
    expect((await grantsOf(store).get('dev-migrant|notice'))?.oneTime).toBe(1);
  });
});

describe('people who subscribe after a report was published', () => {
  test('get the NEXT report, not this one; the counts say they had no grant at publication', async () => {
    const { store, clock, as, outbox, deliver } = await setup({ sender: false });
    const migrant = as('dev-migrant');
    const cadre = as('dev-cadre');
    // The resident subscribed before publication; the migrant only after it.
    await as('dev-resident')('subscribe', {
      requestId: 'tap-resident-1',
      answers: [{ template: 'monthlyReport', answer: 'accept' }],
    });
    clock.advance(60_000);
    await cadre('publishReport', { reportId: 'v-dongling.2026-10' });
    clock.advance(60_000);
    await migrant('subscribe', {
      requestId: 'tap-migrant-1',
      answers: [{ template: 'monthlyReport', answer: 'accept' }],
    });
    // The timer sends (planning happens now, after the migrant's tap), and a cadre's "send now".
    await deliver();
    await cadre('resumeDelivery', { subjectId: 'v-dongling.2026-10' });
    // (Only the resident's grant predates the seed's September report and notices too.)
    const october = (openid: string) =>
      outbox.messages(openid).filter((m) => m.page.endsWith('v-dongling.2026-10'));
    expect(october('dev-resident')).toHaveLength(1);
    expect(outbox.messages('dev-migrant')).toHaveLength(0);
    expect(await deliveriesOf(store).get('v-dongling.2026-10|dev-migrant')).toMatchObject({
      state: 'noGrant',
    });
    expect(await deliveriesOf(store).get('v-dongling.2026-10|dev-resident')).toMatchObject({ state: 'sent' });
    // The migrant's grant is intact and the page says so.
    expect(
      data<{ subscriptions: { remaining: number }[] }>(await migrant('mySubscriptions')).subscriptions[0],
    ).toMatchObject({
      remaining: 1,
    });

    // November's report goes to the migrant.
    clock.set('2026-12-02T02:00:00.000Z');
    await draftAllReports(store, '2026-11', clock.now());
    await cadre('publishReport', { reportId: 'v-dongling.2026-11' });
    await deliver();
    expect(outbox.messages('dev-migrant').map((m) => must(m.data.thing1, 'thing1').value)).toEqual([
      '东岭村2026年11月村情月报',
    ]);
  }, 60_000);

  test('a second tap after publication keeps one grant for the next report', async () => {
    const { store, clock, as, outbox, deliver } = await setup({ sender: false });
    const migrant = as('dev-migrant');
    await migrant('subscribe', {
      requestId: 'tap-migrant-1',
      answers: [{ template: 'monthlyReport', answer: 'accept' }],
    });
    clock.advance(60_000);
    await as('dev-cadre')('publishReport', { reportId: 'v-dongling.2026-10' });
    clock.advance(60_000);
    await migrant('subscribe', {
      requestId: 'tap-migrant-2',
      answers: [{ template: 'monthlyReport', answer: 'accept' }],
    });
    await deliver();
    // Only October's report (the seed's older jobs were published before the first tap).
    expect(outbox.messages('dev-migrant').map((m) => m.page)).toEqual([
      'report/pages/view/index?id=v-dongling.2026-10',
    ]);
    expect((await grantsOf(store).get('dev-migrant|monthlyReport'))?.oneTime).toBe(1);
  }, 60_000);
});

test('the village cadres see their own draft as overdue (China calendar days), villagers see nothing of it', async () => {
  const { as, clock } = await setup();
  const mine = data<{ items: ReportSummary[] }>(await as('dev-cadre')('listReports', {})).items;
  // October's draft was composed at 06:00 on 1 November (China); today is 23 November.
  expect(mine[0]).toMatchObject({ month: '2026-10', status: 'draft', stale: true, waitingDays: 22 });
  expect(mine[1]).toMatchObject({ month: '2026-09', status: 'published', stale: false });
  expect(
    data<{ items: ReportSummary[] }>(await as('dev-migrant')('listReports', {})).items.some((r) => r.stale),
  ).toBe(false);
  clock.set('2026-11-06T15:00:00.000Z'); // 23:00 on 6 November: five days, not yet overdue
  expect(data<{ items: ReportSummary[] }>(await as('dev-cadre')('listReports', {})).items[0]).toMatchObject({
    stale: false,
    waitingDays: 5,
  });
  // A draft has no readers yet: no read count is shown for it.
  expect(await as('dev-cadre')('getReport', { reportId: 'v-dongling.2026-10' })).toMatchObject({
    data: { readCount: null },
  });
});

test('publishedCounts: what other contexts read of notices and reports, per village and China month', async () => {
  const { store, clock, as } = await setup();
  const cadre = as('dev-cadre');
  clock.set('2026-11-30T15:30:00.000Z'); // 23:30 on 30 November in China: a November notice
  const late = data<NoticeDetail>(
    await cadre('publishNotice', {
      requestId: 'notice-late-01',
      villageId: 'v-dongling',
      title: '月底通知',
      body: '月底的通知内容',
    }),
  );
  await cadre('correctNotice', {
    requestId: 'notice-late-02',
    noticeId: late.noticeId,
    baseVersion: 1,
    reason: '补充内容',
    title: '月底通知',
    body: '月底的通知内容（补充）',
  });
  clock.set('2026-11-30T16:30:00.000Z'); // 00:30 on 1 December: a December notice
  const dec = data<NoticeDetail>(
    await cadre('publishNotice', {
      requestId: 'notice-dec-01',
      villageId: 'v-dongling',
      title: '十二月通知',
      body: '十二月的通知',
    }),
  );
  await cadre('withdrawNotice', { noticeId: dec.noticeId, reason: '发错了' });

  await cadre('publishReport', { reportId: 'v-dongling.2026-10' });

  const counts = await publishedCounts(store, ['v-dongling', 'v-xihe'], '2026-10', '2026-11');
  // October: the two seed notices; November: the late one (its correction is not a new notice).
  // September's report is outside the window; October's counts by its month, not its publication.
  expect(counts.get('v-dongling')).toEqual({
    notices: 3,
    withdrawnNotices: 0,
    reports: 1,
    reportMonths: ['2026-10'],
    noticeMonths: ['2026-10', '2026-11'],
  });
  expect(counts.get('v-xihe')).toEqual({
    notices: 0,
    withdrawnNotices: 0,
    reports: 0,
    reportMonths: [],
    noticeMonths: [],
  });
  const december = await publishedCounts(store, ['v-dongling'], '2026-12', '2026-12');
  expect(december.get('v-dongling')).toMatchObject({ notices: 0, withdrawnNotices: 1 });
});

test('publishedCounts as of an instant, and the assessment reads only the window', async () => {
  const { store, clock, as } = await setup();
  clock.set('2026-11-05T02:00:00.000Z');
  await as('dev-cadre')('publishReport', { reportId: 'v-dongling.2026-10' });
  // As of 1 November, October's report was not yet out.
  const before = await publishedCounts(store, ['v-dongling'], '2026-10', '2026-10', {
    asOf: '2026-11-01T00:00:00.000Z',
  });
  expect(before.get('v-dongling')).toMatchObject({ reports: 0, notices: 2 });
  const after = await publishedCounts(store, ['v-dongling'], '2026-10', '2026-10', {
    asOf: '2026-11-06T00:00:00.000Z',
  });
  expect(after.get('v-dongling')).toMatchObject({ reports: 1, reportMonths: ['2026-10'] });

  // The assessment's source: notices and reports of the window only, never the whole history.
  const finds: { name: string; query: unknown }[] = [];
  const watched = {
    collection: <T extends { _id: string }>(name: string) => {
      const col = store.collection<T>(name);
      return {
        ...col,
        get: col.get.bind(col),
        count: col.count.bind(col),
        insert: col.insert.bind(col),
        update: col.update.bind(col),
        updateWhere: col.updateWhere.bind(col),
        remove: col.remove.bind(col),
        find: (q: Parameters<typeof col.find>[0], o?: Parameters<typeof col.find>[1]) => {
          finds.push({ name, query: q });
          return col.find(q, o);
        },
      };
    },
  };
  const pubs = await productSources.publications(
    watched,
    'v-dongling',
    { from: '2026-10', to: '2026-10' },
    '2026-11-06T00:00:00.000Z',
  );
  expect(pubs).toEqual({ reportMonths: ['2026-10'], noticeMonths: ['2026-10'], notices: 2 });
  for (const f of finds.filter((x) => x.name === 'notices'))
    expect(f.query).toMatchObject({ publishedAt: { $gte: expect.any(String) } });
  for (const f of finds.filter((x) => x.name === 'reports'))
    expect(f.query).toMatchObject({ month: { $gte: '2026-10', $lte: '2026-10' } });
  // A village that never published anything published nothing: empty, scored as such (never by hand).
  expect(
    await productSources.publications(
      store,
      'v-xihe',
      { from: '2026-10', to: '2026-10' },
      '2026-11-06T00:00:00.000Z',
    ),
  ).toEqual({ reportMonths: [], noticeMonths: [], notices: 0 });
});

test('the notice list pages in the database and never reads bodies, whatever the history', async () => {
  const { store, clock, as } = await setup({ sender: false });
  const cadre = as('dev-cadre');
  const long = '村里的事情要让大家知道。'.repeat(200);
  // Two years of notices: some expire, one is withdrawn, one is pinned.
  const published: NoticeDetail[] = [];
  for (let i = 0; i < 60; i++) {
    clock.set(new Date(Date.parse('2024-12-01T02:00:00.000Z') + i * 12 * 86_400_000).toISOString());
    published.push(
      data<NoticeDetail>(
        await cadre('publishNotice', {
          requestId: `bulk-notice-${String(i).padStart(3, '0')}`,
          villageId: 'v-dongling',
          title: `第${i + 1}号通知`,
          body: `${i + 1}：${long}`,
          pinned: i === 10,
          ...(i % 3 === 0 ? { expiresOn: chinaDay(clock.now().getTime() + 5 * 86_400_000) } : {}),
        }),
      ),
    );
  }
  await cadre('withdrawNotice', { noticeId: at(published, 59).noticeId, reason: '内容有误' });
  await cadre('correctNotice', {
    requestId: 'bulk-notice-fix',
    noticeId: at(published, 58).noticeId,
    baseVersion: 1,
    reason: '更正日期',
    title: '第59号通知（更正）',
    body: '更正后的内容',
  });
  clock.set('2026-11-23T02:00:00.000Z');

  const reads: { name: string; docs: Record<string, unknown>[] }[] = [];
  const { createRouter } = await import('../../cloudfunctions/common/router');
  const handle = createRouter(reportActions);
  const watched = {
    collection: <T extends { _id: string }>(name: string) => {
      const col = store.collection<T>(name);
      const find: typeof col.find = async (q, o) => {
        const docs = await col.find(q, o);
        reads.push({ name, docs: docs as unknown as Record<string, unknown>[] });
        return docs;
      };
      return { ...col, get: col.get.bind(col), count: col.count.bind(col), find };
    },
  };
  const list = async (input: object) => {
    const r = await handle({ action: 'listNotices', input }, 'dev-migrant', {
      store: watched as never,
      clock,
      ids: sequentialIds('l'),
    });
    return data<{ items: NoticeSummary[]; hasMore: boolean }>(r);
  };
  const pages: NoticeSummary[] = [];
  for (let skip = 0; ; skip += 7) {
    const page = await list({ scope: 'current', skip, limit: 7 });
    pages.push(...page.items);
    if (!page.hasMore) break;
  }
  const archive: NoticeSummary[] = [];
  for (let skip = 0; ; skip += 20) {
    const page = await list({ scope: 'archive', skip, limit: 20 });
    archive.push(...page.items);
    if (!page.hasMore) break;
  }
  // Each read was one page (limit + 1 at most) of list fields, never a body.
  for (const r of reads.filter((x) => x.name === 'notices')) {
    expect(r.docs.length).toBeLessThanOrEqual(21);
    for (const d of r.docs) expect(d).not.toHaveProperty('body');
  }
  // The lists together hold every notice once.
  const seed = 2; // the demo town's notices of October 2026 (one expired since)
  expect(new Set([...pages, ...archive].map((n) => n.noticeId)).size).toBe(60 + seed);
  expect(pages.length + archive.length).toBe(60 + seed);
  // Pinned first (the demo town's pinned notice is the newer one), then newest first.
  expect(pages.slice(0, 2).map((n) => [n.title, n.pinned])).toEqual([
    ['2027年度城乡居民医保开始缴费', true],
    ['第11号通知', true],
  ]);
  const rest = pages.slice(2).map((n) => n.publishedAt);
  expect(rest).toEqual([...rest].sort().reverse());
  // Expired ones are archived; the withdrawal of long ago too; the correction shows in the list.
  expect(archive.every((n) => n.expired || n.withdrawn)).toBe(true);
  expect(archive.find((n) => n.noticeId === at(published, 59).noticeId)).toMatchObject({ withdrawn: true });
  expect(pages.find((n) => n.noticeId === at(published, 58).noticeId)).toMatchObject({
    title: '第59号通知（更正）',
    excerpt: '更正后的内容',
  });
  expect(pages.find((n) => n.noticeId === at(published, 56).noticeId)?.excerpt).toMatch(/^57：村里.*…$/);
});

test('publishing replies within seconds however many subscribers; the timer sends the rest, once each', async () => {
  const inner = await seededStore();
  const clock = fixedClock(NOW);
  // Every database operation and every send costs time on the clock, one after another.
  const slow = (ms: number) => clock.advance(ms);
  const store = {
    collection: <T extends { _id: string }>(name: string) => {
      const col = inner.collection<T>(name);
      return {
        get: (id: string) => (slow(20), col.get(id)),
        find: (q: Parameters<typeof col.find>[0], o?: Parameters<typeof col.find>[1]) => (
          slow(20),
          col.find(q, o)
        ),
        count: (q: Parameters<typeof col.count>[0]) => (slow(20), col.count(q)),
        insert: (d: T) => (slow(20), col.insert(d)),
        update: (id: string, ops: Parameters<typeof col.update>[1]) => (slow(20), col.update(id, ops)),
        updateWhere: (q: Parameters<typeof col.count>[0], ops: Parameters<typeof col.update>[1]) => (
          slow(20),
          col.updateWhere(q, ops)
        ),
        remove: (id: string) => (slow(20), col.remove(id)),
      };
    },
  };
  for (let i = 0; i < 300; i++) {
    const openid = `w${String(i).padStart(3, '0')}`;
    await usersOf(inner).insert({
      _id: openid,
      name: `外出务工${i}`,
      townId: 't-qingshi',
      villageId: 'v-dongling',
      roles: ['migrant'],
      boundAt: NOW,
      via: 'seed',
    });
    await grantsOf(inner).insert({
      _id: `${openid}|monthlyReport`,
      openid,
      villageId: 'v-dongling',
      template: 'monthlyReport',
      oneTime: 1,
      longTerm: false,
      lastAnswer: 'accept',
      updatedAt: NOW,
    });
  }
  const received = new Map<string, number>();
  const sender = {
    send: async (msg: { touser: string }) => {
      slow(200);
      received.set(msg.touser, (received.get(msg.touser) ?? 0) + 1);
      return { ok: true as const };
    },
  };
  const env = { store, clock, ids: sequentialIds('p'), services: { subscribeSender: sender } };
  const handle = createRouter(reportActions);
  const start = clock.now().getTime();
  const reply = await handle(
    { action: 'publishReport', input: { reportId: 'v-dongling.2026-10' } },
    'dev-cadre',
    env,
  );
  // WeChat's default function timeout is 3 s; a cadre should not wait longer either.
  expect(clock.now().getTime() - start).toBeLessThan(3_000);
  const first = data<{ delivery: { counts: Record<string, number> } }>(reply);
  expect(first.delivery.counts.queued ?? 0).toBeGreaterThan(0);
  for (let i = 0; i < 20 && received.size < 300; i++) {
    clock.advance(5 * 60_000);
    await runTick(env, { owner: `tick-${i}` });
  }
  expect([...received.keys()].filter((k) => k.startsWith('w'))).toHaveLength(300);
  expect([...received.values()].every((n) => n === 1)).toBe(true);
}, 60_000);

function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

describe('delivery accounting: at most once, honestly counted (issue: the two-grant resend)', () => {
  /** A village of its own (independent of the demo seed): one cadre, one migrant. */
  async function village(sender: SubscribeSender) {
    const store = nedbStore();
    const clock = fixedClock(NOW);
    await townsOf(store).insert({ _id: 't9', name: '试点镇' });
    await villagesOf(store).insert({ _id: 'v9', name: '河口', townId: 't9', trackingSince: '2026-01' });
    for (const [id, roles] of [
      ['c9', ['cadre']],
      ['m9', ['resident', 'migrant']],
    ] as const)
      await usersOf(store).insert({
        _id: id,
        name: id,
        townId: 't9',
        villageId: 'v9',
        roles: [...roles],
        boundAt: NOW,
        via: 'seed',
      });
    const env = { store, clock, ids: sequentialIds('g'), services: { subscribeSender: sender } };
    const handle = createRouter(reportActions);
    const as = (openid: string) => (action: string, input: unknown) => handle({ action, input }, openid, env);
    const tick = async (n: number) => {
      for (let i = 0; i < n; i++) {
        clock.advance(60 * 60_000);
        await runTick(env, { owner: `tick-${i}` });
      }
    };
    return { store, clock, as, tick };
  }

  /** WeChat delivers the message, then the answer is lost: the sender throws. */
  function lostAnswers() {
    const received: string[] = [];
    const sender: SubscribeSender = {
      send: async (msg) => {
        received.push(msg.touser);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    };
    return { received, sender };
  }

  const notice = { villageId: 'v9', title: '停水通知', body: '明天上午停水，请提前储水。' };

  test.each([
    ['two one-time grants', 2, false],
    ['a long-term grant', 0, true],
    ['one one-time grant', 1, false],
  ])(
    '%s and an exception after the request left: one message, counted unconfirmed (not sent, not refused)',
    async (_, taps, longTerm) => {
      const wechat = lostAnswers();
      const { store, as, tick } = await village(wechat.sender);
      for (let i = 0; i < taps; i++)
        data(
          await as('m9')('subscribe', {
            requestId: `tap-m9-${i}`,
            answers: [{ template: 'notice', answer: 'accept' }],
          }),
        );
      if (longTerm)
        await grantsOf(store).insert({
          _id: 'm9|notice',
          openid: 'm9',
          villageId: 'v9',
          template: 'notice',
          oneTime: 0,
          longTerm: true,
          lastAnswer: 'accept',
          updatedAt: NOW,
        });
      const published = data<NoticeDetail>(
        await as('c9')('publishNotice', { requestId: 'notice-0001', ...notice }),
      );
      await tick(8); // hours of timer ticks: nothing is sent again
      expect(wechat.received).toEqual(['m9']);
      const status = data<DeliveryStatus>(
        await as('c9')('deliveryStatus', { subjectId: published.noticeId }),
      );
      expect(status).toMatchObject({ state: 'done', planned: 2, counts: { unconfirmed: 1, noGrant: 1 } });
      expect(status.counts.sent ?? 0).toBe(0);
      expect(status.counts.refused ?? 0).toBe(0);
      // What the cadre reads adds up, and says the message may have arrived.
      expect(deliveryLines(status)).toEqual({
        total: 2,
        lines: [
          { label: '可能已送达（未确认，不再重发）', count: 1 },
          { label: '发布时未订阅', count: 1 },
        ],
      });
      // The message probably used its grant; a long-term grant stays.
      const mine = data<{ subscriptions: { template: string; remaining: number; longTerm: boolean }[] }>(
        await as('m9')('mySubscriptions', {}),
      ).subscriptions.find((s) => s.template === 'notice');
      expect(mine).toMatchObject({ remaining: Math.max(taps - 1, 0), longTerm });
    },
  );

  test('a transient WeChat error (nothing delivered) is tried again: one message, counted sent', async () => {
    const received: string[] = [];
    let calls = 0;
    const sender: SubscribeSender = {
      send: async (msg) => {
        if (++calls === 1) return { ok: false, code: -1, message: 'system busy' };
        received.push(msg.touser);
        return { ok: true };
      },
    };
    const { as, tick } = await village(sender);
    await as('m9')('subscribe', {
      requestId: 'tap-m9-0',
      answers: [{ template: 'notice', answer: 'accept' }],
    });
    const published = data<NoticeDetail>(
      await as('c9')('publishNotice', { requestId: 'notice-0002', ...notice }),
    );
    await tick(3);
    expect(received).toEqual(['m9']);
    expect(
      data<DeliveryStatus>(await as('c9')('deliveryStatus', { subjectId: published.noticeId })),
    ).toMatchObject({
      state: 'done',
      counts: { sent: 1, noGrant: 1 },
    });
  });

  test('grants are counted once per tap (request id) and never beyond what WeChat can hold', async () => {
    const { as } = await village({ send: async () => ({ ok: true }) });
    const remaining = async () =>
      data<{ subscriptions: { template: string; remaining: number }[] }>(
        await as('m9')('mySubscriptions', {}),
      ).subscriptions.find((s) => s.template === 'notice')?.remaining;
    const accept = { template: 'notice', answer: 'accept' };
    // The same tap reported 20 times, and one tap naming the template three times.
    for (let i = 0; i < 20; i++)
      data(await as('m9')('subscribe', { requestId: 'tap-same-0001', answers: [accept] }));
    data(await as('m9')('subscribe', { requestId: 'tap-thrice-01', answers: [accept, accept, accept] }));
    expect(await remaining()).toBe(2);
    // 25 taps, some at once: counted up to the cap, no further.
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        as('m9')('subscribe', { requestId: `tap-many-${String(i).padStart(4, '0')}`, answers: [accept] }),
      ),
    );
    expect(await remaining()).toBe(MAX_ONE_TIME_GRANTS);
    // A refusal is recorded and does not add.
    data(
      await as('m9')('subscribe', {
        requestId: 'tap-reject-01',
        answers: [{ template: 'notice', answer: 'reject' }],
      }),
    );
    expect(await remaining()).toBe(MAX_ONE_TIME_GRANTS);
  });
});

describe('drafts never show stale money; the town picks a month and sees recorded reminders', () => {
  async function town() {
    const store = nedbStore();
    const clock = fixedClock('2026-10-20T02:00:00.000Z');
    await townsOf(store).insert({ _id: 't8', name: '试点镇' });
    for (const [id, name] of [
      ['v8', '河口'],
      ['v7', '山前'],
    ] as const)
      await villagesOf(store).insert({ _id: id, name, townId: 't8', trackingSince: '2026-09' });
    for (const [id, roles, villageId] of [
      ['c8', ['cadre'], 'v8'],
      ['r8', ['resident'], 'v8'],
      ['town8', ['townAdmin'], null],
    ] as const)
      await usersOf(store).insert({
        _id: id,
        name: id,
        townId: 't8',
        villageId,
        roles: [...roles],
        boundAt: NOW,
        via: 'seed',
      });
    const env = { store, clock, ids: sequentialIds('d') };
    const report = createRouter(reportActions);
    const disclosure = createRouter(disclosureActions);
    const as = (openid: string) => (action: string, input: unknown) => report({ action, input }, openid, env);
    const disclose = (action: string, input: unknown) => disclosure({ action, input }, 'c8', env);
    return { store, clock, as, disclose, env };
  }
  const item = (amountFen: number) => ({
    direction: 'income',
    amountFen,
    category: '经营收入',
    note: '租金',
  });

  test('a corrected disclosure recomposes the draft, says what changed, moves 汇总于; publishing what was not reviewed is refused', async () => {
    const { store, clock, as, disclose } = await town();
    clock.set('2026-11-01T01:00:00.000Z');
    const published = data<{ seriesId: string }>(
      await disclose('publish', {
        requestId: 'fin-v8-2026-10',
        villageId: 'v8',
        category: 'finance',
        title: '十月财务公开',
        periodKey: '2026-10',
        items: [item(120_000)],
      }),
    );
    clock.set('2026-11-01T02:00:00.000Z');
    const draft = data<ReportDetail>(await as('c8')('draftReport', { villageId: 'v8', month: '2026-10' }));
    expect(draft.content.finance.totals?.incomeFen).toBe(120_000);
    expect([draft.contentAsOf, draft.changes]).toEqual(['2026-11-01T02:00:00.000Z', null]);

    // The cadre reviewed that draft; on the 3rd the finance disclosure is corrected.
    clock.set('2026-11-03T02:00:00.000Z');
    data(
      await disclose('correct', {
        requestId: 'fin-v8-2026-10-fix',
        seriesId: published.seriesId,
        baseVersion: 1,
        reason: '租金金额录入错误',
        title: '十月财务公开',
        periodKey: '2026-10',
        items: [item(150_000)],
      }),
    );
    // Publishing the reviewed draft now is refused, and writes nothing.
    expect(
      await as('c8')('publishReport', { reportId: draft.reportId, seenAsOf: draft.contentAsOf }),
    ).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    expect(await reportsOf(store).get(draft.reportId)).toMatchObject({
      status: 'draft',
      content: { finance: { totals: { incomeFen: 120_000 } } },
    });

    // Opening the draft shows the new money, what changed and when it was recomposed.
    clock.set('2026-11-04T02:00:00.000Z');
    const fresh = data<ReportDetail>(await as('c8')('getReport', { reportId: draft.reportId }));
    expect(fresh.content.finance.totals?.incomeFen).toBe(150_000);
    expect(fresh.contentAsOf).toBe('2026-11-04T02:00:00.000Z');
    expect(fresh.composedAt).toBe('2026-11-01T02:00:00.000Z'); // the reminder still counts from the draft
    expect(fresh.changes).toEqual({
      at: '2026-11-04T02:00:00.000Z',
      lines: ['本月收入由 ¥1,200.00 变为 ¥1,500.00', '《十月财务公开》已更正为第 2 版'],
    });
    // The cadre's list shows the same money.
    expect(
      at(data<{ items: ReportSummary[] }>(await as('c8')('listReports', { villageId: 'v8' })).items, 0)
        .totals,
    ).toMatchObject({ incomeFen: 150_000 });
    // A page opened before that refresh cannot publish; the refreshed one can.
    expect(
      await as('c8')('publishReport', { reportId: draft.reportId, seenAsOf: draft.contentAsOf }),
    ).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    const out = data<{ report: ReportDetail }>(
      await as('c8')('publishReport', { reportId: draft.reportId, seenAsOf: fresh.contentAsOf }),
    );
    expect(out.report).toMatchObject({
      status: 'published',
      content: { finance: { totals: { incomeFen: 150_000 } } },
    });
    // Villagers never see the list of changes.
    expect(data<ReportDetail>(await as('r8')('getReport', { reportId: draft.reportId })).changes).toBeNull();
  });

  test('the town picks any closed month; a reminder shows only once the timer recorded it, and the town sees it', async () => {
    const { clock, as, env } = await town();
    clock.set('2026-11-01T02:00:00.000Z');
    await runTick(env, { owner: 'tick-1' }); // drafts October for both villages
    const october = data<TownReports>(await as('town8')('townReports', {}));
    expect([october.month, october.latestMonth]).toEqual(['2026-10', '2026-10']);
    expect(october.villages.map((v) => [v.villageName, v.report?.status])).toEqual([
      ['河口', 'draft'],
      ['山前', 'draft'],
    ]);
    expect(october.reminders).toEqual([]);
    // A month picked: September has no reports; the current month cannot be picked.
    const september = data<TownReports>(await as('town8')('townReports', { month: '2026-09' }));
    expect(september.villages.every((v) => v.report === null)).toBe(true);
    expect(await as('town8')('townReports', { month: '2026-11' })).toMatchObject({
      ok: false,
      code: 'REPORT_MONTH_OPEN',
    });

    // Six days on, before any tick: the draft is late, but nobody has been reminded yet.
    clock.set('2026-11-07T02:00:00.000Z');
    const waiting = data<ReportDetail>(await as('c8')('getReport', { reportId: 'v8.2026-10' }));
    expect([waiting.stale, waiting.flaggedAt]).toEqual([true, null]);
    expect(data<TownReports>(await as('town8')('townReports', {})).reminders).toEqual([]);
    // The timer records the reminders; the town sees them (also from another month's page).
    await runTick(env, { owner: 'tick-2' });
    const later = data<TownReports>(await as('town8')('townReports', { month: '2026-09' }));
    expect(later.reminders.map((r) => [r.villageName, r.month, r.remindedAt, r.waitingDays])).toEqual(
      [
        ['河口', '2026-10', '2026-11-07T02:00:00.000Z', 6],
        ['山前', '2026-10', '2026-11-07T02:00:00.000Z', 6],
      ].sort((a, b) => (a[0] as string).localeCompare(b[0] as string, 'zh')),
    );
    expect(data<ReportDetail>(await as('c8')('getReport', { reportId: 'v8.2026-10' })).flaggedAt).toBe(
      '2026-11-07T02:00:00.000Z',
    );
    // Once published, the reminder is settled.
    await as('c8')('publishReport', { reportId: 'v8.2026-10' });
    expect(
      data<TownReports>(await as('town8')('townReports', {})).reminders.map((r) => r.villageName),
    ).toEqual(['山前']);
    // Only the town's admins see this.
    expect(await as('c8')('townReports', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  });
});
