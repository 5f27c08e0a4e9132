/**
 * The 村监委's 台账 and 日志: entries per month, 整改 moved only by whom the rule names, the
 * town's ledger findings on the village's 整改 list, and the month as a workbook.
 */
import ExcelJS from 'exceljs';
import { ledgersOf } from '../../cloudfunctions/assessment/store';
import { oversightActions } from '../../cloudfunctions/oversight';
import { okData, P, snapshot, TOWN, VILLAGE_A, VILLAGE_B } from './builders';
import { twoTownsEach } from './world';

type Fix = {
  id: string;
  status: string;
  overdue: boolean;
  source: string;
  can: string[];
  history: unknown[];
};
type Month = { entries: { kind: string; title: string; date: string }[]; fixes: Fix[]; canWrite: boolean };

const SUPERVISOR_B = 'supervisor-b';
const w = twoTownsEach({ people: [[SUPERVISOR_B, VILLAGE_B, ['supervisor'], '郑监督']] });
const call = w.caller(oversightActions);
let rid = 0;
const requestId = () => `req-log-${String(++rid).padStart(6, '0')}`;
const refused = (code: string) => expect.objectContaining({ ok: false, code });

async function add(input: Record<string, unknown>, who: string = P.supervisorA) {
  return okData<{ id: string; created: boolean }>(
    await call(who, 'logAdd', { requestId: requestId(), ...input }),
  );
}

const finding = (over: Record<string, unknown> = {}) => ({
  kind: 'finding',
  date: '2026-03-05',
  title: '三月财务公开前审核',
  text: '两张发票缺少经手人签字',
  fix: { owner: '村会计', dueOn: '2026-03-12', what: '补齐经手人签字后再公开' },
  ...over,
});

test('the 村监委 keeps a month of meetings, attendance, checks and findings; cadres and the town read it', async () => {
  await add({
    kind: 'meeting',
    date: '2026-03-02',
    title: '三月例会',
    text: '研究本月监督重点',
    attendees: ['陈立新', '王建国'],
  });
  await add({ kind: 'attendance', date: '2026-03-08', title: '列席两委会议', text: '讨论道路硬化项目' });
  await add({ kind: 'check', date: '2026-03-04', title: '审核二月财务公开', text: '收支与凭证一致' });
  await add(finding());
  // April's meeting, entered once it was held.
  w.clock.set('2026-04-02T02:00:00.000Z');
  await add({ kind: 'meeting', date: '2026-04-02', title: '四月例会' });
  const month = okData<Month>(await call(P.cadreA, 'logMonth', { month: '2026-03' }));
  expect(month.entries.map((e) => e.date)).toEqual(['2026-03-02', '2026-03-04', '2026-03-05', '2026-03-08']);
  expect(month.canWrite).toBe(false);
  expect(okData<Month>(await call(P.supervisorA, 'logMonth', { month: '2026-03' })).canWrite).toBe(true);
  expect(
    okData<Month>(await call(P.townAdmin, 'logMonth', { villageId: VILLAGE_A, month: '2026-03' })).entries,
  ).toHaveLength(4);
});

test("only the village's 村监委 writes its log; nobody reads another village's", async () => {
  const before = await snapshot(w.store);
  expect(await call(P.cadreA, 'logAdd', { requestId: requestId(), ...finding() })).toEqual(
    refused('FORBIDDEN_ROLE'),
  );
  expect(await call(P.residentA, 'logMonth', { month: '2026-03' })).toEqual(refused('FORBIDDEN_ROLE'));
  expect(await call(P.townAdmin, 'logAdd', { requestId: requestId(), ...finding() })).toEqual(
    refused('FORBIDDEN_ROLE'),
  );
  expect(await call(SUPERVISOR_B, 'logMonth', { villageId: VILLAGE_A, month: '2026-03' })).toEqual(
    refused('FORBIDDEN_VILLAGE'),
  );
  expect(await call(P.otherTownAdmin, 'logMonth', { villageId: VILLAGE_A, month: '2026-03' })).toEqual(
    refused('FORBIDDEN_VILLAGE'),
  );
  expect(await snapshot(w.store)).toEqual(before);
});

test('a retried entry is stored once', async () => {
  const input = { requestId: 'req-log-retry-01', kind: 'meeting', date: '2026-03-02', title: '三月例会' };
  expect(okData<{ created: boolean }>(await call(P.supervisorA, 'logAdd', input)).created).toBe(true);
  expect(okData<{ created: boolean }>(await call(P.supervisorA, 'logAdd', input)).created).toBe(false);
  expect(okData<Month>(await call(P.supervisorA, 'logMonth', { month: '2026-03' })).entries).toHaveLength(1);
});

test('整改: the cadre reports it done, the 村监委 reopens or verifies; nobody skips a step', async () => {
  const { id } = await add(finding());
  const move = (who: string, m: string, note = '已按要求整改') =>
    call(who, 'fixUpdate', { requestId: requestId(), fixId: id, move: m, note });
  expect(await move(P.supervisorA, 'verified')).toEqual(refused('FIX_WRONG_STATE'));
  expect(await move(P.supervisorA, 'done')).toEqual(refused('FIX_WRONG_STATE'));
  expect(okData<Fix>(await move(P.cadreA, 'done')).status).toBe('done');
  expect(await move(P.cadreA, 'verified')).toEqual(refused('FIX_WRONG_STATE'));
  expect(okData<Fix>(await move(P.supervisorA, 'reopened', '签字仍不全')).status).toBe('open');
  okData(await move(P.cadreA, 'done', '已全部补签'));
  const v = okData<Fix>(await move(P.supervisorA, 'verified', '核对无误，销号'));
  expect([v.status, v.history.length, v.can]).toEqual(['verified', 4, []]);
  // Another village's cadre: their own village has no such 整改, and village A is not theirs.
  expect(await move(P.cadreB, 'done')).toEqual(refused('FIX_NOT_FOUND'));
  expect(
    await call(P.cadreB, 'fixUpdate', {
      requestId: requestId(),
      fixId: id,
      villageId: VILLAGE_A,
      move: 'done',
      note: '越村操作',
    }),
  ).toEqual(refused('FORBIDDEN_VILLAGE'));
});

test('an open 整改 past its due date shows as overdue (China date)', async () => {
  await add(finding());
  w.clock.set('2026-03-12T15:59:00.000Z'); // 23:59 on the 12th in China: still in time
  expect(okData<Month>(await call(P.cadreA, 'logMonth', { month: '2026-03' })).fixes[0]?.overdue).toBe(false);
  w.clock.set('2026-03-12T16:00:00.000Z');
  expect(okData<Month>(await call(P.cadreA, 'logMonth', { month: '2026-03' })).fixes[0]?.overdue).toBe(true);
});

test("the town view counts overdue 整改 of each village, the 村监委's and the town ledger's", async () => {
  await add(finding());
  await add(finding({ title: '四月审核', fix: { owner: '村会计', dueOn: '2026-04-30', what: '按期整改' } }));
  await ledgersOf(w.store).insert({
    _id: `${VILLAGE_B}.unit-1.2026-02`,
    townId: TOWN,
    villageId: VILLAGE_B,
    unitId: 'unit-1',
    month: '2026-02',
    year: 2026,
    findings: [
      { finding: '账目未按月公开', rectification: '补公开', deadline: '2026-03-01', status: 'open' },
    ],
    note: '',
    firstSubmittedAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    by: { openid: P.townAdmin, name: '周海燕' },
  });
  const rows = () =>
    call(P.townAdmin, 'townView', {}).then((r) =>
      okData<{ rows: { villageId: string; overdueFixes: number }[] }>(r).rows.map((x) => [
        x.villageId,
        x.overdueFixes,
      ]),
    );
  expect(await rows()).toEqual([
    [VILLAGE_A, 1],
    [VILLAGE_B, 1],
  ]);
  // Reported done: no longer overdue (it waits for the check).
  const fixes = okData<Month>(await call(P.cadreA, 'logMonth', { month: '2026-03' })).fixes;
  const late = fixes.find((f) => f.overdue);
  okData(
    await call(P.cadreA, 'fixUpdate', {
      requestId: requestId(),
      fixId: late?.id,
      move: 'done',
      note: '已补签字',
    }),
  );
  expect(await rows()).toEqual([
    [VILLAGE_A, 0],
    [VILLAGE_B, 1],
  ]);
});

test("the town's ledger findings reach the village: the cadre replies, only the town verifies", async () => {
  await ledgersOf(w.store).insert({
    _id: `${VILLAGE_A}.unit-1.2026-02`,
    townId: TOWN,
    villageId: VILLAGE_A,
    unitId: 'unit-1',
    month: '2026-02',
    year: 2026,
    findings: [
      {
        finding: '村务公开栏内容未及时更新',
        rectification: '三日内更新公开栏',
        deadline: '2026-03-05',
        status: 'open',
      },
    ],
    note: '',
    firstSubmittedAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    by: { openid: P.townAdmin, name: '周海燕' },
  });
  const list = okData<Month>(await call(P.cadreA, 'logMonth', { month: '2026-03' })).fixes;
  const town = list.find((f) => f.source === 'town');
  if (!town) throw new Error('the town finding is missing');
  expect([town.can, town.overdue]).toEqual([['done'], true]);
  const move = (who: string, m: string) =>
    call(who, 'fixUpdate', {
      requestId: requestId(),
      fixId: town.id,
      villageId: VILLAGE_A,
      move: m,
      note: '公开栏已更新并拍照',
    });
  okData(await move(P.cadreA, 'done'));
  expect(await move(P.supervisorA, 'verified')).toEqual(refused('FORBIDDEN_ROLE'));
  expect(okData<Fix>(await move(P.townAdmin, 'verified')).status).toBe('verified');
  // Not on the village B list, and no other village can move it.
  expect(okData<Month>(await call(P.cadreB, 'logMonth', { month: '2026-03' })).fixes).toEqual([]);
  expect(
    await call(P.cadreB, 'fixUpdate', {
      requestId: requestId(),
      fixId: town.id,
      move: 'done',
      note: '试图更改',
    }),
  ).toEqual(refused('FIX_NOT_FOUND'));
});

test('a month exports as a workbook with the log and the 整改 list, in Chinese dates', async () => {
  await add({ kind: 'meeting', date: '2026-03-02', title: '三月例会', attendees: ['陈立新', '王建国'] });
  await add(finding());
  const file = okData<{ fileName: string; base64: string }>(
    await call(P.townAdmin, 'logExport', { villageId: VILLAGE_A, month: '2026-03' }),
  );
  expect(file.fileName).toBe('甲村村监委台账-2026年3月.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const log = wb.getWorksheet('工作日志');
  expect(log?.getCell(1, 1).value).toBe('甲村村务监督委员会工作台账（2026年3月）');
  expect(log?.getRow(3).values).toEqual(
    expect.arrayContaining(['2026年3月2日', '村监委例会', '三月例会', '陈立新、王建国']),
  );
  const fixes = wb.getWorksheet('整改清单');
  expect(fixes?.getRow(3).values).toEqual(
    expect.arrayContaining(['村会计', '2026年3月12日', '待整改（已逾期）']),
  );
});
