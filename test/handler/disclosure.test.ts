/**
 * 三务公开 through its router on the embedded store, with a fixed clock: what a cadre publishes,
 * what a villager reads, what a town official sees, and what nobody may do.
 */
import type {
  CadenceStatus,
  DisclosureDetail,
  DisclosureSummary,
} from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { coverageOf, headsOf, versionsOf, type VersionDoc } from '../../cloudfunctions/disclosure/store';
import { findAll, type Doc, type Store } from '../../cloudfunctions/common/store/port';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { CJK, P, VILLAGE_A, VILLAGE_B, VILLAGE_C, callerFor, okData, snapshot, testEnv } from './builders';
import { twoTownsEach } from './world';
import { at } from '../must';

const ITEMS = [
  { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
  { direction: 'income', category: '发包及上交收入', amountFen: 1_234_567, note: '土地承包费' },
  { direction: 'expense', category: '管理费用', amountFen: 960_001, note: '误工补贴' },
  { direction: 'expense', category: '公益支出', amountFen: 150_050, note: '道路保洁' },
];
const TOTALS = { incomeFen: 4_234_567, expenseFen: 1_110_051, balanceFen: 3_124_516 };

let rid = 0;
const requestId = () => `req-${String(++rid).padStart(6, '0')}`;

const finance = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  villageId: VILLAGE_A,
  category: 'finance',
  title: '甲村2026年2月财务收支公开',
  periodKey: '2026-02',
  body: '现将本月收支公开如下。',
  items: ITEMS,
  ...over,
});

const affairs = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  villageId: VILLAGE_A,
  category: 'affairs',
  title: '甲村村务公开',
  periodKey: '2026-Q1',
  body: '低保名单已公示。',
  ...over,
});

/** A file id as WeChat cloud storage hands it out. */
const CLOUD_FILE = 'cloud://prod-4g1x2.7072-prod-4g1x2-1318000000/disclosures/v-a/m1k2x3.jpg';

const w = twoTownsEach();
const call = w.caller(disclosureActions);

async function publish(input: Record<string, unknown>, who: string = P.cadreA): Promise<DisclosureDetail> {
  return okData<DisclosureDetail>(await call(who, 'publish', input));
}

describe('publish', () => {
  test('a finance disclosure gets totals computed on the server from its line items', async () => {
    const d = await publish(finance({ totals: { incomeFen: 1, expenseFen: 0, balanceFen: 1 } }));
    expect(d).toMatchObject({
      category: 'finance',
      periodKey: '2026-02',
      version: 1,
      latestVersion: 1,
      totals: TOTALS,
    });
    expect(d.items).toHaveLength(4);
    expect(d.publisherName).toBe('李明华');
    expect(d.versions).toEqual([{ version: 1, publishedAt: '2026-03-15T02:00:00.000Z', reason: null }]);
    // What is stored, not only what is returned.
    const v = at(await findAll(versionsOf(w.store), {}), 0, 'a stored version');
    expect(v.totals).toEqual(TOTALS);
    expect((await headsOf(w.store).get(d.seriesId))?.totals).toEqual(TOTALS);
    // The reader sees the same totals.
    const read = okData<DisclosureDetail>(await call(P.residentA, 'get', { seriesId: d.seriesId }));
    expect(read.totals).toEqual(TOTALS);
  });

  test('non-finance disclosures carry no totals and no items', async () => {
    const d = await publish(affairs());
    expect(d.totals).toBeNull();
    expect(d.items).toEqual([]);
  });

  test('a retry with the same requestId publishes once', async () => {
    const input = finance();
    const first = await publish(input);
    w.clock.advance(60_000);
    const again = await publish({ ...input, title: '重复提交的标题' });
    expect(again.seriesId).toBe(first.seriesId);
    expect(again.title).toBe(first.title);
    expect(again.publishedAt).toBe(first.publishedAt);
    expect(await versionsOf(w.store).count({})).toBe(1);
    expect(await headsOf(w.store).count({})).toBe(1);
    expect((await coverageOf(w.store).get(VILLAGE_A))?.finance).toEqual(['2026-02']);
  });

  test('concurrent retries of one request still publish once', async () => {
    const input = finance();
    const replies = await Promise.all(Array.from({ length: 5 }, () => call(P.cadreA, 'publish', input)));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(new Set(replies.map((r) => okData<DisclosureDetail>(r).seriesId)).size).toBe(1);
    expect(await versionsOf(w.store).count({})).toBe(1);
    expect(await headsOf(w.store).count({})).toBe(1);
  });

  test('a monthly village-affairs disclosure counts toward its quarter', async () => {
    await publish(affairs({ periodKey: '2026-02' }));
    expect((await coverageOf(w.store).get(VILLAGE_A))?.affairs).toEqual(['2026-Q1']);
  });

  test('a major matter does not stand in for the routine quarterly disclosure', async () => {
    await publish(
      affairs({ major: true, periodKey: '2026-02', occurredOn: '2026-02-20', title: '土地流转决定' }),
    );
    expect((await coverageOf(w.store).get(VILLAGE_A))?.affairs).toEqual([]);
    expect((await coverageOf(w.store).get(VILLAGE_A))?.lastPublishedAt).toBe('2026-03-15T02:00:00.000Z');
    await publish(affairs({ periodKey: '2026-03' }));
    expect((await coverageOf(w.store).get(VILLAGE_A))?.affairs).toEqual(['2026-Q1']);
  });

  test('a period that has not started yet is refused and nothing is written', async () => {
    const before = await snapshot(w.store);
    const r = await call(P.cadreA, 'publish', finance({ periodKey: '2026-04' }));
    expect(r).toMatchObject({ ok: false, code: 'PERIOD_NOT_STARTED' });
    expect(r.ok || r.message).toMatch(CJK);
    const q = await call(P.cadreA, 'publish', affairs({ periodKey: '2026-Q2' }));
    expect(q).toMatchObject({ ok: false, code: 'PERIOD_NOT_STARTED' });
    expect(await snapshot(w.store)).toEqual(before);
    // The running quarter is fine (a quarterly disclosure often goes up at its end).
    await publish(affairs({ periodKey: '2026-Q1' }));
  });

  test('the running month’s accounts cannot be disclosed before the month closes (China time)', async () => {
    const before = await snapshot(w.store);
    // 1 March, 08:00 in China: one line would otherwise mark March disclosed.
    w.clock.set('2026-03-01T00:00:00.000Z');
    const early = await call(
      P.cadreA,
      'publish',
      finance({ periodKey: '2026-03', items: [ITEMS[0]], title: '甲村2026年3月财务收支公开' }),
    );
    expect(early).toMatchObject({ ok: false, code: 'MONTH_NOT_ENDED' });
    expect(early.ok || early.message).toContain('该月结束后');
    // 31 March, 23:59 in China: still March.
    w.clock.set('2026-03-31T15:59:00.000Z');
    expect(await call(P.cadreA, 'publish', finance({ periodKey: '2026-03' }))).toMatchObject({
      code: 'MONTH_NOT_ENDED',
    });
    expect(await snapshot(w.store)).toEqual(before);
    // 1 April, 00:00 in China: March is closed.
    w.clock.set('2026-03-31T16:00:00.000Z');
    await publish(finance({ periodKey: '2026-03' }));
    expect((await coverageOf(w.store).get(VILLAGE_A))?.finance).toEqual(['2026-03']);
    // Village affairs of the running month and quarter may go up at once.
    await publish(affairs({ periodKey: '2026-04' }));
    await publish(affairs({ category: 'party', title: '党务公开', periodKey: '2026-Q2' }));
  });

  test('a major finance matter of the running month goes up at once, and covers no month', async () => {
    const d = await publish(
      finance({ major: true, occurredOn: '2026-03-12', periodKey: '2026-03', title: '村集体大额支出事项' }),
    );
    expect(d.major).toBe(true);
    expect((await coverageOf(w.store).get(VILLAGE_A))?.finance).toEqual([]);
  });

  test('a correction cannot move a disclosure into the running month, but may keep its period', async () => {
    const feb = await publish(finance({ periodKey: '2026-02' }));
    const before = await snapshot(w.store);
    const moved = await call(P.cadreA, 'correct', {
      requestId: requestId(),
      seriesId: feb.seriesId,
      baseVersion: 1,
      reason: '改到本月',
      title: feb.title,
      periodKey: '2026-03',
      items: ITEMS,
    });
    expect(moved).toMatchObject({ ok: false, code: 'MONTH_NOT_ENDED' });
    expect(await snapshot(w.store)).toEqual(before);
    okData(
      await call(P.cadreA, 'correct', {
        requestId: requestId(),
        seriesId: feb.seriesId,
        baseVersion: 1,
        reason: '金额有误',
        title: feb.title,
        periodKey: '2026-02',
        items: ITEMS.slice(0, 2),
      }),
    );
  });

  test('attachments must be in our own storage, never an outside web address', async () => {
    const ok = await publish(
      affairs({
        attachments: [
          { fileId: CLOUD_FILE, name: '公示照片' },
          { fileId: '/files/3f9a0c1d2e4b5a6978bc0d1e.png', name: '本地上传' },
          { fileId: '/static/demo/receipt.svg', name: '示例' },
        ],
      }),
    );
    expect(ok.attachments.map((a) => a.fileId)).toHaveLength(3);
    const before = await snapshot(w.store);
    for (const fileId of [
      'https://tracker.example.com/pixel.png',
      'http://192.168.1.5/a.jpg',
      '//tracker.example.com/a.png',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'javascript:alert(1)',
      '/files/../secret.png',
      '/static/../../etc/passwd',
      '/api/files',
      'cloud://',
    ]) {
      const r = await call(P.cadreA, 'publish', affairs({ attachments: [{ fileId, name: '外链' }] }));
      expect([fileId, r]).toMatchObject([fileId, { ok: false, code: 'BAD_INPUT' }]);
      if (!r.ok)
        expect(r.issues?.[0]).toMatchObject({
          path: 'attachments.0.fileId',
          message: expect.stringMatching(CJK),
        });
    }
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('a major matter needs its date, which cannot lie in the future', async () => {
    const noDate = await call(P.cadreA, 'publish', affairs({ major: true, periodKey: '2026-03' }));
    expect(noDate).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const future = await call(
      P.cadreA,
      'publish',
      affairs({ major: true, periodKey: '2026-03', occurredOn: '2026-03-16' }),
    );
    expect(future).toMatchObject({ ok: false, code: 'OCCURRED_IN_FUTURE' });
    expect(w.store.writes()).toBe(0);
    const d = await publish(affairs({ major: true, periodKey: '2026-03', occurredOn: '2026-03-15' }));
    expect(d).toMatchObject({ major: true, occurredOn: '2026-03-15' });
  });

  test('an impossible date or a period out of range is refused with a Chinese message and writes nothing', async () => {
    const before = await snapshot(w.store);
    // 2026-02-31 would roll into 3 March if a Date parsed it.
    const feb31 = await call(
      P.cadreA,
      'publish',
      affairs({ major: true, periodKey: '2026-02', occurredOn: '2026-02-31' }),
    );
    expect(feb31).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(feb31.ok || feb31.message).toContain('没有这一天');
    const year0 = await call(P.cadreA, 'publish', affairs({ periodKey: '0000-Q1' }));
    expect(year0).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(year0.ok || year0.message).toContain('年份应在');
    expect(await snapshot(w.store)).toEqual(before);
  });
});

describe('correct', () => {
  let original: DisclosureDetail;
  const correction = (over: Record<string, unknown> = {}) => ({
    requestId: requestId(),
    seriesId: original.seriesId,
    baseVersion: 1,
    reason: '误工补贴金额录入有误',
    title: '甲村2026年2月财务收支公开（更正）',
    periodKey: '2026-02',
    body: '更正后的收支如下。',
    items: [...ITEMS.slice(0, 2), { ...ITEMS[2], amountFen: 96_000 }, ITEMS[3]],
    ...over,
  });

  beforeEach(async () => {
    original = await publish(finance());
    w.clock.advance(3_600_000);
  });

  test('makes a new version with its reason; the old one stays readable; the head shows the latest', async () => {
    const v2 = okData<DisclosureDetail>(await call(P.cadreA, 'correct', correction()));
    expect(v2).toMatchObject({
      seriesId: original.seriesId,
      version: 2,
      latestVersion: 2,
      reason: '误工补贴金额录入有误',
    });
    expect(v2.totals).toEqual({ incomeFen: 4_234_567, expenseFen: 246_050, balanceFen: 3_988_517 });
    expect(v2.firstPublishedAt).toBe(original.publishedAt);
    expect(v2.versions).toEqual([
      { version: 1, publishedAt: '2026-03-15T02:00:00.000Z', reason: null },
      { version: 2, publishedAt: '2026-03-15T03:00:00.000Z', reason: '误工补贴金额录入有误' },
    ]);

    const latest = okData<DisclosureDetail>(await call(P.residentA, 'get', { seriesId: original.seriesId }));
    expect(latest).toMatchObject({ version: 2, title: '甲村2026年2月财务收支公开（更正）' });
    const old = okData<DisclosureDetail>(
      await call(P.residentA, 'get', { seriesId: original.seriesId, version: 1 }),
    );
    expect(old).toMatchObject({
      version: 1,
      latestVersion: 2,
      title: original.title,
      totals: TOTALS,
      reason: null,
    });
    expect(old.items).toEqual(original.items);

    const list = okData<{ items: DisclosureSummary[] }>(await call(P.residentA, 'list', {}));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ version: 2, title: '甲村2026年2月财务收支公开（更正）' });

    const missing = await call(P.residentA, 'get', { seriesId: original.seriesId, version: 3 });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  test('the published version is never edited in place', async () => {
    const before = await versionsOf(w.store).get(`${original.seriesId}.v1`);
    await call(P.cadreA, 'correct', correction());
    expect(await versionsOf(w.store).get(`${original.seriesId}.v1`)).toEqual(before);
  });

  test('two corrections from the same base: one wins, the other gets VERSION_CONFLICT', async () => {
    const [a, b] = await Promise.all([
      call(P.cadreA, 'correct', correction({ reason: '第一位干部的更正' })),
      call(P.cadreA, 'correct', correction({ reason: '第二位干部的更正' })),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    expect(await versionsOf(w.store).count({ seriesId: original.seriesId })).toBe(2);
    expect((await headsOf(w.store).get(original.seriesId))?.version).toBe(2);
  });

  test('a correction from a stale base is refused', async () => {
    okData(await call(P.cadreA, 'correct', correction()));
    const stale = await call(P.cadreA, 'correct', correction({ reason: '基于旧版本的更正' }));
    expect(stale).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    const ahead = await call(P.cadreA, 'correct', correction({ baseVersion: 5 }));
    expect(ahead).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    expect(await versionsOf(w.store).count({ seriesId: original.seriesId })).toBe(2);
  });

  test('a retry with the same requestId is idempotent, even after a later correction', async () => {
    const input = correction();
    const first = okData<DisclosureDetail>(await call(P.cadreA, 'correct', input));
    const again = okData<DisclosureDetail>(await call(P.cadreA, 'correct', input));
    expect(again).toMatchObject({ version: 2, publishedAt: first.publishedAt });
    expect(await versionsOf(w.store).count({ seriesId: original.seriesId })).toBe(2);

    okData(await call(P.cadreA, 'correct', correction({ baseVersion: 2, reason: '再次更正' })));
    const late = okData<DisclosureDetail>(await call(P.cadreA, 'correct', input));
    expect(late).toMatchObject({ version: 2, latestVersion: 3 });
    expect(await versionsOf(w.store).count({ seriesId: original.seriesId })).toBe(3);
    expect((await headsOf(w.store).get(original.seriesId))?.version).toBe(3);
  });

  test('a correction that stopped before updating the head is surfaced on the next conflict', async () => {
    // An earlier request wrote version 2 and stopped before moving the head.
    const v1 = (await versionsOf(w.store).get(`${original.seriesId}.v1`)) as VersionDoc;
    await versionsOf(w.store).insert({
      ...v1,
      _id: `${original.seriesId}.v2`,
      version: 2,
      requestId: 'req-halfway',
      reason: '半途的更正',
      title: '半途的标题',
    });
    const r = await call(P.cadreA, 'correct', correction());
    expect(r).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    const head = await headsOf(w.store).get(original.seriesId);
    expect(head).toMatchObject({ version: 2, title: '半途的标题' });
    // The cadre refreshes, bases on version 2 and succeeds.
    okData(await call(P.cadreA, 'correct', correction({ baseVersion: 2 })));
    expect((await headsOf(w.store).get(original.seriesId))?.version).toBe(3);
  });

  test('a slow write of an older version never overwrites a newer head', async () => {
    // Hold the first head update of one request, let a retry and a later correction finish,
    // then let the held write go through: the head must stay at the newest version.
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let armed = true;
    const gated: Store = {
      collection<T extends Doc>(name: string) {
        const col = w.store.collection<T>(name);
        if (name !== 'disclosures') return col;
        const hold =
          <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
          async (...a: A): Promise<R> => {
            if (armed) {
              armed = false;
              arrived();
              await gate;
            }
            return f(...a);
          };
        return { ...col, update: hold(col.update), updateWhere: hold(col.updateWhere) };
      },
    };
    const slowCall = callerFor(disclosureActions, { store: gated, clock: w.clock, ids: { next: () => 'x' } });
    const input = correction({ title: '第二版' });
    const slow = slowCall(P.cadreA, 'correct', input);
    await reached;
    okData(await call(P.cadreA, 'correct', input)); // the client's retry completes version 2
    okData(await call(P.cadreA, 'correct', correction({ baseVersion: 2, title: '第三版' })));
    release();
    okData(await slow);
    expect(await headsOf(w.store).get(original.seriesId)).toMatchObject({ version: 3, title: '第三版' });
    expect(
      okData<DisclosureDetail>(await call(P.residentA, 'get', { seriesId: original.seriesId })).title,
    ).toBe('第三版');
  });

  test('moving a correction to another month moves the coverage with it', async () => {
    okData(await call(P.cadreA, 'correct', correction({ periodKey: '2026-01' })));
    expect((await coverageOf(w.store).get(VILLAGE_A))?.finance).toEqual(['2026-01']);
  });

  test('a finance correction must stay monthly and keep line items; nothing is written otherwise', async () => {
    const before = await snapshot(w.store);
    const quarter = await call(P.cadreA, 'correct', correction({ periodKey: '2026-Q1' }));
    expect(quarter).toMatchObject({ ok: false, code: 'CORRECTION_INVALID' });
    const empty = await call(P.cadreA, 'correct', correction({ items: [] }));
    expect(empty).toMatchObject({ ok: false, code: 'CORRECTION_INVALID' });
    const future = await call(P.cadreA, 'correct', correction({ periodKey: '2026-05' }));
    expect(future).toMatchObject({ ok: false, code: 'PERIOD_NOT_STARTED' });
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('a correction needs a reason', async () => {
    const r = await call(P.cadreA, 'correct', correction({ reason: '' }));
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(r.ok ? [] : r.issues?.map((i) => i.path)).toContain('reason');
  });
});

describe('list', () => {
  beforeEach(async () => {
    for (const m of ['2026-01', '2026-02'])
      await publish(finance({ periodKey: m, title: `甲村${m}财务公开` }));
    await publish(finance({ periodKey: '2025-12', title: '甲村2025-12财务公开' }));
    await publish(affairs({ periodKey: '2026-Q1' }));
    await publish(affairs({ category: 'party', title: '甲村党支部党务公开', periodKey: '2025-Q4' }));
    await publish(finance({ villageId: VILLAGE_B, title: '乙村财务公开' }), P.cadreB);
  });

  const periods = (r: unknown) =>
    okData<{ items: DisclosureSummary[] }>(r as never).items.map((i) => `${i.category}:${i.periodKey}`);

  test('a villager sees their own village, newest period first', async () => {
    expect(periods(await call(P.residentA, 'list', {}))).toEqual([
      'affairs:2026-Q1',
      'finance:2026-02',
      'finance:2026-01',
      'party:2025-Q4',
      'finance:2025-12',
    ]);
  });

  test('filters by category and by year', async () => {
    expect(periods(await call(P.residentA, 'list', { category: 'finance' }))).toEqual([
      'finance:2026-02',
      'finance:2026-01',
      'finance:2025-12',
    ]);
    expect(periods(await call(P.residentA, 'list', { year: 2025 }))).toEqual([
      'party:2025-Q4',
      'finance:2025-12',
    ]);
    expect(periods(await call(P.residentA, 'list', { category: 'party', year: 2026 }))).toEqual([]);
  });

  test('pages with limit and skip and says whether more follow', async () => {
    const p1 = okData<{ items: DisclosureSummary[]; hasMore: boolean }>(
      await call(P.residentA, 'list', { limit: 2 }),
    );
    const p2 = okData<{ items: DisclosureSummary[]; hasMore: boolean }>(
      await call(P.residentA, 'list', { limit: 2, skip: 2 }),
    );
    const p3 = okData<{ items: DisclosureSummary[]; hasMore: boolean }>(
      await call(P.residentA, 'list', { limit: 2, skip: 4 }),
    );
    expect([p1.hasMore, p2.hasMore, p3.hasMore]).toEqual([true, true, false]);
    const all = [...p1.items, ...p2.items, ...p3.items].map((i) => i.seriesId);
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
  });

  test('finance summaries carry totals for the list view', async () => {
    const r = okData<{ items: DisclosureSummary[] }>(
      await call(P.residentA, 'list', { category: 'finance', limit: 1 }),
    );
    expect(at(r.items, 0).totals).toEqual(TOTALS);
  });

  test('a resident of another village is forbidden, for list and for a single disclosure', async () => {
    expect(await call(P.residentB, 'list', { villageId: VILLAGE_A })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    const head = at(
      await headsOf(w.store).find({ villageId: VILLAGE_A }, { limit: 1 }),
      0,
      'a head of village A',
    );
    expect(await call(P.residentB, 'get', { seriesId: head._id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.residentB, 'get', { seriesId: head._id, version: 1 })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.residentB, 'home', { villageId: VILLAGE_A })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.residentB, 'status', { villageId: VILLAGE_A })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
  });

  test('a town admin reads any village of the town, but not of another town', async () => {
    expect(periods(await call(P.townAdmin, 'list', { villageId: VILLAGE_B }))).toEqual(['finance:2026-02']);
    const head = at(
      await headsOf(w.store).find({ villageId: VILLAGE_A }, { limit: 1 }),
      0,
      'a head of village A',
    );
    expect(await call(P.otherTownAdmin, 'list', { villageId: VILLAGE_A })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.otherTownAdmin, 'get', { seriesId: head._id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.otherTownAdmin, 'home', { villageId: VILLAGE_A })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.otherTownAdmin, 'status', { villageId: VILLAGE_A })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    // Its own town's village, which has nothing yet, is readable.
    expect(periods(await call(P.otherTownAdmin, 'list', { villageId: VILLAGE_C }))).toEqual([]);
  });

  test('the village home shows the latest finance disclosure and recent ones', async () => {
    const home = okData<{
      latestFinance: DisclosureSummary;
      recent: DisclosureSummary[];
      village: { name: string; townName: string };
    }>(await call(P.residentA, 'home', {}));
    expect(home.village).toMatchObject({ name: '甲村', townName: '甲镇' });
    expect(home.latestFinance).toMatchObject({ periodKey: '2026-02', totals: TOTALS });
    expect(home.recent.length).toBeGreaterThan(0);
    expect(home.recent.every((r) => r.villageId === VILLAGE_A)).toBe(true);
  });
});

describe('overdue status', () => {
  const gaps = (s: CadenceStatus) => s.overdue.map((g) => `${g.category}:${g.periodKey}:${g.dueOn}`);

  test('a village is overdue the day after a month went undisclosed, China time', async () => {
    // Tracked from 2026-01; January and February finance disclosed; Q1 affairs via a monthly one.
    await publish(finance({ periodKey: '2026-01' }));
    await publish(finance({ periodKey: '2026-02' }));
    await publish(affairs({ periodKey: '2026-02' }));
    await publish(affairs({ category: 'party', title: '党务公开', periodKey: '2026-Q1' }));
    w.clock.set('2026-04-02T02:00:00.000Z');
    await publish(finance({ periodKey: '2026-03' }));

    w.clock.set('2026-04-10T15:59:00.000Z'); // 23:59 on 10 April in China: due today, not late
    let s = okData<CadenceStatus>(await call(P.cadreA, 'status', {}));
    expect(s).toMatchObject({ villageId: VILLAGE_A, villageName: '甲村', state: 'onTime', overdue: [] });

    w.clock.set('2026-05-10T16:30:00.000Z'); // already 11 May in China: April finance is late
    s = okData<CadenceStatus>(await call(P.supervisorA, 'status', {}));
    expect(s.state).toBe('overdue');
    expect(gaps(s)).toEqual(['finance:2026-04:2026-05-10']);
    expect(s.lastPublishedAt).toBe('2026-04-02T02:00:00.000Z');
  });

  test('each summary says how many days late it went up, by the same cadence, China time', async () => {
    // Clock 2026-03-15 (China): February finance was due 10 March, January finance 10 February.
    const feb = await publish(finance({ periodKey: '2026-02' }));
    const jan = await publish(finance({ periodKey: '2026-01', title: '甲村2026年1月财务收支公开' }));
    const q4 = await publish(affairs({ periodKey: '2025-Q4', title: '甲村2025年第四季度村务公开' }));
    expect([feb.daysLate, jan.daysLate, q4.daysLate]).toEqual([5, 33, 64]);
    const list = okData<{ items: DisclosureSummary[] }>(await call(P.residentA, 'list', {}));
    const late = Object.fromEntries(list.items.map((d) => [d.periodKey, d.daysLate]));
    expect(late).toMatchObject({ '2026-02': 5, '2026-01': 33, '2025-Q4': 64 });
    // A correction later does not make the disclosure later: the first publication counts.
    w.clock.set('2026-04-20T02:00:00.000Z');
    const v2 = okData<DisclosureDetail>(
      await call(P.cadreA, 'correct', {
        requestId: requestId(),
        seriesId: feb.seriesId,
        baseVersion: 1,
        reason: '金额有误，按凭证更正',
        title: feb.title,
        periodKey: '2026-02',
        body: feb.body,
        items: ITEMS,
      }),
    );
    expect(v2.daysLate).toBe(5);
    // On time: published by the 10th.
    w.clock.set('2026-04-10T15:00:00.000Z'); // 23:00 on 10 April in China
    expect(
      (await publish(finance({ periodKey: '2026-03', title: '甲村2026年3月财务收支公开' }))).daysLate,
    ).toBe(0);
  });

  test('a village with nothing disclosed is overdue for every category', async () => {
    w.clock.set('2026-04-11T02:00:00.000Z');
    const s = okData<CadenceStatus>(await call(P.residentB, 'status', {}));
    expect(gaps(s)).toEqual([
      'finance:2026-01:2026-02-10',
      'finance:2026-02:2026-03-10',
      'affairs:2026-Q1:2026-04-10',
      'finance:2026-03:2026-04-10',
      'party:2026-Q1:2026-04-10',
    ]);
    expect(s.lastPublishedAt).toBeNull();
  });

  test('a major matter published more than 7 days after it occurred is reported late', async () => {
    w.clock.set('2026-03-15T02:00:00.000Z');
    await publish(
      affairs({ major: true, periodKey: '2026-03', occurredOn: '2026-03-08', title: '土地流转决定' }),
    );
    await publish(
      affairs({ major: true, periodKey: '2026-03', occurredOn: '2026-03-07', title: '厂房出租决定' }),
    );
    const s = okData<CadenceStatus>(await call(P.cadreA, 'status', {}));
    expect(s.lateMajor).toEqual([
      expect.objectContaining({
        title: '厂房出租决定',
        occurredOn: '2026-03-07',
        publishedOn: '2026-03-15',
        daysLate: 1,
      }),
    ]);
  });

  test('the town view lists every village in one call, overdue ones first, with the right periods', async () => {
    const t = testEnv('2026-11-23T02:00:00.000Z');
    await seedDemoTown(t.store);
    const town = callerFor(disclosureActions, t.env);
    const r = okData<{ townName: string; asOf: string; villages: CadenceStatus[] }>(
      await town('dev-town', 'townStatus', {}),
    );
    expect(r.townName).toBe('清河镇');
    expect(r.asOf).toBe('2026-11-23');
    expect(r.villages.map((v) => `${v.villageName}:${v.state}:${gaps(v).join(',')}`)).toEqual([
      '北坡村:overdue:party:2026-Q3:2026-10-10,finance:2026-10:2026-11-10',
      '南湾村:overdue:affairs:2026-Q3:2026-10-10',
      '西河村:overdue:finance:2026-09:2026-10-10,finance:2026-10:2026-11-10',
      '东岭村:onTime:',
      '柳庄村:onTime:',
      '桃园村:onTime:',
    ]);
    const nanwan = r.villages.find((v) => v.villageName === '南湾村') as CadenceStatus;
    expect(nanwan.lateMajor).toEqual([
      expect.objectContaining({ occurredOn: '2026-07-02', publishedOn: '2026-07-28', daysLate: 19 }),
    ]);
    // One village's own status agrees with the town view.
    const one = okData<CadenceStatus>(await town('dev-town', 'status', { villageId: 'v-xihe' }));
    expect(one).toEqual(r.villages.find((v) => v.villageId === 'v-xihe'));
  });

  test('a major matter published 30 days late makes an otherwise punctual village 有迟报, everywhere', async () => {
    w.clock.set('2026-02-04T02:00:00.000Z');
    await publish(finance({ periodKey: '2026-01' }));
    await publish(
      affairs({ major: true, periodKey: '2026-01', occurredOn: '2026-01-05', title: '土地流转决定' }),
    );
    w.clock.set('2026-03-05T02:00:00.000Z');
    await publish(finance({ periodKey: '2026-02' }));
    // Then many punctual major matters, more than any first page of them.
    for (let i = 0; i < 22; i++) {
      w.clock.set(`2026-03-${String(i + 2).padStart(2, '0')}T02:00:00.000Z`);
      const day = `2026-03-${String(i + 1).padStart(2, '0')}`;
      await publish(
        affairs({ major: true, periodKey: '2026-03', occurredOn: day, title: `重大事项${i + 1}` }),
      );
    }
    w.clock.set('2026-03-25T02:00:00.000Z');

    const own = okData<CadenceStatus>(await call(P.cadreA, 'status', {}));
    expect(own).toMatchObject({ state: 'late', overdue: [] });
    expect(own.lateMajor).toEqual([
      expect.objectContaining({
        title: '土地流转决定',
        occurredOn: '2026-01-05',
        publishedOn: '2026-02-04',
        daysLate: 23,
      }),
    ]);
    const home = okData<{ status: CadenceStatus }>(await call(P.residentA, 'home', {}));
    expect(home.status).toEqual(own);

    const town = okData<{ villages: CadenceStatus[] }>(await call(P.townAdmin, 'townStatus', {}));
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)).toEqual(own);
    // The overdue village (乙村 disclosed nothing) still comes first.
    expect(town.villages.map((v) => `${v.villageName}:${v.state}`)).toEqual(['乙村:overdue', '甲村:late']);
  });

  test('the town view lists the villages most behind first: by the due date of their earliest gap, then by village', async () => {
    const t = testEnv('2026-11-23T02:00:00.000Z');
    await seedDemoTown(t.store);
    const demo = callerFor(disclosureActions, t.env);
    // 桃园村 publishes a major matter 30 days after it was decided.
    t.clock.set('2026-11-20T02:00:00.000Z');
    okData(
      await demo('seed-cadre-v-taoyuan', 'publish', {
        requestId: 'late-major-taoyuan',
        villageId: 'v-taoyuan',
        category: 'affairs',
        major: true,
        occurredOn: '2026-10-21',
        title: '关于村集体鱼塘承包的决定',
        periodKey: '2026-10',
      }),
    );
    t.clock.set('2026-11-23T02:00:00.000Z');
    const r = okData<{ villages: CadenceStatus[] }>(await demo('dev-town', 'townStatus', {}));
    expect(
      r.villages.map((v) => `${v.villageName}:${v.state}:${v.overdue.length}:${v.lateMajor.length}`),
    ).toEqual([
      // Each owes a period due 2026-10-10 (ties by village id: v-beipo, v-nanwan, v-xihe).
      '北坡村:overdue:2:0',
      '南湾村:overdue:1:1',
      '西河村:overdue:2:0',
      // Nothing owed before 2026-11-10 (October's finance): a late major matter is no gap.
      '东岭村:onTime:0:0',
      '柳庄村:onTime:0:0',
      '桃园村:late:0:1',
    ]);
    const one = okData<CadenceStatus>(await demo('dev-town', 'status', { villageId: 'v-taoyuan' }));
    expect(one).toEqual(r.villages.find((v) => v.villageId === 'v-taoyuan'));
  });

  test('only a town admin gets the town view, and only of their own town', async () => {
    for (const who of [P.cadreA, P.supervisorA, P.residentA]) {
      expect(await call(who, 'townStatus', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    }
    await publish(finance({ periodKey: '2026-01' }));
    const other = okData<{ townName: string; villages: CadenceStatus[] }>(
      await call(P.otherTownAdmin, 'townStatus', {}),
    );
    expect(other.townName).toBe('乙镇');
    expect(other.villages.map((v) => v.villageId)).toEqual([VILLAGE_C]);
  });
});

describe('who may publish and correct', () => {
  test('a resident cannot publish, whatever identity the event or input claims', async () => {
    const spoof = {
      openid: P.cadreA,
      role: 'cadre',
      roles: ['cadre'],
      villageId: VILLAGE_A,
      userInfo: { openId: P.cadreA },
    };
    const handle = (await import('../../cloudfunctions/common/router')).createRouter(disclosureActions);
    const env = { store: w.store, clock: w.clock, ids: { next: () => 'x' } };
    const viaEvent = await handle({ action: 'publish', input: finance(), ...spoof }, P.residentA, env);
    expect(viaEvent).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    const viaInput = await call(P.residentA, 'publish', finance(spoof));
    expect(viaInput).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    expect(await call(P.supervisorA, 'publish', finance())).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    expect(w.store.writes()).toBe(0);
  });

  test('a cadre of village A cannot publish to village B nor correct its disclosures', async () => {
    const before = await snapshot(w.store);
    expect(await call(P.cadreA, 'publish', finance({ villageId: VILLAGE_B }))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.cadreA, 'publish', finance({ villageId: VILLAGE_C }))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await snapshot(w.store)).toEqual(before);

    const b = await publish(finance({ villageId: VILLAGE_B }), P.cadreB);
    const snap = await snapshot(w.store);
    const r = await call(P.cadreA, 'correct', {
      requestId: requestId(),
      seriesId: b.seriesId,
      baseVersion: 1,
      reason: '冒名更正',
      title: '乙村财务公开',
      periodKey: '2026-02',
      items: ITEMS,
    });
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_VILLAGE' });
    expect(await snapshot(w.store)).toEqual(snap);
  });

  test('a town admin does not publish for a village (cadres do)', async () => {
    expect(await call(P.townAdmin, 'publish', finance())).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
  });

  test('signed in but not bound: NOT_BOUND; not signed in: NOT_SIGNED_IN', async () => {
    expect(await call(P.newcomer, 'publish', finance())).toMatchObject({ ok: false, code: 'NOT_BOUND' });
    expect(await call(P.newcomer, 'list', {})).toMatchObject({ ok: false, code: 'NOT_BOUND' });
    expect(await call(undefined, 'publish', finance())).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(await call('', 'get', { seriesId: 'abc' })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(w.store.writes()).toBe(0);
  });
});
