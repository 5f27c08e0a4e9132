/**
 * 问题反映: every transition and refusal of the loop, deadlines and escalation on an injected
 * clock, hidden names in cadre replies, the daily limit, interrupted writes, and the town’s view.
 */
import { outboxSender } from '../../cloudfunctions/common/subscribe';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { decisionsActions } from '../../cloudfunctions/decisions';
import { reportActions } from '../../cloudfunctions/report/actions';
import { reportsOf, type ReportDoc } from '../../cloudfunctions/report/store';
import { oversightActions } from '../../cloudfunctions/oversight';
import { recountVillage } from '../../cloudfunctions/oversight/villageStats';
import { sweep } from '../../cloudfunctions/oversight/townView';
import { oversightRates } from '../../cloudfunctions/oversight/public';
import {
  OVERSIGHT_ACTION_REFUSALS,
  OVERSIGHT_REFUSALS,
} from '../../cloudfunctions/common/contracts/oversight';
import { statsOf } from '../../cloudfunctions/oversight/store';
import {
  addUser,
  callerFor,
  CJK,
  failingOnce,
  okData,
  P,
  snapshot,
  TOWN,
  VILLAGE_A,
  VILLAGE_B,
} from './builders';
import { twoTownsEach } from './world';
import { at } from '../must';

type Detail = {
  id: string;
  state: string;
  reporterName: string;
  steps: { kind: string; at: string; actor: string; reason?: string; seq: number }[];
  can: Record<string, boolean>;
  rating: string | null;
  dueAt: string | null;
};

const SUPERVISOR_B = 'supervisor-b';
const RESIDENT_A2 = 'resident-a2';
const REPORTER_NAME = '张桂兰';

// 2026-03-15 10:00 in China.
const T0 = '2026-03-15T02:00:00.000Z';

let outbox: ReturnType<typeof outboxSender>;
const w = twoTownsEach({
  now: T0,
  people: [
    [SUPERVISOR_B, VILLAGE_B, ['resident', 'supervisor'], '郑监督'],
    [RESIDENT_A2, VILLAGE_A, ['resident'], '钱多多'],
  ],
  services: (clock) => {
    outbox = outboxSender(() => clock.now());
    return { subscribeSender: outbox };
  },
});
const call = w.caller(oversightActions);
let rid = 0;
const requestId = () => `req-ov-${String(++rid).padStart(6, '0')}`;

const raiseInput = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  category: 'finance',
  text: '三月份道路保洁支出为什么这么多？',
  showName: false,
  ...over,
});

async function raise(over: Record<string, unknown> = {}, who: string = P.residentA): Promise<string> {
  return okData<{ id: string }>(await call(who, 'raise', raiseInput(over))).id;
}

async function get(id: string, who: string): Promise<Detail> {
  return okData<Detail>(await call(who, 'get', { itemId: id }));
}

async function publishFinance(): Promise<string> {
  const d = callerFor(disclosureActions, w.env);
  const r = okData<{ seriesId: string }>(
    await d(P.cadreA, 'publish', {
      requestId: 'req-disclosure-1',
      villageId: VILLAGE_A,
      category: 'finance',
      title: '甲村2026年2月财务收支公开',
      periodKey: '2026-02',
      body: '现将本月收支公开如下。',
      items: [
        { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
        { direction: 'expense', category: '公益支出', amountFen: 150_050, note: '道路保洁' },
      ],
    }),
  );
  return r.seriesId;
}

/** raise -> accept -> answer -> verify: the item waits for the reporter's rating. */
async function toVerified(over: Record<string, unknown> = {}): Promise<string> {
  const id = await raise(over);
  okData(await call(P.supervisorA, 'accept', { itemId: id, assigneeId: P.cadreA }));
  okData(await call(P.cadreA, 'answer', { itemId: id, text: '保洁费用含全年合同首付款，凭证已公开。' }));
  okData(await call(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' }));
  return id;
}

const refused = (code: string) => expect.objectContaining({ ok: false, code });

describe('the loop', () => {
  test('raise -> accept -> answer -> verify -> rate 满意 closes the item with every step kept', async () => {
    const id = await toVerified();
    w.clock.advance(60_000);
    const d = okData<Detail>(await call(P.residentA, 'rate', { itemId: id, rating: 'satisfied' }));
    expect(d.state).toBe('closed');
    expect(d.steps.map((s) => s.kind)).toEqual(['raised', 'accepted', 'answered', 'verified', 'rated']);
    expect(d.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    // Steps are timestamped, in order.
    expect(at(d.steps, 4).at > at(d.steps, 0).at).toBe(true);
  });

  test('不满意 escalates to the town, which instructs, takes over and closes', async () => {
    const id = await toVerified();
    const rated = okData<Detail>(
      await call(P.residentA, 'rate', { itemId: id, rating: 'unsatisfied', comment: '没说清楚' }),
    );
    expect(rated.state).toBe('escalated');
    expect(rated.steps.at(-1)).toMatchObject({ kind: 'escalated', reason: 'unsatisfied' });
    expect(outbox.messages(P.townAdmin)).toHaveLength(1);
    const town = await get(id, P.townAdmin);
    expect(town.can).toMatchObject({ instruct: true, takeOver: true, close: true });
    okData(await call(P.townAdmin, 'instruct', { itemId: id, text: '请村两委五日内补充说明合同情况' }));
    // After an instruction the village may answer again; the item stays with the town.
    const again = okData<Detail>(
      await call(P.cadreA, 'answer', { itemId: id, text: '补充：合同已在村务栏公开。' }),
    );
    expect(again.state).toBe('escalated');
    expect(okData<Detail>(await call(P.townAdmin, 'takeOver', { itemId: id })).state).toBe('takenOver');
    const closed = okData<Detail>(
      await call(P.townAdmin, 'close', { itemId: id, conclusion: '经核查，支出合规，已向反映人说明。' }),
    );
    expect(closed.state).toBe('closed');
    expect(outbox.messages(P.residentA).length).toBeGreaterThanOrEqual(2);
  });

  test('the 村监委 returns an answer; the cadre answers again', async () => {
    const id = await raise();
    okData(await call(P.supervisorA, 'accept', { itemId: id }));
    okData(await call(P.cadreA, 'answer', { itemId: id, text: '第一次答复内容。' }));
    const back = okData<Detail>(
      await call(P.supervisorA, 'verify', { itemId: id, outcome: 'return', note: '未附凭证' }),
    );
    expect(back.state).toBe('returned');
    okData(await call(P.cadreA, 'answer', { itemId: id, text: '第二次答复，附凭证。' }));
    expect(okData<Detail>(await call(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' })).state).toBe(
      'verified',
    );
  });

  test('referred items may be objected to once, which escalates them', async () => {
    const id = await raise();
    expect(
      okData<Detail>(await call(P.supervisorA, 'refer', { itemId: id, note: '属镇农业办职责，已转交' }))
        .state,
    ).toBe('referred');
    const o = okData<Detail>(await call(P.residentA, 'object', { itemId: id, text: '转交后一直没人管' }));
    expect(o.state).toBe('escalated');
    okData(await call(P.townAdmin, 'close', { itemId: id, conclusion: '镇农业办已处理完毕。' }));
    expect(await call(P.residentA, 'object', { itemId: id, text: '还是不满意这个结果' })).toEqual(
      refused('ALREADY_OBJECTED'),
    );
  });
});

describe('refusals', () => {
  test('wrong role: a cadre cannot accept, a resident cannot answer, a supervisor cannot close', async () => {
    const id = await raise();
    const before = await snapshot(w.store);
    expect(await call(P.cadreA, 'accept', { itemId: id })).toEqual(refused('FORBIDDEN_ROLE'));
    expect(await call(P.residentB, 'accept', { itemId: id })).toEqual(refused('FORBIDDEN_ROLE'));
    expect(await call(RESIDENT_A2, 'answer', { itemId: id, text: '我来答复一下吧' })).toEqual(
      refused('FORBIDDEN_ROLE'),
    );
    expect(await call(P.supervisorA, 'close', { itemId: id, conclusion: '村监委自行办结' })).toEqual(
      refused('FORBIDDEN_ROLE'),
    );
    expect(await call(P.cadreA, 'setDeadlines', { acceptDays: 10, answerDays: 60, rateDays: 30 })).toEqual(
      refused('FORBIDDEN_ROLE'),
    );
    expect(await call(P.cadreA, 'townView', {})).toEqual(refused('FORBIDDEN_ROLE'));
    expect(await snapshot(w.store)).toEqual(before);
  });

  test("other village: the next village's 村监委 and cadre, another town's admin", async () => {
    const id = await raise();
    // Overdue by now: a refused caller must not even store the escalation the clock made due.
    w.clock.set('2026-04-30T00:00:00.000Z');
    const before = await snapshot(w.store);
    expect(await call(SUPERVISOR_B, 'accept', { itemId: id })).toEqual(refused('FORBIDDEN_VILLAGE'));
    expect(await call(SUPERVISOR_B, 'get', { itemId: id })).toEqual(refused('FORBIDDEN_VILLAGE'));
    expect(await call(P.cadreB, 'inbox', { villageId: VILLAGE_A })).toEqual(refused('FORBIDDEN_VILLAGE'));
    expect(await call(P.otherTownAdmin, 'get', { itemId: id })).toEqual(refused('FORBIDDEN_VILLAGE'));
    expect(await call(P.otherTownAdmin, 'inbox', { villageId: VILLAGE_A })).toEqual(
      refused('FORBIDDEN_VILLAGE'),
    );
    expect(await call(P.residentB, 'rate', { itemId: id, rating: 'satisfied' })).toEqual(
      refused('FORBIDDEN_VILLAGE'),
    );
    expect(await snapshot(w.store)).toEqual(before);
  });

  test("someone else's item: only the reporter rates, objects and reads it among villagers", async () => {
    const id = await toVerified();
    expect(await call(RESIDENT_A2, 'rate', { itemId: id, rating: 'unsatisfied' })).toEqual(
      refused('NOT_REPORTER'),
    );
    expect(await call(RESIDENT_A2, 'get', { itemId: id })).toEqual(refused('NOT_REPORTER'));
    expect((await get(id, P.residentA)).state).toBe('verified');
  });

  test('closed item: nothing more but one objection', async () => {
    const id = await toVerified();
    okData(await call(P.residentA, 'rate', { itemId: id, rating: 'basic' }));
    const before = await snapshot(w.store);
    expect(await call(P.supervisorA, 'accept', { itemId: id })).toEqual(refused('ITEM_CLOSED'));
    expect(await call(P.cadreA, 'answer', { itemId: id, text: '再补充一点内容' })).toEqual(
      refused('ITEM_CLOSED'),
    );
    expect(await call(P.townAdmin, 'close', { itemId: id, conclusion: '镇里再办结一次' })).toEqual(
      refused('ITEM_CLOSED'),
    );
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('double rating is refused, also a retry with another rating', async () => {
    const id = await toVerified();
    okData(await call(P.residentA, 'rate', { itemId: id, rating: 'satisfied' }));
    expect(await call(P.residentA, 'rate', { itemId: id, rating: 'satisfied' })).toEqual(
      refused('ALREADY_RATED'),
    );
    expect(await call(P.residentA, 'rate', { itemId: id, rating: 'unsatisfied' })).toEqual(
      refused('ALREADY_RATED'),
    );
    expect((await get(id, P.townAdmin)).steps.filter((s) => s.kind === 'rated')).toHaveLength(1);
  });

  test('wrong state: no rating before the answer is checked, no answer before acceptance', async () => {
    const id = await raise();
    expect(await call(P.residentA, 'rate', { itemId: id, rating: 'satisfied' })).toEqual(
      refused('WRONG_STATE'),
    );
    expect(await call(P.cadreA, 'answer', { itemId: id, text: '还没受理就答复' })).toEqual(
      refused('WRONG_STATE'),
    );
    expect(await call(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' })).toEqual(
      refused('WRONG_STATE'),
    );
    expect(await call(P.townAdmin, 'takeOver', { itemId: id })).toEqual(refused('WRONG_STATE'));
  });

  test('the assignee must be a cadre of the village', async () => {
    const id = await raise();
    expect(await call(P.supervisorA, 'accept', { itemId: id, assigneeId: P.cadreB })).toEqual(
      refused('ASSIGNEE_INVALID'),
    );
    expect(await call(P.supervisorA, 'accept', { itemId: id, assigneeId: P.residentA })).toEqual(
      refused('ASSIGNEE_INVALID'),
    );
  });

  test('flood limit: five a day per person, the sixth refused and nothing written; next China day again', async () => {
    for (let i = 0; i < 5; i++) await raise();
    const before = await snapshot(w.store);
    const r = await call(P.residentA, 'raise', raiseInput());
    expect(r).toEqual(refused('RAISE_LIMIT'));
    expect(r.ok || r.message).toMatch(CJK);
    expect(await snapshot(w.store)).toEqual(before);
    // Another person is not limited by it.
    await raise({}, RESIDENT_A2);
    // 2026-03-15 23:59 China time is still the same day; 00:00 the next.
    w.clock.set('2026-03-15T15:59:00.000Z');
    expect(await call(P.residentA, 'raise', raiseInput())).toEqual(refused('RAISE_LIMIT'));
    w.clock.set('2026-03-15T16:00:00.000Z');
    await raise();
  });

  test('a retried raise is the same item, not a second one', async () => {
    const input = raiseInput();
    const a = okData<{ id: string; created: boolean }>(await call(P.residentA, 'raise', input));
    const b = okData<{ id: string; created: boolean }>(await call(P.residentA, 'raise', input));
    expect([a.created, b.created, b.id]).toEqual([true, false, a.id]);
    expect(
      (await call(P.supervisorA, 'inbox', {})).ok &&
        okData<{ rows: unknown[] }>(await call(P.supervisorA, 'inbox', {})).rows,
    ).toHaveLength(1);
  });

  test('a town admin without a village cannot raise; a subject of another village is refused', async () => {
    expect(await call(P.townAdmin, 'raise', raiseInput())).toEqual(refused('FORBIDDEN_ROLE'));
    const seriesId = await publishFinance();
    expect(
      await call(P.residentB, 'raise', raiseInput({ subject: { kind: 'disclosure', seriesId, version: 1 } })),
    ).toEqual(refused('SUBJECT_NOT_FOUND'));
    expect(
      await call(
        P.residentA,
        'raise',
        raiseInput({ subject: { kind: 'disclosure', seriesId, version: 1, itemIndex: 9 } }),
      ),
    ).toEqual(refused('SUBJECT_NOT_FOUND'));
    expect(
      await call(P.residentA, 'raise', raiseInput({ subject: { kind: 'disclosure', seriesId, version: 2 } })),
    ).toEqual(refused('SUBJECT_NOT_FOUND'));
  });
});

describe('questions about a notice, a monthly report or a decision', () => {
  type Summary = { id: string; subjectLabel: string };

  async function publishNotice(villageId = VILLAGE_A, cadre: string = P.cadreA): Promise<string> {
    const r = await callerFor(reportActions, w.env)(cadre, 'publishNotice', {
      requestId: `req-notice-${villageId}`,
      villageId,
      title: '关于春耕用水安排的通知',
      body: '各组按排定时间轮流放水。',
    });
    return okData<{ noticeId: string }>(r).noticeId;
  }

  /** A 村情月报 of March as the report context keeps it (composing one needs every context). */
  async function putReport(villageId: string, status: 'draft' | 'published'): Promise<string> {
    const _id = `${villageId}.2026-02`;
    await reportsOf(w.store).insert({
      _id,
      villageId,
      townId: TOWN,
      month: '2026-02',
      status,
      content: {} as ReportDoc['content'],
      composedAt: T0,
      note: '',
      publishedAt: status === 'published' ? T0 : null,
      publisher: status === 'published' ? { openid: P.cadreA, name: '村干部' } : null,
      flaggedAt: null,
      readCount: 0,
    });
    return _id;
  }

  async function propose(villageId = VILLAGE_A, cadre: string = P.cadreA): Promise<string> {
    const r = await callerFor(decisionsActions, w.env)(cadre, 'propose', {
      requestId: `req-decision-${villageId}`,
      villageId,
      title: '村集体120亩耕地流转给种植合作社',
      category: 'landTransfer',
      summary: '拟将村集体 120 亩耕地流转给本村种植合作社，期限 5 年。',
      proposer: '党支部',
      proposedOn: '2026-03-02',
      resolutionBody: 'representatives',
    });
    return okData<{ id: string }>(r).id;
  }

  async function refusedWithoutWrites(subject: Record<string, unknown>, who: string, message: RegExp) {
    w.store.resetWrites();
    const r = await call(who, 'raise', raiseInput({ subject }));
    expect(r).toMatchObject({ ok: false, code: 'SUBJECT_NOT_FOUND' });
    expect(r.ok || r.message).toMatch(message);
    expect(w.store.writes()).toBe(0);
  }

  test('a notice of the village: raised, and the item names it', async () => {
    const noticeId = await publishNotice();
    const id = await raise({ subject: { kind: 'notice', noticeId } });
    const mine = okData<{ rows: Summary[] }>(await call(P.residentA, 'mine', {})).rows;
    expect(mine.find((r) => r.id === id)?.subjectLabel).toBe('通知公告《关于春耕用水安排的通知》');
  });

  test('a notice of another village, or none: refused, nothing written', async () => {
    const noticeId = await publishNotice();
    await refusedWithoutWrites({ kind: 'notice', noticeId }, P.residentB, /通知公告/);
    await refusedWithoutWrites({ kind: 'notice', noticeId: 'n-unknown' }, P.residentA, /通知公告/);
  });

  test('a published monthly report of the village: raised, and the item names its month', async () => {
    const reportId = await putReport(VILLAGE_A, 'published');
    const id = await raise({ subject: { kind: 'report', reportId } });
    const mine = okData<{ rows: Summary[] }>(await call(P.residentA, 'mine', {})).rows;
    expect(mine.find((r) => r.id === id)?.subjectLabel).toBe('2026年2月村情月报');
  });

  test('a draft report, a report of another village, or none: refused, nothing written', async () => {
    const draft = await putReport(VILLAGE_A, 'draft');
    const other = await putReport(VILLAGE_B, 'published');
    await refusedWithoutWrites({ kind: 'report', reportId: draft }, P.residentA, /村情月报/);
    await refusedWithoutWrites({ kind: 'report', reportId: other }, P.residentA, /村情月报/);
    await refusedWithoutWrites({ kind: 'report', reportId: 'r-unknown' }, P.residentA, /村情月报/);
  });

  test('a decision of the village: raised, and the item names it', async () => {
    const decisionId = await propose();
    const id = await raise({ subject: { kind: 'decision', decisionId } });
    const mine = okData<{ rows: Summary[] }>(await call(P.residentA, 'mine', {})).rows;
    expect(mine.find((r) => r.id === id)?.subjectLabel).toBe('村级决策《村集体120亩耕地流转给种植合作社》');
  });

  test('a decision of another village, or none: refused, nothing written', async () => {
    const decisionId = await propose();
    await refusedWithoutWrites({ kind: 'decision', decisionId }, P.residentB, /村级决策/);
    await refusedWithoutWrites({ kind: 'decision', decisionId: 'd-unknown' }, P.residentA, /村级决策/);
  });
});

describe('hidden names', () => {
  test("no cadre reply ever carries a hidden name or the reporter's id; the 村监委 and town see it", async () => {
    const seriesId = await publishFinance();
    const id = await raise({ subject: { kind: 'disclosure', seriesId, version: 1, itemIndex: 1 } });
    const cadreReplies: unknown[] = [];
    const asCadre = async (action: string, input: unknown) => {
      const r = await call(P.cadreA, action, input);
      cadreReplies.push(r);
      return r;
    };
    await asCadre('inbox', {});
    await asCadre('inbox', { filter: 'all' });
    await asCadre('get', { itemId: id });
    okData(await call(P.supervisorA, 'accept', { itemId: id, assigneeId: P.cadreA }));
    await asCadre('get', { itemId: id });
    okData(await asCadre('answer', { itemId: id, text: '保洁为全年合同，已附合同。' }));
    okData(await call(P.supervisorA, 'verify', { itemId: id, outcome: 'pass' }));
    okData(await call(P.residentA, 'rate', { itemId: id, rating: 'unsatisfied' }));
    okData(await call(P.townAdmin, 'instruct', { itemId: id, text: '请补充说明合同签订过程' }));
    okData(await asCadre('answer', { itemId: id, text: '合同经村民代表会议通过。' }));
    await asCadre('aboutDisclosure', { seriesId });
    await asCadre('mine', {});
    const text = JSON.stringify(cadreReplies);
    expect(text).not.toContain(REPORTER_NAME);
    expect(text).not.toContain(P.residentA);
    expect(text).toContain('匿名');
    // The supervisor and the town see the name, marked as not for the village.
    expect((await get(id, P.supervisorA)).reporterName).toBe(`${REPORTER_NAME}（不公开）`);
    expect((await get(id, P.townAdmin)).reporterName).toBe(`${REPORTER_NAME}（不公开）`);
    expect((await get(id, P.residentA)).reporterName).toBe(REPORTER_NAME);
  });

  test('a name the reporter shows is seen by the cadres', async () => {
    const id = await raise({ showName: true });
    expect((await get(id, P.cadreA)).reporterName).toBe(REPORTER_NAME);
  });

  test('a cadre who is also on the 村监委 still never sees a hidden name', async () => {
    await addUser(w.store, 'cadre-sup', VILLAGE_A, ['cadre', 'supervisor'], TOWN, '双重身份');
    const id = await raise();
    expect(JSON.stringify(await call('cadre-sup', 'get', { itemId: id }))).not.toContain(REPORTER_NAME);
  });
});

describe('deadlines and escalation on the clock', () => {
  test('not accepted within 3 China days: escalated at the end of the third day, not a second earlier', async () => {
    const id = await raise();
    // Raised 15 March 10:00 China time: due when 18 March ends (19 March 00:00 = 18 March 16:00 UTC).
    expect((await get(id, P.residentA)).dueAt).toBe('2026-03-18T16:00:00.000Z');
    w.clock.set('2026-03-18T15:59:59.000Z');
    expect((await get(id, P.supervisorA)).state).toBe('submitted');
    w.clock.set('2026-03-18T16:00:00.000Z');
    const d = await get(id, P.supervisorA);
    expect(d.state).toBe('escalated');
    expect(d.steps.at(-1)).toMatchObject({
      kind: 'escalated',
      reason: 'acceptOverdue',
      at: '2026-03-18T16:00:00.000Z',
    });
    // Reading again adds nothing.
    expect((await get(id, P.townAdmin)).steps).toHaveLength(2);
    expect(await call(P.supervisorA, 'accept', { itemId: id })).toEqual(refused('WRONG_STATE'));
  });

  test('not answered within 15 days of acceptance escalates; answering in time does not', async () => {
    const late = await raise();
    const timely = await raise();
    okData(await call(P.supervisorA, 'accept', { itemId: late }));
    okData(await call(P.supervisorA, 'accept', { itemId: timely }));
    w.clock.set('2026-03-30T15:00:00.000Z');
    okData(await call(P.cadreA, 'answer', { itemId: timely, text: '在期限内答复。' }));
    w.clock.set('2026-03-30T16:00:00.000Z');
    expect((await get(late, P.supervisorA)).steps.at(-1)).toMatchObject({
      kind: 'escalated',
      reason: 'answerOverdue',
    });
    expect((await get(timely, P.supervisorA)).state).toBe('answered');
  });

  test('the town changes the deadlines for items raised afterwards', async () => {
    const before = await raise();
    expect(
      okData(await call(P.townAdmin, 'setDeadlines', { acceptDays: 5, answerDays: 10, rateDays: 7 })),
    ).toEqual({
      acceptDays: 5,
      answerDays: 10,
      rateDays: 7,
    });
    expect(okData(await call(P.residentA, 'deadlines', {}))).toMatchObject({ acceptDays: 5 });
    const after = await raise();
    expect((await get(before, P.residentA)).dueAt).toBe('2026-03-18T16:00:00.000Z');
    expect((await get(after, P.residentA)).dueAt).toBe('2026-03-20T16:00:00.000Z');
  });

  test('an answer not rated in time closes without a rating', async () => {
    const id = await toVerified();
    w.clock.set('2026-04-10T00:00:00.000Z');
    const d = await get(id, P.residentA);
    expect([d.state, d.rating]).toEqual(['closed', null]);
    expect(await call(P.residentA, 'rate', { itemId: id, rating: 'satisfied' })).toEqual(
      refused('ITEM_CLOSED'),
    );
  });

  test('an escalation a reader stores first tells the town once; the timer then finds nothing', async () => {
    const id = await raise();
    w.clock.set('2026-03-20T00:00:00.000Z');
    expect((await get(id, P.residentA)).state).toBe('escalated');
    expect(await sweep(w.env)).toEqual({ settled: 0 });
    expect(outbox.messages(P.townAdmin)).toHaveLength(1);
  });

  test('the timer stores due escalations and tells the town, once', async () => {
    await raise();
    await raise();
    w.clock.set('2026-03-20T00:00:00.000Z');
    expect(await sweep(w.env)).toEqual({ settled: 2 });
    expect(await sweep(w.env)).toEqual({ settled: 0 });
    expect(outbox.messages(P.townAdmin)).toHaveLength(2);
    const view = okData<{ rows: { villageId: string; escalated: number; overdue: number }[] }>(
      await call(P.townAdmin, 'townView', {}),
    );
    expect(view.rows.find((r) => r.villageId === VILLAGE_A)).toMatchObject({ escalated: 2, overdue: 0 });
  });
});

describe('interrupted writes', () => {
  test('a failed item update after the step went in is repaired, and the retry does not add a step', async () => {
    const id = await toVerified();
    const broken = { ...w.env, store: failingOnce(w.store, 'oversightItems', 'updateWhere') };
    const r = await callerFor(oversightActions, broken)(P.residentA, 'rate', {
      itemId: id,
      rating: 'unsatisfied',
    });
    expect(r).toEqual(refused('INTERNAL'));
    // The retry finds the rating stored, finishes the escalation, and counts it once.
    const again = await call(P.residentA, 'rate', { itemId: id, rating: 'unsatisfied' });
    const d = await get(id, P.townAdmin);
    expect(d.state).toBe('escalated');
    expect(d.steps.filter((s) => s.kind === 'rated')).toHaveLength(1);
    expect(d.steps.filter((s) => s.kind === 'escalated')).toHaveLength(1);
    expect(again.ok || again.code).not.toBe('INTERNAL');
    const kept = await statsOf(w.store).get(VILLAGE_A);
    const recounted = await recountVillage(w.store, TOWN, VILLAGE_A);
    expect(kept).toEqual(recounted);
  });
});

describe('where it shows', () => {
  test('a disclosure counts its questions and shows only the answers reporters allowed', async () => {
    const seriesId = await publishFinance();
    const shown = await toVerified({ subject: { kind: 'disclosure', seriesId, version: 1, itemIndex: 1 } });
    await toVerified({ subject: { kind: 'disclosure', seriesId, version: 1 }, allowPublic: false });
    await raise({ subject: { kind: 'disclosure', seriesId, version: 1 } });
    const about = okData<{
      count: number;
      open: number;
      answers: { id: string; itemIndex: number | null; answer: string }[];
    }>(await call(RESIDENT_A2, 'aboutDisclosure', { seriesId }));
    expect([about.count, about.open]).toEqual([3, 3]);
    expect(about.answers.map((a) => [a.id, a.itemIndex])).toEqual([[shown, 1]]);
    expect(about.answers[0]?.answer).toContain('凭证已公开');
    // The town reads the same counts; another village and another town are refused.
    const town = okData<{ count: number; open: number }>(
      await call(P.townAdmin, 'aboutDisclosure', { seriesId }),
    );
    expect([town.count, town.open]).toEqual([3, 3]);
    expect(await call(P.residentB, 'aboutDisclosure', { seriesId })).toEqual(refused('FORBIDDEN_VILLAGE'));
    expect(await call(P.otherTownAdmin, 'aboutDisclosure', { seriesId })).toEqual(
      refused('FORBIDDEN_VILLAGE'),
    );
    expect(await call(P.residentA, 'aboutDisclosure', { seriesId: 'no-such-series' })).toEqual(
      refused('NOT_FOUND'),
    );
  });

  test('the reporter sees their own items; the 村监委 is told of a new one', async () => {
    await raise();
    await raise({}, RESIDENT_A2);
    expect(okData<{ rows: unknown[] }>(await call(P.residentA, 'mine', {})).rows).toHaveLength(1);
    expect(outbox.messages(P.supervisorA)).toHaveLength(2);
    expect(JSON.stringify(outbox.messages(P.supervisorA))).not.toContain(REPORTER_NAME);
  });

  test('the town view: counts, overdue, median days to answer, satisfaction, kept equal to a recount', async () => {
    const a = await toVerified();
    w.clock.advance(2 * 86_400_000);
    const b = await toVerified();
    okData(await call(P.residentA, 'rate', { itemId: a, rating: 'satisfied' }));
    okData(await call(P.residentA, 'rate', { itemId: b, rating: 'unsatisfied' }));
    await raise();
    w.clock.advance(10 * 86_400_000);
    const view = okData<{
      rows: Record<string, unknown>[];
      next: string | null;
      totals: { villages: number };
    }>(await call(P.townAdmin, 'townView', {}));
    expect(view.totals.villages).toBe(2);
    expect(view.rows.map((r) => r.villageId)).toEqual([VILLAGE_A, VILLAGE_B]);
    expect(view.rows[0]).toMatchObject({
      total: 3,
      open: 2,
      overdue: 1,
      escalated: 1,
      medianDaysToAnswer: 0,
      satisfaction: 0.5,
      rated: 2,
      closed: 1,
    });
    expect(view.rows[1]).toMatchObject({ total: 0, open: 0, satisfaction: null, medianDaysToAnswer: null });
    const page1 = okData<{ rows: { villageId: string }[]; next: string }>(
      await call(P.townAdmin, 'townView', { limit: 1 }),
    );
    const page2 = okData<{ rows: { villageId: string }[]; next: null }>(
      await call(P.townAdmin, 'townView', { limit: 1, cursor: page1.next }),
    );
    expect([page1.rows[0]?.villageId, page2.rows[0]?.villageId, page2.next]).toEqual([
      VILLAGE_A,
      VILLAGE_B,
      null,
    ]);
    expect(await statsOf(w.store).get(VILLAGE_A)).toEqual(await recountVillage(w.store, TOWN, VILLAGE_A));
  });
});

describe('what other contexts may read', () => {
  test('rates per village for the index: closed share and satisfaction, zeros for a village without questions', async () => {
    const a = await toVerified();
    okData(await call(P.residentA, 'rate', { itemId: a, rating: 'basic' }));
    const b = await toVerified();
    okData(await call(P.residentA, 'rate', { itemId: b, rating: 'unsatisfied' }));
    await raise();
    const rates = await oversightRates(w.store, [VILLAGE_A, VILLAGE_B]);
    expect(rates.get(VILLAGE_A)).toEqual({
      villageId: VILLAGE_A,
      total: 3,
      closedRate: 1 / 3,
      satisfaction: 0.5,
      rated: 2,
      escalatedOpen: 1,
    });
    expect(rates.get(VILLAGE_B)).toMatchObject({ total: 0, closedRate: null, satisfaction: null });
  });
});

describe('named refusals', () => {
  test('every refusal of the context has a Chinese message and every action lists only known ones', () => {
    for (const message of Object.values(OVERSIGHT_REFUSALS)) expect(message).toMatch(CJK);
    expect(Object.keys(OVERSIGHT_ACTION_REFUSALS).sort()).toEqual(Object.keys(oversightActions).sort());
    for (const codes of Object.values(OVERSIGHT_ACTION_REFUSALS)) {
      for (const code of codes) expect(Object.keys(OVERSIGHT_REFUSALS)).toContain(code);
    }
  });
});
