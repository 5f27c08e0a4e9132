/**
 * 惠民资金发放名单 through the router on the embedded store, China date 2026-03-15: a cadre
 * pastes and publishes a 低保 list with a cadre's declared relative and a recipient listed
 * twice; residents see masked names except their own household's; the 村监委 and the town see
 * the flags; corrections are new versions; every refusal writes nothing; the public record
 * chain gets one entry per version, also when a publish is retried after stopping half-way.
 */
import { accountActions } from '../../cloudfunctions/account/actions';
import { rosterOf } from '../../cloudfunctions/account/store';
import type {
  PayoutDetail,
  PayoutOutputs,
  PayoutPreview,
  VillagePayoutFlags,
} from '../../cloudfunctions/common/contracts/payouts';
import { maskName, parsePayoutPaste } from '../../cloudfunctions/disclosure/domain/payouts';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { oversightActions } from '../../cloudfunctions/oversight';
import { payoutRefusal, PAYOUT_ACTION_PERMISSION } from '../../cloudfunctions/disclosure/payoutPolicy';
import { findAll } from '../../cloudfunctions/common/store/port';
import { chainPage } from '../../cloudfunctions/record/read';
import { CJK, P, VILLAGE_A, VILLAGE_B, callerFor, failingOnce, okData, snapshot } from './builders';
import { twoTownsEach } from './world';
import { PAYOUT_EXAMPLES } from './payout-examples';

/** Village A's roster: residentA (张桂兰) is linked to her entry; 李建国 is cadre 李明华's brother. */
const ROSTER = [
  { _id: 'r-zhang', name: '张桂兰', claimedBy: P.residentA },
  { _id: 'r-wang', name: '王大山', claimedBy: null },
  { _id: 'r-li', name: '李建国', claimedBy: null },
  { _id: 'r-zhao', name: '赵红', claimedBy: null },
  { _id: 'r-sun', name: '孙秀珍', claimedBy: null },
];
/** Full names of households other than residentA's: never in her replies. */
const OTHERS = ['王大山', '李建国', '赵红', '孙秀珍', '王小山'];

let rid = 0;
const requestId = () => `req-pay-${String(++rid).padStart(5, '0')}`;

const row = (recipient: string, householdId: string, yuan: number, note = '') => ({
  recipient,
  householdId,
  amountFen: yuan * 100,
  note,
});

const DIBAO_ROWS = [
  row('张桂兰', 'r-zhang', 650),
  row('王大山', 'r-wang', 650),
  row('李建国', 'r-li', 650),
  row('赵红', 'r-zhao', 500),
  row('王小山', 'r-wang', 300, '残疾加发'),
  row('王大山', 'r-wang', 650),
];

const dibao = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  villageId: VILLAGE_A,
  category: 'subsistence',
  periodKey: '2026-02',
  basis: '镇民政办 2026 年第 1 批低保审批表',
  rows: DIBAO_ROWS,
  ...over,
});

const w = twoTownsEach({
  // Every collection the payout actions use, so a snapshot sees them before their first write.
  collections: [
    'payoutVersions',
    'payoutLists',
    'payoutHouseholds',
    'payoutFlags',
    'publicChain',
    'publicChainHeads',
  ],
});
const call = w.caller(disclosureActions);
const account = w.caller(accountActions);

beforeEach(async () => {
  for (const r of ROSTER) {
    await rosterOf(w.store).insert({
      ...r,
      villageId: VILLAGE_A,
      phoneLast4: '1234',
      roles: ['resident'],
      importedAt: '',
    });
  }
  await rosterOf(w.store).insert({
    _id: 'r-b1',
    name: '周大海',
    villageId: VILLAGE_B,
    phoneLast4: '1234',
    roles: ['resident'],
    claimedBy: null,
    importedAt: '',
  });
  okData(
    await account(P.cadreA, 'declareRelatives', {
      requestId: requestId(),
      relatives: [{ name: '李建国', rosterId: 'r-li', relation: 'sibling' }],
    }),
  );
  w.store.resetWrites();
});

const publish = async (input = dibao(), who: string = P.cadreA) =>
  okData<PayoutDetail>(await call(who, 'payoutPublish', input));

describe('masking', () => {
  test('every resident reply of every payout action holds no full name of another household', async () => {
    const d = await publish();
    await publish(dibao({ periodKey: '2026-01', rows: DIBAO_ROWS.slice(0, 4) }));
    const replies: unknown[] = [];
    for (const [action, input] of Object.entries({
      ...PAYOUT_EXAMPLES,
      payoutList: { seriesId: d.seriesId },
      payoutCorrect: { ...PAYOUT_EXAMPLES.payoutCorrect, seriesId: d.seriesId },
      payoutPublish: dibao({ periodKey: '2026-03' }),
      payoutPreview: { villageId: VILLAGE_A, text: '王大山\t王大山\t650' },
    })) {
      replies.push(await call(P.residentA, action, input));
    }
    replies.push(await call(P.residentA, 'payoutList', { seriesId: d.seriesId, version: 1 }));
    const text = JSON.stringify(replies);
    for (const name of OTHERS) expect([name, text.includes(name)]).toEqual([name, false]);
    // What she does see: masked names, her own household in full, amounts.
    const list = okData<PayoutDetail>(await call(P.residentA, 'payoutList', { seriesId: d.seriesId }));
    expect(list.rows.map((r) => r.recipient)).toEqual(['张桂兰', '王*山', '李*国', '赵*', '王*山', '王*山']);
    expect(list.rows.map((r) => r.full)).toEqual([true, false, false, false, false, false]);
    expect(list.rows[1]?.household).toBe('王*山');
    expect(list.namesVisible).toBe(false);
    expect(list).not.toHaveProperty('flagged');
    expect(list.rows.every((r) => !('flags' in r))).toBe(true);
    expect(list.amountFen).toBe(340_000);
  });

  test('maskName: 张*兰, two-character names 张*, longer names keep first and last', () => {
    expect(['张桂兰', '赵红', '欧阳秀英', '李'].map(maskName)).toEqual(['张*兰', '赵*', '欧**英', '*']);
  });

  test('a resident of another village and a newcomer read nothing of village A', async () => {
    const d = await publish();
    expect(await call(P.residentB, 'payoutList', { seriesId: d.seriesId })).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.residentB, 'payoutLists', { villageId: VILLAGE_A })).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.newcomer, 'payoutMine', {})).toMatchObject({ code: 'NOT_BOUND' });
  });

  test('the public record chain holds masked names only', async () => {
    await publish();
    const page = await chainPage(w.store, VILLAGE_A, 0, 50);
    const payout = page.items.filter((i) => i.entry.kind === 'payout');
    expect(payout).toHaveLength(1);
    const text = JSON.stringify(payout);
    for (const name of [...OTHERS, '张桂兰', 'r-zhang', P.cadreA])
      expect([name, text.includes(name)]).toEqual([name, false]);
    expect(text).toContain('张*兰');
  });
});

describe('我家领了什么', () => {
  test('a bound resident sees her own household rows in full across all periods, with the total', async () => {
    await publish();
    await publish(
      dibao({ periodKey: '2026-01', rows: [row('张桂兰', 'r-zhang', 600), row('王大山', 'r-wang', 600)] }),
    );
    await publish(
      dibao({
        category: 'farmland',
        basis: '2026 年耕地地力保护补贴发放通知',
        rows: [row('张桂兰', 'r-zhang', 123)],
      }),
    );
    const mine = okData<PayoutOutputs['payoutMine']>(await call(P.residentA, 'payoutMine', {}));
    expect(mine.household).toBe('张桂兰');
    expect(mine.rows.map((r) => [r.periodKey, r.category, r.recipient, r.amountFen]).sort()).toEqual(
      [
        ['2026-01', 'subsistence', '张桂兰', 60_000],
        ['2026-02', 'farmland', '张桂兰', 12_300],
        ['2026-02', 'subsistence', '张桂兰', 65_000],
      ].sort(),
    );
    expect(mine.totalFen).toBe(137_300);
  });

  test('a correction that takes the household off empties its rows; a person with no roster link sees none', async () => {
    const d = await publish();
    await call(P.cadreA, 'payoutCorrect', {
      requestId: requestId(),
      seriesId: d.seriesId,
      baseVersion: 1,
      reason: '张桂兰本月已迁出',
      basis: d.basis,
      rows: DIBAO_ROWS.slice(1),
    });
    expect(okData<PayoutOutputs['payoutMine']>(await call(P.residentA, 'payoutMine', {})).rows).toEqual([]);
    expect(okData<PayoutOutputs['payoutMine']>(await call(P.supervisorA, 'payoutMine', {}))).toEqual({
      household: null,
      rows: [],
      totalFen: 0,
    });
  });
});

describe('优亲厚友', () => {
  test('a payout to a cadre’s declared relative is flagged for the 村监委 and the town, never the cadre’s public', async () => {
    const d = await publish();
    const sup = okData<PayoutDetail>(await call(P.supervisorA, 'payoutList', { seriesId: d.seriesId }));
    expect(sup.rows[2]).toMatchObject({ recipient: '李建国', flags: ['村干部 李明华的兄弟姐妹'] });
    expect(sup.rows[0]?.flags).toEqual([]);
    const flags = okData<VillagePayoutFlags>(await call(P.supervisorA, 'payoutFlags', {}));
    expect(flags.relatives).toEqual([
      expect.objectContaining({
        recipient: '李建国',
        of: '村干部 李明华',
        relation: '兄弟姐妹',
        periodKey: '2026-02',
      }),
    ]);
    const town = okData<PayoutOutputs['payoutTown']>(await call(P.townAdmin, 'payoutTown', {}));
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)?.relatives).toHaveLength(1);
    for (const who of [P.residentA, P.cadreA]) {
      expect(await call(who, 'payoutFlags', {})).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    }
    expect(await call(P.residentA, 'payoutTown', {})).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await call(P.otherTownAdmin, 'payoutFlags', { villageId: VILLAGE_A })).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
  });

  test('taking the relative off the declaration before the next payout does not unflag it', async () => {
    okData(await account(P.cadreA, 'declareRelatives', { requestId: requestId(), relatives: [] }));
    const d = await publish();
    const sup = okData<PayoutDetail>(await call(P.supervisorA, 'payoutList', { seriesId: d.seriesId }));
    expect(sup.rows[2]?.flags).toEqual(['村干部 李明华的兄弟姐妹']);
  });

  test('a declaration made after the list was published flags it in the town view', async () => {
    await publish(dibao({ rows: [row('孙秀珍', 'r-sun', 650)] }));
    let town = okData<PayoutOutputs['payoutTown']>(await call(P.townAdmin, 'payoutTown', {}));
    expect(town.villages[0]?.relatives).toEqual([]);
    okData(
      await account(P.supervisorA, 'declareRelatives', {
        requestId: requestId(),
        relatives: [{ name: '孙秀珍', rosterId: 'r-sun', relation: 'spouse' }],
      }),
    );
    town = okData<PayoutOutputs['payoutTown']>(await call(P.townAdmin, 'payoutTown', {}));
    expect(town.villages[0]?.relatives).toEqual([
      expect.objectContaining({ recipient: '孙秀珍', of: '村监委 陈立新', relation: '配偶' }),
    ]);
  });

  test('a payout to a cadre themself is flagged although nobody declared it', async () => {
    await rosterOf(w.store).insert({
      _id: 'r-lmh',
      name: '李明华',
      villageId: VILLAGE_A,
      phoneLast4: '1',
      roles: [],
      claimedBy: null,
      importedAt: '',
    });
    const d = await publish(dibao({ rows: [row('李明华', 'r-lmh', 650)] }));
    const sup = okData<PayoutDetail>(await call(P.supervisorA, 'payoutList', { seriesId: d.seriesId }));
    expect(sup.rows[0]?.flags).toEqual(['村干部 李明华的本人']);
  });

  test('only cadres and 村监委 members declare relatives, from their own village roster', async () => {
    const decl = {
      requestId: requestId(),
      relatives: [{ name: '李建国', rosterId: 'r-li', relation: 'sibling' }],
    };
    expect(await account(P.residentA, 'declareRelatives', decl)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    const other = {
      requestId: requestId(),
      relatives: [{ name: '周大海', rosterId: 'r-b1', relation: 'sibling' }],
    };
    expect(await account(P.cadreA, 'declareRelatives', other)).toMatchObject({ code: 'NOT_FOUND' });
    const mine = okData<{ relatives: unknown[]; version: number }>(
      await account(P.cadreA, 'myRelatives', {}),
    );
    expect(mine).toMatchObject({
      version: 1,
      relatives: [{ name: '李建国', rosterId: 'r-li', relation: 'sibling' }],
    });
  });
});

describe('duplicates and sudden changes', () => {
  test('the same recipient twice is flagged in the preview, for the 村监委 and for the town', async () => {
    const preview = okData<PayoutPreview>(
      await call(P.cadreA, 'payoutPreview', {
        villageId: VILLAGE_A,
        text: '姓名\t户主\t金额（元）\t备注\n张桂兰\t张桂兰\t650\t\n王大山\t王大山\t650.5\t\n王大山\t王大山\t650\t',
      }),
    );
    expect(preview).toMatchObject({ good: 3, bad: 0, duplicates: [{ recipient: '王大山', lines: [3, 4] }] });
    expect(preview.totals).toEqual({ count: 3, amountFen: 195_050 });
    expect(preview.rows[1]).toMatchObject({ line: 3, sameAs: [4], row: { householdId: 'r-wang' } });
    const d = await publish();
    const sup = okData<PayoutDetail>(await call(P.supervisorA, 'payoutList', { seriesId: d.seriesId }));
    expect(sup.rows[1]?.flags).toEqual(['同一人列出 2 次']);
    expect(sup.flagged).toBe(3);
    const town = okData<PayoutOutputs['payoutTown']>(await call(P.townAdmin, 'payoutTown', {}));
    expect(town.villages[0]?.duplicates).toEqual([
      expect.objectContaining({ recipient: '王大山', times: 2 }),
    ]);
  });

  test('a category whose count or total jumps against the month before is shown to the town', async () => {
    await publish(dibao({ periodKey: '2026-01', rows: [row('张桂兰', 'r-zhang', 650)] }));
    await publish();
    const town = okData<PayoutOutputs['payoutTown']>(await call(P.townAdmin, 'payoutTown', {}));
    expect(town.villages[0]?.changes).toEqual([
      {
        category: 'subsistence',
        periodKey: '2026-02',
        previousPeriodKey: '2026-01',
        count: 6,
        previousCount: 1,
        amountFen: 340_000,
        previousAmountFen: 65_000,
      },
    ]);
  });

  test('paste rows are explained in Chinese: ID or phone numbers, bad amounts, unknown households', () => {
    const rows = parsePayoutPaste(
      '张桂兰\t张桂兰\t650\t身份证 110101195001011234\n王大山\t王大山\t-650\t\n赵红\t赵红\t6五0\t\n孙秀珍\t孙秀珍\t650\t电话 138 1234 5678',
    );
    expect(rows.map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(rows.map((r) => (r.ok ? '' : r.error))).toEqual([
      expect.stringContaining('身份证号或手机号'),
      expect.stringContaining('不能是负数'),
      expect.stringContaining('不是有效的元数'),
      expect.stringContaining('身份证号或手机号'),
    ]);
  });

  test('the preview names a household missing from the roster', async () => {
    const p = okData<PayoutPreview>(
      await call(P.cadreA, 'payoutPreview', { villageId: VILLAGE_A, text: '刘一手\t刘一手\t650' }),
    );
    expect(p.rows[0]?.error).toMatch(/户主“刘一手”不在本村名册中/);
  });
});

describe('corrections', () => {
  test('a correction is a new version with its reason; the old one stays readable', async () => {
    const d = await publish();
    const fixed = okData<PayoutDetail>(
      await call(P.cadreA, 'payoutCorrect', {
        requestId: requestId(),
        seriesId: d.seriesId,
        baseVersion: 1,
        reason: '王大山重复列出，删去一行',
        basis: d.basis,
        rows: DIBAO_ROWS.slice(0, 5),
      }),
    );
    expect(fixed).toMatchObject({ version: 2, reason: '王大山重复列出，删去一行', amountFen: 275_000 });
    expect(fixed.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '王大山重复列出，删去一行'],
    ]);
    const old = okData<PayoutDetail>(
      await call(P.residentA, 'payoutList', { seriesId: d.seriesId, version: 1 }),
    );
    expect(old.rows).toHaveLength(6);
    const lists = okData<PayoutOutputs['payoutLists']>(await call(P.residentA, 'payoutLists', {}));
    expect(lists.lists).toEqual([
      expect.objectContaining({ version: 2, amountFen: 275_000, dueOn: '2026-03-10' }),
    ]);
    expect(lists.totals).toEqual([{ category: 'subsistence', count: 5, amountFen: 275_000 }]);
    // A correction on a stale version is refused.
    const stale = await call(P.cadreA, 'payoutCorrect', {
      requestId: requestId(),
      seriesId: d.seriesId,
      baseVersion: 1,
      reason: '再改一次',
      basis: d.basis,
      rows: DIBAO_ROWS,
    });
    expect(stale).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    const chain = await findAll(w.store.collection('publicChain'), { villageId: VILLAGE_A });
    expect(chain).toHaveLength(2);
  });
});

describe('refusals write nothing', () => {
  const cases: [string, string, string, () => Record<string, unknown>, string][] = [
    [
      'negative amount',
      P.cadreA,
      'payoutPublish',
      () => dibao({ rows: [row('张桂兰', 'r-zhang', -650)] }),
      'BAD_INPUT',
    ],
    [
      'ID number in a note',
      P.cadreA,
      'payoutPublish',
      () => dibao({ rows: [row('张桂兰', 'r-zhang', 650, '110101195001011234')] }),
      'BAD_INPUT',
    ],
    [
      'phone in a note',
      P.cadreA,
      'payoutPublish',
      () => dibao({ rows: [row('张桂兰', 'r-zhang', 650, '电话13812345678')] }),
      'BAD_INPUT',
    ],
    ['a villager publishing', P.residentA, 'payoutPublish', () => dibao(), 'FORBIDDEN_ROLE'],
    ['the 村监委 publishing', P.supervisorA, 'payoutPublish', () => dibao(), 'FORBIDDEN_ROLE'],
    ['another village’s cadre', P.cadreB, 'payoutPublish', () => dibao(), 'FORBIDDEN_VILLAGE'],
    ['another town’s admin', P.otherTownAdmin, 'payoutPublish', () => dibao(), 'FORBIDDEN_ROLE'],
    [
      'a household of another village',
      P.cadreA,
      'payoutPublish',
      () => dibao({ rows: [row('周大海', 'r-b1', 650)] }),
      'PAYOUT_UNKNOWN_HOUSEHOLD',
    ],
    ['a month not begun', P.cadreA, 'payoutPublish', () => dibao({ periodKey: '2026-04' }), 'PAYOUT_FUTURE'],
    [
      'fractional fen',
      P.cadreA,
      'payoutPublish',
      () => dibao({ rows: [{ ...row('张桂兰', 'r-zhang', 1), amountFen: 1.5 }] }),
      'BAD_INPUT',
    ],
  ];

  test.each(cases)('%s -> %s', async (_label, who, action, input, code) => {
    const before = await snapshot(w.store);
    w.store.resetWrites();
    const r = await call(who, action, input());
    expect(r).toMatchObject({ ok: false, code });
    expect(r.ok || r.message).toMatch(CJK);
    expect(w.store.writes()).toBe(0);
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('an ID number is refused with a message that says so', async () => {
    const r = await call(
      P.cadreA,
      'payoutPublish',
      dibao({ rows: [row('张桂兰', 'r-zhang', 650, '11010119500101123X')] }),
    );
    expect(r.ok || r.message).toContain('不能填写身份证号或手机号');
  });

  test('a published list is never edited in place: publishing it again is refused, the version unchanged', async () => {
    const d = await publish();
    const before = await snapshot(w.store);
    w.store.resetWrites();
    const again = await call(P.cadreA, 'payoutPublish', dibao({ rows: [row('张桂兰', 'r-zhang', 9999)] }));
    expect(again).toMatchObject({ ok: false, code: 'PAYOUT_EXISTS' });
    expect(again.ok || again.message).toContain('更正');
    expect(w.store.writes()).toBe(0);
    expect(await snapshot(w.store)).toEqual(before);
    const read = okData<PayoutDetail>(await call(P.cadreA, 'payoutList', { seriesId: d.seriesId }));
    expect(read).toMatchObject({ version: 1, amountFen: 340_000 });
  });
});

describe('retries', () => {
  test('a retried publish appends one chain entry and publishes once', async () => {
    const input = dibao();
    const a = await publish(input);
    const b = await publish(input);
    expect(b.seriesId).toBe(a.seriesId);
    expect(await findAll(w.store.collection('publicChain'), { villageId: VILLAGE_A })).toHaveLength(1);
    expect(await findAll(w.store.collection('payoutVersions'), {})).toHaveLength(1);
  });

  test('a publish that stopped after writing its version is completed by the retry', async () => {
    const input = dibao();
    const flaky = callerFor(disclosureActions, {
      ...w.env,
      store: failingOnce(w.store, 'payoutLists', 'insert'),
    });
    expect(await flaky(P.cadreA, 'payoutPublish', input)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await findAll(w.store.collection('payoutLists'), {})).toHaveLength(0);
    await publish(input);
    expect(await findAll(w.store.collection('payoutLists'), {})).toHaveLength(1);
    expect(await findAll(w.store.collection('publicChain'), { villageId: VILLAGE_A })).toHaveLength(1);
    const lists = okData<PayoutOutputs['payoutLists']>(await call(P.residentA, 'payoutLists', {}));
    expect(lists.lists).toHaveLength(1);
  });
});

describe('the town view', () => {
  test('flat: one page read whatever the villages, paged by cursor', async () => {
    await publish();
    await rosterOf(w.store).insert({
      _id: 'r-b2',
      name: '钱多多',
      villageId: VILLAGE_B,
      phoneLast4: '1',
      roles: [],
      claimedBy: null,
      importedAt: '',
    });
    await publish(dibao({ villageId: VILLAGE_B, rows: [row('钱多多', 'r-b2', 650)] }), P.cadreB);
    const first = okData<PayoutOutputs['payoutTown']>(await call(P.townAdmin, 'payoutTown', { limit: 1 }));
    expect(first.villages.map((v) => v.villageId)).toEqual([VILLAGE_A]);
    expect(first.next).toBe(VILLAGE_A);
    const second = okData<PayoutOutputs['payoutTown']>(
      await call(P.townAdmin, 'payoutTown', { limit: 1, cursor: first.next }),
    );
    expect(second).toMatchObject({ villages: [{ villageId: VILLAGE_B, villageName: '乙村' }], next: null });
    const other = okData<PayoutOutputs['payoutTown']>(await call(P.otherTownAdmin, 'payoutTown', {}));
    expect(other.villages).toEqual([]);
  });
});

describe('policy table', () => {
  test('every action has a permission and the table refuses what it should', () => {
    expect(Object.keys(PAYOUT_ACTION_PERMISSION).sort()).toEqual(Object.keys(PAYOUT_EXAMPLES).sort());
    const village = { _id: VILLAGE_A, townId: 'town-a' };
    const person = (roles: string[], villageId: string | null = VILLAGE_A) =>
      ({ roles, villageId, townId: 'town-a' }) as Parameters<typeof payoutRefusal>[0];
    expect(payoutRefusal(person(['resident']), 'manage', village)).toBe('FORBIDDEN_ROLE');
    expect(payoutRefusal(person(['cadre']), 'manage', village)).toBeNull();
    expect(payoutRefusal(person(['cadre'], VILLAGE_B), 'manage', village)).toBe('FORBIDDEN_VILLAGE');
    expect(payoutRefusal(person(['cadre']), 'flags', village)).toBe('FORBIDDEN_ROLE');
    expect(payoutRefusal(person(['supervisor']), 'flags', village)).toBeNull();
    expect(payoutRefusal(person(['townAdmin'], null), 'flags', village)).toBeNull();
    expect(payoutRefusal(person(['townAdmin'], null), 'manage', village)).toBe('FORBIDDEN_ROLE');
    expect(payoutRefusal(person(['townAdmin'], null), 'mine', village)).toBe('FORBIDDEN_ROLE');
  });
});

describe('questions on a row', () => {
  const ask = (seriesId: string, rowIndex: number, version = 1) => ({
    requestId: requestId(),
    category: 'finance',
    text: '这一户为什么能领低保？家里有车有房。',
    showName: false,
    subject: { kind: 'payout', seriesId, version, rowIndex },
  });

  test('a resident raises a question on a payout row; its words name the row with the name masked', async () => {
    const d = await publish();
    const oversight = callerFor(oversightActions, w.env);
    const raised = okData<{ id: string }>(await oversight(P.residentA, 'raise', ask(d.seriesId, 2)));
    const mine = await oversight(P.residentA, 'get', { itemId: raised.id });
    const label = okData<{ subjectLabel: string }>(mine).subjectLabel;
    expect(label).toBe('2026年2月低保发放名单（第 3 行：李*国）');
    expect(JSON.stringify(mine)).not.toContain('李建国');
    const inbox = okData<{ rows: { subjectLabel: string }[] }>(await oversight(P.supervisorA, 'inbox', {}));
    expect(inbox.rows.map((r) => r.subjectLabel)).toEqual([label]);
  });

  test('a row that is not there, or of another village, is refused and nothing is written', async () => {
    const d = await publish();
    const oversight = callerFor(oversightActions, w.env);
    w.store.resetWrites();
    expect(await oversight(P.residentA, 'raise', ask(d.seriesId, 6))).toMatchObject({
      code: 'SUBJECT_NOT_FOUND',
    });
    const before = await snapshot(w.store);
    expect(await oversight(P.residentA, 'raise', ask(d.seriesId, 0, 2))).toMatchObject({
      code: 'SUBJECT_NOT_FOUND',
    });
    expect(await oversight(P.residentB, 'raise', ask(d.seriesId, 0))).toMatchObject({
      code: 'SUBJECT_NOT_FOUND',
    });
    expect(w.store.writes()).toBe(0);
    expect(await snapshot(w.store)).toEqual(before);
  });
});
