import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { recountReads } from '../../cloudfunctions/report/actions';
import { reportActions } from '../../cloudfunctions/report/actions';
import { outboxSender } from '../../cloudfunctions/common/subscribe';
import { reportsOf } from '../../cloudfunctions/report/store';

const NOW = '2026-11-23T02:00:00.000Z';

async function setup() {
  const store = nedbStore();
  await seedDemoTown(store);
  const clock = fixedClock(NOW);
  const outbox = outboxSender(() => clock.now());
  const handle = createRouter(reportActions);
  const env = { store, clock, ids: sequentialIds('h'), services: { subscribeSender: outbox } };
  const as =
    (openid: string) =>
    async (action: string, input: unknown = {}) =>
      handle({ action, input }, openid, env);
  return { store, clock, outbox, as };
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
  expect(mine[0].page).toBe('report/pages/view/index?id=v-dongling.2026-10');
  expect(mine[0].data.thing1.value).toBe('东岭村2026年10月村情月报');
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
