/**
 * The public record chain of the later contexts: published decision steps (决议公开, 实施结果公开),
 * public answers to questions (问题反映) and 三资 records (register changes, contracts, receivable
 * outcomes) each append one entry when published, exactly once on retry; a record altered in the
 * store behind the product is named by the verifier; nothing private enters an entry's content.
 */
import { verifyChain, type Verification } from '../../cloudfunctions/common/chain/chain';
import type { DecisionDetail } from '../../cloudfunctions/common/contracts/decisions';
import type { ContractView, RegisterItem } from '../../cloudfunctions/common/contracts/assets';
import type { RecordOutputs } from '../../cloudfunctions/common/contracts/record';
import { findAll, type Doc } from '../../cloudfunctions/common/store/port';
import { assetsActions } from '../../cloudfunctions/assets';
import { decisionsActions } from '../../cloudfunctions/decisions';
import { oversightActions } from '../../cloudfunctions/oversight';
import { recordActions } from '../../cloudfunctions/record/actions';
import { P, VILLAGE_A, callerFor, failingOnce, okData, type Caller } from './builders';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { RENT_FINANCE_LINES, RENT_LINE, unanimousMeeting, villageFinance, villagePond } from './inputs';
import { twoTownsEach } from './world';
import { at } from '../must';

const MINUTES = [{ fileId: '/files/minutes01.jpg', name: '会议记录', kind: 'image' }];
const REPORTER = '张桂兰';

let rid = 0;
const requestId = () => `req-ctx-${String(++rid).padStart(6, '0')}`;

const w = twoTownsEach();
const decide = w.caller(decisionsActions);
const oversee = w.caller(oversightActions);
const assets = w.caller(assetsActions);
const record = w.caller(recordActions);
const disclose = w.caller(disclosureActions);

type Entry = Doc & { seq: number; kind: string; recordId: string; version: number; label: string };
const chainDocs = async (kind?: string) =>
  (await findAll(w.store.inner.collection<Entry>('publicChain'), kind ? { kind } : {})).sort(
    (a, b) => a.seq - b.seq,
  );

/** What a resident's verify page does: every entry with its content, recomputed in the client. */
async function residentVerifies(): Promise<Verification> {
  const page = okData<RecordOutputs['entries']>(await record(P.residentA, 'entries', {}));
  const head = page.head;
  return verifyChain(page.items, head ? [{ seq: head.seq, fingerprint: head.fingerprint }] : []);
}

const ok = async <T = Record<string, unknown>>(call: Caller, who: string, action: string, input: unknown) =>
  okData<T>(await call(who, action, input));

/** A decision of village A with its 村民代表会议 passed and every meeting confirmed by the 村监委. */
async function resolvedDecision(): Promise<string> {
  const d = await ok<DecisionDetail>(decide, P.cadreA, 'propose', {
    requestId: requestId(),
    villageId: VILLAGE_A,
    title: '村东鱼塘对外出租三年',
    category: 'lease',
    summary: '拟将村东鱼塘出租三年，年租金一万二千元。',
    proposer: '甲村党支部',
    proposedOn: '2026-03-02',
    resolutionBody: 'representatives',
  });
  const steps: [string, string, number][] = [
    ['committee', '2026-03-03', 7],
    ['partyCongress', '2026-03-04', 30],
    ['resolution', '2026-03-05', 30],
  ];
  for (const [step, heldOn, entitled] of steps) {
    await ok(
      decide,
      P.cadreA,
      'recordMeeting',
      unanimousMeeting({
        requestId: requestId(),
        decisionId: d.id,
        step,
        heldOn,
        entitled,
        minutes: MINUTES,
      }),
    );
    await ok(decide, P.supervisorA, 'confirmStep', { decisionId: d.id, step, attempt: 1 });
  }
  return d.id;
}

describe('decisions: each published step enters the chain', () => {
  test('决议公开 and 实施结果公开 append one entry each, retries append nothing more, a crash is completed', async () => {
    const id = await resolvedDecision();
    const publish = { decisionId: id, body: '如有异议请于 7 日内向村监委反映。' };
    await ok(decide, P.cadreA, 'publishResolution', publish);
    await ok(decide, P.cadreA, 'publishResolution', publish);
    expect((await chainDocs('decision')).map((e) => e.label)).toEqual(['村东鱼塘对外出租三年（决议公开）']);

    // The chain entry fails once after the result step is written: the retry completes it.
    const broken = callerFor(decisionsActions, {
      ...w.env,
      store: failingOnce(w.store, 'publicChain', 'find'),
    });
    const result = { decisionId: id, completedOn: '2026-03-15', body: '合同已签订，首年租金已入账。' };
    const failed = await broken(P.cadreA, 'publishResult', result);
    expect(failed).toMatchObject({ ok: false });
    await ok(decide, P.cadreA, 'publishResult', result);
    await ok(decide, P.cadreA, 'publishResult', result);
    expect((await chainDocs('decision')).map((e) => e.label)).toEqual([
      '村东鱼塘对外出租三年（决议公开）',
      '村东鱼塘对外出租三年（实施结果公开）',
    ]);
    // The two 三务公开 records the steps went out as are in the chain too.
    expect(await chainDocs('disclosure')).toHaveLength(2);
    expect((await residentVerifies()).ok).toBe(true);

    // The resolution's content carries the meeting's numbers, never an openid or a request id.
    const page = okData<RecordOutputs['entries']>(await record(P.residentA, 'entries', {}));
    const resolution = page.items.find((i) => i.entry.kind === 'decision')!;
    expect(resolution.content).toMatchObject({
      step: 'resolutionPublic',
      meeting: { entitled: 30, present: 30, votesFor: 30, outcome: 'passed' },
    });
    const text = JSON.stringify(page.items.filter((i) => i.entry.kind === 'decision'));
    for (const secret of [P.cadreA, P.supervisorA, 'req-ctx-']) expect(text).not.toContain(secret);
  });

  test('the verifier names a published step whose meeting numbers were changed in the store', async () => {
    const id = await resolvedDecision();
    await ok(decide, P.cadreA, 'publishResolution', { decisionId: id, body: '' });
    expect((await residentVerifies()).ok).toBe(true);
    // Whoever holds the console raises the attendance of the resolution meeting.
    const steps = w.store.inner.collection<Doc & { meeting: { present: number } | null }>('decisionSteps');
    const meeting = (await steps.get(`${id}.resolution.1`))!;
    await steps.update(meeting._id, { set: { meeting: { ...meeting.meeting!, present: 31 } } });
    const v = await residentVerifies();
    expect(v.ok).toBe(false);
    expect(v.findings.map((f) => [f.problem, f.kind, f.label])).toEqual([
      ['changed', 'decision', '村东鱼塘对外出租三年（决议公开）'],
    ]);
  });
});

describe('oversight: a public answer enters the chain, a private question never does', () => {
  async function answered(allowPublic: boolean): Promise<string> {
    const id = okData<{ id: string }>(
      await oversee(P.residentA, 'raise', {
        requestId: requestId(),
        category: 'finance',
        text: `我是${REPORTER}，三月份道路保洁支出为什么这么多？`,
        showName: true,
        allowPublic,
      }),
    ).id;
    await ok(oversee, P.supervisorA, 'accept', { itemId: id, assigneeId: P.cadreA });
    await ok(oversee, P.cadreA, 'answer', { itemId: id, text: '保洁费用含全年合同首付款，凭证已公开。' });
    return id;
  }

  test('a verified answer appends one entry (once on retry, completed after a crash); its content is the answer only', async () => {
    const id = await answered(true);
    const broken = callerFor(oversightActions, {
      ...w.env,
      store: failingOnce(w.store, 'publicChain', 'find'),
    });
    expect(await broken(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' })).toMatchObject({
      ok: false,
    });
    expect(await chainDocs('answer')).toHaveLength(0);
    // The retry is refused (already verified), and completes the missing entry.
    await oversee(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' });
    await oversee(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' });
    const entries = await chainDocs('answer');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ recordId: id });

    const page = okData<RecordOutputs['entries']>(await record(P.residentA, 'entries', {}));
    const item = page.items.find((i) => i.entry.kind === 'answer')!;
    expect(item.content).toMatchObject({
      answer: '保洁费用含全年合同首付款，凭证已公开。',
      answeredBy: 'cadre',
    });
    const text = JSON.stringify(item);
    for (const secret of [REPORTER, P.residentA, P.cadreA, P.supervisorA, '道路保洁支出为什么'])
      expect(text).not.toContain(secret);
    expect((await residentVerifies()).ok).toBe(true);
  });

  test('a question the reporter kept private adds nothing to the chain', async () => {
    const id = await answered(false);
    await ok(oversee, P.supervisorA, 'verify', { itemId: id, outcome: 'pass' });
    expect(await chainDocs()).toHaveLength(0);
  });

  test('the verifier names an answer rewritten in the store', async () => {
    const id = await answered(true);
    await ok(oversee, P.supervisorA, 'verify', { itemId: id, outcome: 'pass' });
    const steps = w.store.inner.collection<Doc & { kind: string; text: string }>('oversightSteps');
    const answer = (await findAll(steps, { itemId: id, kind: 'answered' }))[0]!;
    await steps.update(answer._id, { set: { text: '保洁费用合理，无需公开凭证。' } });
    const v = await residentVerifies();
    expect(v.findings.map((f) => [f.problem, f.kind, f.recordId])).toEqual([['changed', 'answer', id]]);
  });
});

describe('三资: register changes, contracts and receivable outcomes enter the chain', () => {
  const pond = () => villagePond(requestId(), []);

  /** 甲村's February 财务公开, with the rent on line 4: the payment is shown against it. */
  let rentLine: { seriesId: string; version: number; lineIndex: number };

  async function leased(): Promise<{ item: RegisterItem; contract: ContractView }> {
    const fin = await ok<{ seriesId: string }>(
      disclose,
      P.cadreA,
      'publish',
      villageFinance(requestId(), '2026-02', RENT_FINANCE_LINES),
    );
    rentLine = { seriesId: fin.seriesId, version: 1, lineIndex: RENT_LINE };
    const item = await ok<RegisterItem>(assets, P.cadreA, 'registerItem', pond());
    const decisionId = await resolvedDecision();
    const contract = await ok<ContractView>(assets, P.cadreA, 'createContract', {
      requestId: requestId(),
      villageId: VILLAGE_A,
      code: 'HT-2026-01',
      kind: 'lease',
      itemId: item.id,
      counterparty: { kind: 'person', name: '王建国' },
      startOn: '2026-03-06',
      endOn: '2029-02-28',
      amountFen: 3_600_000,
      depositFen: 200_000,
      decisionId,
      note: '承租人电话 13800001234',
      schedule: [
        { dueOn: '2026-03-31', amountFen: 1_200_000 },
        { dueOn: '2027-03-31', amountFen: 1_200_000 },
        { dueOn: '2028-03-31', amountFen: 1_200_000 },
      ],
    });
    return { item, contract };
  }

  /** The first year's rent, received on 2026-03-10 against line 4 of a finance disclosure. */
  const firstPayment = (contract: ContractView) => ({
    requestId: requestId(),
    receivableId: at(contract.receivables, 0, 'a receivable').id,
    receivedOn: '2026-03-10',
    amountFen: 1_200_000,
    financeLine: rentLine,
  });

  test('acquisition, lease, change of use, a payment and a revaluation: one entry each, once on retry', async () => {
    const { item, contract } = await leased();
    const pay = firstPayment(contract);
    await ok(assets, P.cadreA, 'recordPayment', pay);
    await ok(assets, P.cadreA, 'recordPayment', pay);
    const change = {
      requestId: requestId(),
      itemId: item.id,
      kind: 'revalue',
      on: '2026-03-12',
      reason: '重新评估',
      valueFen: 6_000_000,
    };
    await ok(assets, P.cadreA, 'recordChange', change);
    await ok(assets, P.cadreA, 'recordChange', change);
    expect((await chainDocs('asset')).map((e) => e.label)).toEqual([
      '村东鱼塘（登记取得）',
      '租赁合同（HT-2026-01）',
      '村东鱼塘（用途（状态）变更）',
      '租赁合同（HT-2026-01）第1期收款',
      '村东鱼塘（价值调整）',
    ]);
    expect((await residentVerifies()).ok).toBe(true);

    // The counterparty by surname only, no phone in a note, no openid.
    const page = okData<RecordOutputs['entries']>(await record(P.residentA, 'entries', {}));
    const text = JSON.stringify(page.items.filter((i) => i.entry.kind === 'asset'));
    expect(text).toContain('王某');
    for (const secret of ['王建国', '13800001234', P.cadreA]) expect(text).not.toContain(secret);
  });

  test('a payment recorded after a crash of the chain write is completed by its retry', async () => {
    const { contract } = await leased();
    const pay = firstPayment(contract);
    const broken = callerFor(assetsActions, { ...w.env, store: failingOnce(w.store, 'publicChain', 'find') });
    expect(await broken(P.cadreA, 'recordPayment', pay)).toMatchObject({ ok: false });
    await ok(assets, P.cadreA, 'recordPayment', pay);
    expect((await chainDocs('asset')).filter((e) => e.label.endsWith('收款'))).toHaveLength(1);
  });

  test('the verifier names a contract amount and a payment changed in the store', async () => {
    const { contract } = await leased();
    await ok(assets, P.cadreA, 'recordPayment', {
      requestId: requestId(),
      receivableId: contract.receivables[0]!.id,
      receivedOn: '2026-03-10',
      amountFen: 1_200_000,
      financeLine: rentLine,
    });
    expect((await residentVerifies()).ok).toBe(true);
    await w.store.inner.collection('assetContracts').update(contract.id, { set: { amountFen: 360_000 } });
    await w.store.inner
      .collection('assetReceivables')
      .update(contract.receivables[0]!.id, { set: { receivedOn: '2026-03-30' } });
    const v = await residentVerifies();
    expect(v.findings.map((f) => [f.problem, f.label])).toEqual([
      ['changed', '租赁合同（HT-2026-01）'],
      ['changed', '租赁合同（HT-2026-01）第1期收款'],
    ]);
  });
});
