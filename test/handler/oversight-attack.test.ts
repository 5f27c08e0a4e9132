/**
 * 问题反映 as an attacker tries it: one person in two roles of the same loop (answering and
 * checking their own answer, handling a question they raised), the daily limit raced by
 * concurrent calls, and a retry after a raise cut off half-way.
 */
import { oversightActions } from '../../cloudfunctions/oversight';
import { itemsOf } from '../../cloudfunctions/oversight/store';
import { DAILY_RAISE_LIMIT } from '../../cloudfunctions/common/contracts/oversight';
import { callerFor, failingOnce, okData, P, VILLAGE_A } from './builders';
import { refusedOf, twoTownsEach } from './world';

type Detail = { state: string; can: Record<string, boolean> };

/** Holds both a cadre's and a 村监委 member's role in 甲村 (the seeds allow it; it happens). */
const DUAL = 'cadre-supervisor-a';
const SUPERVISOR_A2 = 'supervisor-a2';
const w = twoTownsEach({
  now: '2026-03-15T02:00:00.000Z',
  people: [
    [DUAL, VILLAGE_A, ['resident', 'cadre', 'supervisor'], '赵两职'],
    [SUPERVISOR_A2, VILLAGE_A, ['resident', 'supervisor'], '孙监督'],
  ],
});
const call = w.caller(oversightActions);
const refused = refusedOf(w, call);
let rid = 0;
const raiseInput = () => ({
  requestId: `req-atk-${String(++rid).padStart(6, '0')}`,
  category: 'finance',
  text: '三月份道路保洁支出为什么这么多？',
  showName: false,
});
const raise = async (who: string = P.residentA) =>
  okData<{ id: string }>(await call(who, 'raise', raiseInput())).id;
const detail = async (id: string, who: string) => okData<Detail>(await call(who, 'get', { itemId: id }));

describe('nobody checks their own work', () => {
  test('a cadre who is also on the 村监委 cannot verify the answer they gave; another member can', async () => {
    const id = await raise();
    okData(await call(P.supervisorA, 'accept', { itemId: id, assigneeId: DUAL }));
    okData(await call(DUAL, 'answer', { itemId: id, text: '保洁费用含全年合同首付款，凭证已公开。' }));
    expect((await detail(id, DUAL)).can.verify).toBe(false);
    await refused(DUAL, 'verify', { itemId: id, outcome: 'pass', note: '' }, 'OWN_ANSWER');
    expect((await detail(id, P.supervisorA)).can.verify).toBe(true);
    okData(await call(P.supervisorA, 'verify', { itemId: id, outcome: 'pass', note: '' }));
  });

  test('the same person may verify an answer another cadre gave', async () => {
    const id = await raise();
    okData(await call(DUAL, 'accept', { itemId: id, assigneeId: P.cadreA }));
    okData(await call(P.cadreA, 'answer', { itemId: id, text: '保洁费用含全年合同首付款，凭证已公开。' }));
    expect((await detail(id, DUAL)).state).toBe('answered');
    okData(await call(DUAL, 'verify', { itemId: id, outcome: 'pass', note: '' }));
  });

  test('a 村监委 member cannot accept or refer a question they raised themselves', async () => {
    const id = await raise(P.supervisorA);
    expect((await detail(id, P.supervisorA)).can.accept).toBe(false);
    await refused(P.supervisorA, 'accept', { itemId: id }, 'OWN_ITEM');
    await refused(P.supervisorA, 'refer', { itemId: id, note: '转交镇农业办处理' }, 'OWN_ITEM');
    okData(await call(SUPERVISOR_A2, 'accept', { itemId: id }));
  });

  test('a cadre cannot answer (nor be assigned) a question they raised, then rate it satisfied', async () => {
    const id = await raise(DUAL);
    await refused(P.supervisorA, 'accept', { itemId: id, assigneeId: DUAL }, 'ASSIGNEE_INVALID');
    okData(await call(P.supervisorA, 'accept', { itemId: id }));
    await refused(DUAL, 'answer', { itemId: id, text: '我自己来答复这个问题。' }, 'OWN_ITEM');
    await refused(DUAL, 'verify', { itemId: id, outcome: 'pass', note: '' }, 'OWN_ITEM');
    // The reporter still reads and follows their own question.
    expect((await detail(id, DUAL)).state).toBe('accepted');
  });
});

describe('the daily limit under concurrency', () => {
  test(`${DAILY_RAISE_LIMIT + 3} raises sent at once store at most ${DAILY_RAISE_LIMIT}`, async () => {
    const replies = await Promise.all(
      Array.from({ length: DAILY_RAISE_LIMIT + 3 }, () => call(P.residentA, 'raise', raiseInput())),
    );
    const ok = replies.filter((r) => r.ok).length;
    expect(ok).toBe(DAILY_RAISE_LIMIT);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(3).fill('RAISE_LIMIT'));
    expect(await itemsOf(w.store).count({ reporterId: P.residentA })).toBe(DAILY_RAISE_LIMIT);
  });

  test('the same raise sent twice at once is one item', async () => {
    const input = raiseInput();
    const [a, b] = await Promise.all([call(P.residentA, 'raise', input), call(P.residentA, 'raise', input)]);
    expect(okData<{ id: string }>(a).id).toBe(okData<{ id: string }>(b).id);
    expect(await itemsOf(w.store).count({ reporterId: P.residentA })).toBe(1);
  });

  test('a raise cut off before its item was stored is completed by the retry, in the same place', async () => {
    const input = raiseInput();
    const broken = callerFor(oversightActions, {
      ...w.env,
      store: failingOnce(w.store, 'oversightItems', 'insert'),
    });
    expect(await broken(P.residentA, 'raise', input)).toMatchObject({ ok: false });
    expect(okData<{ created: boolean }>(await call(P.residentA, 'raise', input)).created).toBe(true);
    for (let i = 1; i < DAILY_RAISE_LIMIT; i++) await raise();
    expect(await itemsOf(w.store).count({ reporterId: P.residentA })).toBe(DAILY_RAISE_LIMIT);
    await refused(P.residentA, 'raise', raiseInput(), 'RAISE_LIMIT');
  });

  test('a retried raise uses no second place of the day', async () => {
    const input = raiseInput();
    okData(await call(P.residentA, 'raise', input));
    for (let i = 0; i < 3; i++) okData(await call(P.residentA, 'raise', input));
    for (let i = 1; i < DAILY_RAISE_LIMIT; i++) await raise();
    expect(await itemsOf(w.store).count({ reporterId: P.residentA })).toBe(DAILY_RAISE_LIMIT);
    await refused(P.residentA, 'raise', raiseInput(), 'RAISE_LIMIT');
  });
});

describe('the 村监委 log keeps to the calendar', () => {
  const meeting = (date: string) => ({
    requestId: `req-atk-log-${date}`,
    kind: 'meeting',
    date,
    title: '村监委例会',
  });

  test('a meeting dated after today (China time) is refused, nothing written; today is fine', async () => {
    // 2026-03-15 10:00 in China: the 16th has not come.
    await refused(P.supervisorA, 'logAdd', meeting('2026-03-16'), 'LOG_DATE_IN_FUTURE');
    await refused(P.supervisorA, 'logAdd', meeting('2026-04-02'), 'LOG_DATE_IN_FUTURE');
    okData(await call(P.supervisorA, 'logAdd', meeting('2026-03-15')));
    // 23:59 on the 15th in China is still the 15th; at midnight the 16th may be entered.
    w.clock.set('2026-03-15T15:59:00.000Z');
    await refused(P.supervisorA, 'logAdd', meeting('2026-03-16'), 'LOG_DATE_IN_FUTURE');
    w.clock.set('2026-03-15T16:00:00.000Z');
    okData(await call(P.supervisorA, 'logAdd', meeting('2026-03-16')));
  });

  test('a 整改 due before the problem was found is refused', async () => {
    await refused(
      P.supervisorA,
      'logAdd',
      {
        requestId: 'req-atk-log-fix-1',
        kind: 'finding',
        date: '2026-03-10',
        title: '三月财务公开前审核',
        fix: { owner: '村会计', dueOn: '2026-03-09', what: '补齐经手人签字后再公开' },
      },
      'BAD_INPUT',
    );
  });
});

describe('整改: who reports it done does not verify it', () => {
  test('a cadre on the 村监委 who reports a fix done cannot verify or reopen it; another member can', async () => {
    type Fix = { id: string; status: string; can: string[] };
    const entry = okData<{ id: string }>(
      await call(P.supervisorA, 'logAdd', {
        requestId: 'req-atk-fix-0001',
        kind: 'finding',
        date: '2026-03-05',
        title: '三月财务公开前审核',
        fix: { owner: '村会计', dueOn: '2026-03-12', what: '补齐经手人签字后再公开' },
      }),
    );
    const move = (who: string, m: string, n: number) => ({
      requestId: `req-atk-fixmove-${n}`,
      fixId: entry.id,
      move: m,
      note: '已按要求整改',
    });
    const done = okData<Fix>(await call(DUAL, 'fixUpdate', move(DUAL, 'done', 1)));
    expect(done).toMatchObject({ status: 'done', can: [] });
    await refused(DUAL, 'fixUpdate', move(DUAL, 'verified', 2), 'FIX_OWN_WORK');
    await refused(DUAL, 'fixUpdate', move(DUAL, 'reopened', 3), 'FIX_OWN_WORK');
    expect(
      okData<Fix>(await call(P.supervisorA, 'fixUpdate', move(P.supervisorA, 'verified', 4))).status,
    ).toBe('verified');
  });
});
