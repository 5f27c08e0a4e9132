/**
 * The public record chain end to end: publishing through the actions appends entries; changes
 * made behind the product (straight in the store) are named by the verifier; fingerprints
 * printed earlier keep verifying; retries and concurrent publishes append exactly once each.
 */
import { verifyChain, type Verification } from '../../cloudfunctions/common/chain/chain';
import type { ChainExport, RecordOutputs } from '../../cloudfunctions/common/contracts/record';
import type { NoticeDetail, ReportDetail } from '../../cloudfunctions/common/contracts/report';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { recordActions } from '../../cloudfunctions/record/actions';
import { reportActions } from '../../cloudfunctions/report/actions';
import { findAll, type Doc } from '../../cloudfunctions/common/store/port';
import { P, VILLAGE_A, callerFor, failingOnce, okData, testEnv } from './builders';
import { twoTownsEach } from './world';
import { villageFinance } from './inputs';

const ITEMS = [
  { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
  { direction: 'expense', category: '管理费用', amountFen: 960_001, note: '误工补贴' },
  { direction: 'expense', category: '公益支出', amountFen: 150_050, note: '道路保洁' },
];

let rid = 0;
const requestId = () => `chain-${String(++rid).padStart(6, '0')}`;

const finance = (periodKey: string, over: Record<string, unknown> = {}) => ({
  ...villageFinance(requestId(), periodKey, ITEMS),
  ...over,
});
const notice = (title: string) => ({
  requestId: requestId(),
  villageId: VILLAGE_A,
  title,
  body: '请各户相互转告。',
});

const w = twoTownsEach({ now: '2026-03-05T02:00:00.000Z' });
const disclosure = w.caller(disclosureActions);
const report = w.caller(reportActions);
const record = w.caller(recordActions);

/** What a resident's verify page does: read every page, recompute in the client. */
async function residentVerifies(held: { seq: number; fingerprint: string }[] = []): Promise<Verification> {
  const items: RecordOutputs['entries']['items'] = [];
  let after = 0;
  for (;;) {
    const page = okData<RecordOutputs['entries']>(
      await record(P.residentA, 'entries', { afterSeq: after, limit: 3 }),
    );
    items.push(...page.items);
    if (!page.hasMore) {
      const head = page.head;
      return verifyChain(items, head ? [...held, { seq: head.seq, fingerprint: head.fingerprint }] : held);
    }
    after = page.items[page.items.length - 1]!.entry.seq;
  }
}

const chainDocs = () =>
  findAll(w.store.inner.collection<Doc & { seq: number; recordId: string }>('publicChain'), {});

test('publishing a disclosure, a notice, their corrections and a withdrawal appends one entry each, in order', async () => {
  const d = okData<{ seriesId: string }>(await disclosure(P.cadreA, 'publish', finance('2026-02')));
  const n = okData<NoticeDetail>(await report(P.cadreA, 'publishNotice', notice('春耕用水安排')));
  okData(
    await disclosure(P.cadreA, 'correct', {
      ...finance('2026-02'),
      seriesId: d.seriesId,
      baseVersion: 1,
      reason: '误工补贴金额录入有误',
      items: [{ ...ITEMS[0] }, { ...ITEMS[1], amountFen: 960_000 }, { ...ITEMS[2] }],
    }),
  );
  okData(
    await report(P.cadreA, 'correctNotice', {
      ...notice('春耕用水安排（更正）'),
      noticeId: n.noticeId,
      baseVersion: 1,
      reason: '时间有误',
    }),
  );
  okData(await report(P.cadreA, 'withdrawNotice', { noticeId: n.noticeId, reason: '活动取消' }));
  const v = await residentVerifies();
  expect(v).toMatchObject({ ok: true, count: 5, firstAt: '2026-03-05T02:00:00.000Z' });
  const page = okData<RecordOutputs['entries']>(await record(P.residentA, 'entries', {}));
  expect(page.items.map((i) => [i.entry.kind, i.entry.version])).toEqual([
    ['disclosure', 1],
    ['notice', 1],
    ['disclosure', 2],
    ['notice', 2],
    ['noticeWithdrawal', 1],
  ]);
  // Nothing private enters the chain: no openid of the publisher, no request id.
  const text = JSON.stringify(page.items);
  expect(text).not.toContain(P.cadreA);
  expect(text).not.toContain('chain-0');
  // Another village's chain is its own, and a resident of village B cannot read A's.
  expect(okData<RecordOutputs['head']>(await record(P.residentB, 'head', {})).head).toBeNull();
  expect(await record(P.residentB, 'entries', { villageId: VILLAGE_A })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
});

test('a line item changed in the store, a deleted notice and two swapped entries: each is named, and since when', async () => {
  const d = okData<{ seriesId: string }>(await disclosure(P.cadreA, 'publish', finance('2026-02')));
  w.clock.advance(3600_000);
  const n1 = okData<NoticeDetail>(await report(P.cadreA, 'publishNotice', notice('春耕用水安排')));
  w.clock.advance(3600_000);
  okData(await report(P.cadreA, 'publishNotice', notice('防汛值班表')));
  w.clock.advance(3600_000);
  okData(await report(P.cadreA, 'publishNotice', notice('低保评议会')));
  w.clock.advance(3600_000);
  okData(await report(P.cadreA, 'publishNotice', notice('道路硬化招标')));
  expect((await residentVerifies()).ok).toBe(true);

  // Whoever holds the database console: one finance line, straight in the store.
  const versions = w.store.inner.collection<Doc & { items: typeof ITEMS }>('disclosureVersions');
  const v1 = (await versions.get(`${d.seriesId}.v1`))!;
  await versions.update(v1._id, {
    set: { items: [v1.items[0], { ...v1.items[1], amountFen: 96_001 }, v1.items[2]] },
  });
  // A notice deleted with its versions.
  await w.store.inner.collection('notices').remove(n1.noticeId);
  await w.store.inner.collection('noticeVersions').remove(`${n1.noticeId}.v1`);
  // Two records swapped in the chain's order (entries 3 and 4).
  const docs = await chainDocs();
  const third = docs.find((x) => x.seq === 3)!;
  const fourth = docs.find((x) => x.seq === 4)!;
  await w.store.inner.collection('publicChain').update(third._id, { set: { seq: 4 } });
  await w.store.inner.collection('publicChain').update(fourth._id, { set: { seq: 3 } });

  const v = await residentVerifies();
  expect(v.ok).toBe(false);
  const named = v.findings.map((f) => [f.problem, f.label, f.since]);
  expect(named).toEqual(
    expect.arrayContaining([
      ['changed', '甲村2026-02财务收支公开', '2026-03-05T02:00:00.000Z'],
      ['deleted', '春耕用水安排', '2026-03-05T03:00:00.000Z'],
      ['entryAltered', '防汛值班表', '2026-03-05T04:00:00.000Z'],
      ['entryAltered', '低保评议会', '2026-03-05T05:00:00.000Z'],
    ]),
  );
  expect(v.findings).toHaveLength(4);
  // The untouched last notice is not named.
  expect(named.some(([, label]) => label === '道路硬化招标')).toBe(false);
});

test('the fingerprint carried in last month’s report still verifies after a month of new publications', async () => {
  w.clock.set('2026-03-03T02:00:00.000Z');
  okData(await disclosure(P.cadreA, 'publish', finance('2026-02')));
  okData(await report(P.cadreA, 'publishNotice', notice('春耕用水安排')));
  w.clock.set('2026-04-02T02:00:00.000Z');
  okData(await disclosure(P.cadreA, 'publish', finance('2026-03')));
  const draft = okData<ReportDetail>(
    await report(P.cadreA, 'draftReport', { villageId: VILLAGE_A, month: '2026-03' }),
  );
  const pub = okData<{ report: ReportDetail }>(
    await report(P.cadreA, 'publishReport', { reportId: draft.reportId, note: '' }),
  );
  const carried = pub.report.content.chain!;
  expect(carried).toMatchObject({
    seq: 3,
    fingerprint: expect.stringMatching(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/),
  });
  // A month of publications after it.
  for (let day = 3; day <= 30; day += 3) {
    w.clock.set(`2026-04-${String(day).padStart(2, '0')}T02:00:00.000Z`);
    okData(await report(P.cadreA, 'publishNotice', notice(`四月第${day}日通知`)));
  }
  w.clock.set('2026-05-02T02:00:00.000Z');
  okData(await disclosure(P.cadreA, 'publish', finance('2026-04')));
  const v = await residentVerifies([{ seq: carried.seq, fingerprint: carried.fingerprint }]);
  expect(v).toMatchObject({ ok: true, count: 15, unmatched: [] });
  // The report itself is in the chain, with the fingerprint inside its content.
  const page = okData<RecordOutputs['entries']>(await record(P.residentA, 'entries', {}));
  const entry = page.items.find((i) => i.entry.kind === 'report')!;
  expect(entry.entry.seq).toBe(4);
  expect(JSON.stringify(entry.content)).toContain(carried.fingerprint);

  // A consistent rewrite of everything behind the product no longer matches the printed one.
  const docs = await chainDocs();
  await w.store.inner.collection('publicChain').remove(docs.find((x) => x.seq === 2)!._id);
  const after = await residentVerifies([{ seq: carried.seq, fingerprint: carried.fingerprint }]);
  expect(after.ok).toBe(false);
});

test('a retried publish appends exactly one entry; a crash between the record and its entry is completed by the retry', async () => {
  const input = finance('2026-02');
  okData(await disclosure(P.cadreA, 'publish', input));
  okData(await disclosure(P.cadreA, 'publish', input));
  expect(await chainDocs()).toHaveLength(1);

  // The head moved, then the entry write failed: the publish fails, its retry completes it.
  const t = testEnv('2026-03-05T02:00:00.000Z');
  const broken = { ...t.env, store: failingOnce(w.store, 'publicChain', 'insert') };
  const second = finance('2026-01');
  const failed = await callerFor(disclosureActions, broken)(P.cadreA, 'publish', second);
  expect(failed).toMatchObject({ ok: false, code: 'INTERNAL' });
  okData(await disclosure(P.cadreA, 'publish', second));
  okData(await disclosure(P.cadreA, 'publish', second));
  const docs = await chainDocs();
  expect(docs.map((x) => x.seq).sort()).toEqual([1, 2]);
  expect((await residentVerifies()).ok).toBe(true);

  // A retried notice publish and a retried report publish: one entry each.
  const n = notice('防汛值班表');
  okData(await report(P.cadreA, 'publishNotice', n));
  okData(await report(P.cadreA, 'publishNotice', n));
  expect(await chainDocs()).toHaveLength(3);
});

test('concurrent publishes take consecutive places and never fork the chain', async () => {
  const months = [
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
  ];
  const inputs = months.map((m) => finance(m));
  await Promise.all([...inputs, ...inputs].map((i) => disclosure(P.cadreA, 'publish', i)));
  const docs = await chainDocs();
  expect(docs.map((x) => x.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(new Set(docs.map((x) => x.recordId)).size).toBe(9);
  expect((await residentVerifies()).ok).toBe(true);
});

test('the export file holds the whole chain with contents and verifies on its own', async () => {
  for (const m of ['2025-12', '2026-01', '2026-02'])
    okData(await disclosure(P.cadreA, 'publish', finance(m)));
  const file = okData<ChainExport>(await record(P.supervisorA, 'exportChain', {}));
  expect(file).toMatchObject({ format: 'qinglian-public-record/1', villageName: '甲村', head: { seq: 3 } });
  expect(verifyChain(file.items, [{ seq: file.head!.seq, fingerprint: file.head!.fingerprint }]).ok).toBe(
    true,
  );
});
