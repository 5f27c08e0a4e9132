/**
 * 小微权力清单 and 四议两公开 through the router on the embedded store, with a fixed clock (China
 * date 2026-03-15): a decision through every step, every refusal (each writing nothing), the
 * policy table, retries, the power list's versions and search, meetings of record, the town view.
 */
import { type DecisionDetail, type ItemDetail } from '../../cloudfunctions/common/contracts/decisions';
import type { DisclosureDetail, DisclosureSummary } from '../../cloudfunctions/common/contracts/disclosure';
import { ROLES, type Role } from '../../cloudfunctions/common/contracts/shared';
import { decisionsActions } from '../../cloudfunctions/decisions';
import { ACTION_PERMISSION, POLICY, refusal, type Permission } from '../../cloudfunctions/decisions/policy';
import { decisionFor } from '../../cloudfunctions/decisions/public';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { failingOnce } from './builders';
import { P, TOWN, OTHER_TOWN, VILLAGE_A, VILLAGE_B, callerFor, okData } from './builders';
import { okOf, refusedOf, twoTownsEach } from './world';
import { at } from '../must';

const PHOTO = [{ fileId: '/files/minutes01.jpg', name: '会议记录', kind: 'image' }];
const CADRE_SUPERVISOR = 'cadre-supervisor-a';
const SUPERVISOR_A2 = 'supervisor-a2';

let rid = 0;
const requestId = () => `req-${String(++rid).padStart(6, '0')}`;

const proposal = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  villageId: VILLAGE_A,
  title: '村集体120亩耕地流转给种植合作社',
  category: 'landTransfer',
  summary: '拟将村集体 120 亩耕地流转给本村种植合作社，期限 5 年，流转费每亩每年 800 元。',
  proposer: '甲村党支部',
  proposedOn: '2026-03-02',
  resolutionBody: 'representatives',
  ...over,
});

const meeting = (decisionId: string, step: string, over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  decisionId,
  step,
  heldOn: '2026-03-05',
  entitled: 30,
  present: 24,
  votesFor: 20,
  votesAgainst: 2,
  abstentions: 2,
  outcome: 'passed',
  minutes: PHOTO,
  ...over,
});

const flow = (over: Record<string, unknown> = {}) => ({
  actor: '村两委',
  action: '受理申请并入户调查',
  timeLimit: '5个工作日',
  publicity: '调查结果公示',
  ...over,
});

const townItem = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  scope: 'town',
  list: 'power',
  name: '最低生活保障（低保）申请',
  category: 'services',
  basis: '《社会救助暂行办法》',
  keywords: ['低保', '救助'],
  steps: [
    flow({ actor: '申请人', action: '向村委会提出书面申请' }),
    flow(),
    flow({ actor: '镇政府', action: '审核审批' }),
  ],
  ...over,
});

/** A valid input of every action, with every optional field present so each one is probed. */
const VALID: Record<keyof typeof decisionsActions, Record<string, unknown>> = {
  items: { villageId: VILLAGE_A, list: 'power', category: 'services', query: '低保' },
  item: { itemId: 'pitem', version: 1 },
  createItem: { ...townItem(), villageId: VILLAGE_A },
  reviseItem: {
    ...townItem(),
    scope: undefined,
    itemId: 'pitem',
    baseVersion: 1,
    reason: '流程调整',
    retired: false,
  },
  propose: { ...proposal(), plannedCompletion: '2026-06-30', attachments: PHOTO },
  recordMeeting: { ...meeting('mdecision', 'committee'), households: null, note: '会议记录已签字' },
  confirmStep: { decisionId: 'mdecision', step: 'committee', attempt: 1, note: '程序合规' },
  publishResolution: { decisionId: 'mdecision', body: '如有异议请向村监委反映' },
  publishResult: {
    decisionId: 'mdecision',
    completedOn: '2026-03-10',
    body: '合同已签订',
    attachments: PHOTO,
  },
  decisions: { villageId: VILLAGE_A, cursor: '2026-03-02:mx', limit: 10 },
  decision: { decisionId: 'mdecision' },
  recordRegular: {
    requestId: 'req-regular-1',
    villageId: VILLAGE_A,
    kind: 'attendance',
    heldOn: '2026-02-10',
    entitled: 9,
    present: 8,
    topics: '党员、村民代表列席两委会议',
    minutes: PHOTO,
  },
  regular: { villageId: VILLAGE_A },
  townView: { cursor: VILLAGE_A, limit: 10 },
};
delete VALID.reviseItem.scope;

const w = twoTownsEach({
  people: [
    [CADRE_SUPERVISOR, VILLAGE_A, ['cadre', 'supervisor'], '钱卫东'],
    [SUPERVISOR_A2, VILLAGE_A, ['resident', 'supervisor'], '冯玉兰'],
  ],
});
const call = w.caller(decisionsActions);
const ok = okOf<DecisionDetail>(call);
const refused = refusedOf(w, call);

async function proposed(over: Record<string, unknown> = {}): Promise<DecisionDetail> {
  return ok(P.cadreA, 'propose', proposal(over));
}

/** Proposed, 两委 and 党员大会 passed and confirmed: the resolution meeting is next. */
async function atResolution(over: Record<string, unknown> = {}): Promise<DecisionDetail> {
  const d = await proposed(over);
  await ok(
    P.cadreA,
    'recordMeeting',
    meeting(d.id, 'committee', {
      heldOn: '2026-03-03',
      entitled: 7,
      present: 7,
      votesFor: 7,
      votesAgainst: 0,
      abstentions: 0,
    }),
  );
  await ok(
    P.cadreA,
    'recordMeeting',
    meeting(d.id, 'partyCongress', {
      heldOn: '2026-03-04',
      entitled: 38,
      present: 30,
      votesFor: 28,
      votesAgainst: 1,
      abstentions: 1,
    }),
  );
  return ok(P.cadreA, 'decision', { decisionId: d.id });
}

describe('a decision through every step (四议两公开)', () => {
  test('proposal, 两委, 党员大会 held twice (no quorum first), 村民代表会议, 村监委 confirms, both publications', async () => {
    const d = await proposed({ plannedCompletion: '2026-03-31' });
    expect(d).toMatchObject({ status: 'inProgress', next: 'committee' });
    expect(d.steps.map((s) => s.state)).toEqual(['done', 'open', 'waiting', 'waiting', 'waiting', 'waiting']);

    await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'committee', {
        heldOn: '2026-03-03',
        entitled: 7,
        present: 6,
        votesFor: 6,
        votesAgainst: 0,
        abstentions: 0,
      }),
    );
    // 党员大会: 19 of 38 present is exactly half, no quorum; recorded as such, and held again.
    const failed = await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'partyCongress', {
        heldOn: '2026-03-04',
        entitled: 38,
        present: 19,
        votesFor: 19,
        votesAgainst: 0,
        abstentions: 0,
        outcome: 'noQuorum',
      }),
    );
    expect(failed.next).toBe('partyCongress');
    expect(failed.steps[2]).toMatchObject({ state: 'open', attempts: 1, outcome: 'noQuorum' });
    await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'partyCongress', {
        heldOn: '2026-03-06',
        entitled: 38,
        present: 30,
        votesFor: 20,
        votesAgainst: 8,
        abstentions: 2,
      }),
    );
    // 村民代表会议: exactly two thirds present (20 of 30), 11 of 20 in favour.
    const resolved = await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', {
        heldOn: '2026-03-08',
        present: 20,
        votesFor: 11,
        votesAgainst: 9,
        abstentions: 0,
      }),
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      next: 'resolutionPublic',
      nextDueOn: '2026-03-15',
      overdue: false,
    });
    expect(resolved.meetings.map((m) => [m.step, m.attempt, m.kind, m.outcome])).toEqual([
      ['committee', 1, 'committee', 'passed'],
      ['partyCongress', 1, 'partyCongress', 'noQuorum'],
      ['partyCongress', 2, 'partyCongress', 'passed'],
      ['resolution', 1, 'representatives', 'passed'],
    ]);
    expect(resolved.unconfirmed).toEqual(['committee', 'partyCongress', 'resolution']);

    // Not public before the 村监委 confirms the resolution meeting.
    await refused(P.cadreA, 'publishResolution', { decisionId: d.id }, 'NOT_CONFIRMED');
    // Refused before anything is published: 三务公开 has no major matter yet.
    const before = okData<{ items: DisclosureSummary[] }>(
      await callerFor(disclosureActions, w.env)(P.residentA, 'list', {}),
    );
    expect(before.items.filter((i) => i.major)).toEqual([]);
    for (const [step, attempt] of [
      ['committee', 1],
      ['partyCongress', 1],
      ['partyCongress', 2],
      ['resolution', 1],
    ] as const)
      await ok(P.supervisorA, 'confirmStep', { decisionId: d.id, step, attempt });
    const published = await ok(P.cadreA, 'publishResolution', {
      decisionId: d.id,
      body: '如有异议请于 7 日内向村监委反映。',
    });
    expect(published).toMatchObject({ status: 'resolved', next: 'resultPublic', unconfirmed: [] });
    const seriesId = at(published.steps, 4).disclosureId!;
    expect(seriesId).toBeTruthy();

    // The resolution is a 村务 major matter in 三务公开, with the meeting's numbers.
    const disclosure = callerFor(disclosureActions, w.env);
    const shown = okData<DisclosureDetail>(await disclosure(P.residentA, 'get', { seriesId }));
    expect(shown).toMatchObject({
      category: 'affairs',
      major: true,
      occurredOn: '2026-03-08',
      title: '村集体120亩耕地流转给种植合作社（决议公开）',
    });
    expect(shown.body).toContain('应到 30 人，实到 20 人；同意 11 票，反对 9 票，弃权 0 票');
    const status = okData<{ lateMajor: unknown[] }>(
      await disclosure(P.townAdmin, 'status', { villageId: VILLAGE_A }),
    );
    expect(status.lateMajor).toEqual([]);

    const done = await ok(P.cadreA, 'publishResult', {
      decisionId: d.id,
      completedOn: '2026-03-15',
      body: '流转合同已签订，首年流转费 96000 元已入账。',
    });
    expect(done).toMatchObject({
      status: 'completed',
      next: null,
      resultBody: '流转合同已签订，首年流转费 96000 元已入账。',
    });
    const list = okData<{ items: DisclosureSummary[] }>(
      await disclosure(P.residentA, 'list', { category: 'affairs' }),
    );
    expect(list.items.filter((i) => i.major).map((i) => i.title)).toEqual([
      '村集体120亩耕地流转给种植合作社（实施结果公开）',
      '村集体120亩耕地流转给种植合作社（决议公开）',
    ]);
    // Another context asks through public.ts only.
    expect(await decisionFor(w.store, VILLAGE_A, d.id)).toMatchObject({
      passed: true,
      status: 'completed',
      resolvedOn: '2026-03-08',
    });
    expect(await decisionFor(w.store, VILLAGE_B, d.id)).toBeNull();
  });

  test('a 村民会议 counts households: two thirds of households present is a quorum though fewer than half the adults came', async () => {
    const d = await atResolution({ resolutionBody: 'villagers' });
    const r = await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', {
        entitled: 800,
        present: 300,
        votesFor: 200,
        votesAgainst: 50,
        abstentions: 50,
        households: { entitled: 300, present: 200 },
      }),
    );
    expect(r.meetings.at(-1)).toMatchObject({ kind: 'villagers', outcome: 'passed' });
  });

  test('a resolution voted down ends the matter: nothing more can be recorded', async () => {
    const d = await atResolution();
    const r = await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', {
        present: 24,
        votesFor: 12,
        votesAgainst: 12,
        abstentions: 0,
        outcome: 'rejected',
      }),
    );
    expect(r).toMatchObject({ status: 'rejected', next: null });
    await refused(P.cadreA, 'recordMeeting', meeting(d.id, 'resolution'), 'DECISION_CLOSED');
  });

  test('a retried step (same request) records once; a retried proposal makes one decision', async () => {
    const input = proposal();
    const a = await ok(P.cadreA, 'propose', input);
    const b = await ok(P.cadreA, 'propose', input);
    expect(b.id).toBe(a.id);
    const m = meeting(a.id, 'committee', { heldOn: '2026-03-03' });
    await ok(P.cadreA, 'recordMeeting', m);
    const again = await ok(P.cadreA, 'recordMeeting', m);
    expect(again.meetings).toHaveLength(1);
    const list = await ok<{ items: unknown[] }>(P.residentA, 'decisions', {});
    expect(list.items).toHaveLength(1);
  });

  test('a write that stopped half-way (head not updated) is repaired by the retry', async () => {
    const d = await proposed();
    const m = meeting(d.id, 'committee', { heldOn: '2026-03-03' });
    const broken = callerFor(decisionsActions, {
      ...w.env,
      store: failingOnce(w.store, 'decisions', 'update'),
    });
    expect(await broken(P.cadreA, 'recordMeeting', m)).toMatchObject({ ok: false, code: 'INTERNAL' });
    const healed = await ok(P.cadreA, 'recordMeeting', m);
    expect(healed.next).toBe('partyCongress');
    expect(healed.meetings).toHaveLength(1);
  });

  test('publishing twice (a retry) publishes one major matter', async () => {
    const d = await atResolution();
    await ok(P.cadreA, 'recordMeeting', meeting(d.id, 'resolution'));
    await ok(P.supervisorA, 'confirmStep', { decisionId: d.id, step: 'resolution', attempt: 1 });
    const a = await ok(P.cadreA, 'publishResolution', { decisionId: d.id });
    const b = await ok(P.cadreA, 'publishResolution', { decisionId: d.id });
    expect(at(b.steps, 4).disclosureId).toBe(at(a.steps, 4).disclosureId);
    const disclosure = callerFor(disclosureActions, w.env);
    const list = okData<{ items: DisclosureSummary[] }>(await disclosure(P.residentA, 'list', {}));
    expect(list.items.filter((i) => i.major)).toHaveLength(1);
  });
});

describe('refusals (each named, in Chinese, writing nothing)', () => {
  test('OUTCOME_NOT_SUPPORTED: recording "passed" when the numbers say otherwise', async () => {
    const d = await atResolution();
    // 19 of 30 is short of two thirds.
    const msg = await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', { present: 19, votesFor: 19, votesAgainst: 0, abstentions: 0 }),
      'OUTCOME_NOT_SUPPORTED',
    );
    expect(msg).toContain('到会人数不足');
    // Exactly half of those present in favour.
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', { present: 20, votesFor: 10, votesAgainst: 10, abstentions: 0 }),
      'OUTCOME_NOT_SUPPORTED',
    );
    // 党员大会 rule: a majority of those present is not a majority of those entitled.
    const e = await proposed();
    await ok(P.cadreA, 'recordMeeting', meeting(e.id, 'committee', { heldOn: '2026-03-03' }));
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(e.id, 'partyCongress', {
        entitled: 38,
        present: 30,
        votesFor: 19,
        votesAgainst: 11,
        abstentions: 0,
      }),
      'OUTCOME_NOT_SUPPORTED',
    );
    // And the other way round: "rejected" when it passed.
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(e.id, 'partyCongress', { outcome: 'rejected' }),
      'OUTCOME_NOT_SUPPORTED',
    );
  });

  test('VOTES_ABOVE_PRESENT, PRESENT_ABOVE_ENTITLED, HOUSEHOLDS_INVALID', async () => {
    const d = await atResolution();
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', { present: 20, votesFor: 15, votesAgainst: 5, abstentions: 1 }),
      'VOTES_ABOVE_PRESENT',
    );
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', { entitled: 30, present: 31 }),
      'PRESENT_ABOVE_ENTITLED',
    );
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', { households: { entitled: 300, present: 200 } }),
      'HOUSEHOLDS_INVALID',
    );
  });

  test('ENTITLED_CHANGED: a meeting held again after no quorum cannot shrink its members to make one', async () => {
    const d = await atResolution();
    await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', {
        entitled: 30,
        present: 15,
        votesFor: 15,
        votesAgainst: 0,
        abstentions: 0,
        outcome: 'noQuorum',
      }),
    );
    const msg = await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', {
        entitled: 22,
        present: 15,
        votesFor: 15,
        votesAgainst: 0,
        abstentions: 0,
      }),
      'ENTITLED_CHANGED',
    );
    expect(msg).toContain('上次应到 30 人');
    await ok(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'resolution', {
        entitled: 30,
        present: 21,
        votesFor: 15,
        votesAgainst: 3,
        abstentions: 3,
      }),
    );
  });

  test('STEP_OUT_OF_ORDER names the step due; DATE_BEFORE_PREVIOUS; DATE_IN_FUTURE', async () => {
    const d = await proposed();
    const msg = await refused(P.cadreA, 'recordMeeting', meeting(d.id, 'resolution'), 'STEP_OUT_OF_ORDER');
    expect(msg).toContain('两委商议');
    await refused(P.cadreA, 'publishResolution', { decisionId: d.id }, 'STEP_OUT_OF_ORDER');
    await refused(
      P.cadreA,
      'publishResult',
      { decisionId: d.id, completedOn: '2026-03-10', body: '已经完成' },
      'STEP_OUT_OF_ORDER',
    );
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'committee', { heldOn: '2026-03-01' }),
      'DATE_BEFORE_PREVIOUS',
    );
    await refused(
      P.cadreA,
      'recordMeeting',
      meeting(d.id, 'committee', { heldOn: '2026-03-16' }),
      'DATE_IN_FUTURE',
    );
    await refused(P.cadreA, 'propose', proposal({ proposedOn: '2026-03-16' }), 'DATE_IN_FUTURE');
  });

  test('confirmations: SELF_CONFIRM, ALREADY_CONFIRMED, a confirmation retried is fine, NOT_FOUND', async () => {
    const d = await proposed();
    const r = await ok(
      CADRE_SUPERVISOR,
      'recordMeeting',
      meeting(d.id, 'committee', { heldOn: '2026-03-03' }),
    );
    expect(at(r.meetings, 0).recordedBy).toBe('钱卫东');
    await refused(
      CADRE_SUPERVISOR,
      'confirmStep',
      { decisionId: d.id, step: 'committee', attempt: 1 },
      'SELF_CONFIRM',
    );
    const c = await ok(P.supervisorA, 'confirmStep', {
      decisionId: d.id,
      step: 'committee',
      attempt: 1,
      note: '程序合规',
    });
    expect(c.meetings[0]).toMatchObject({ confirmedBy: '陈立新', confirmNote: '程序合规' });
    const again = await ok(P.supervisorA, 'confirmStep', { decisionId: d.id, step: 'committee', attempt: 1 });
    expect(at(again.meetings, 0).confirmNote).toBe('程序合规');
    await refused(
      SUPERVISOR_A2,
      'confirmStep',
      { decisionId: d.id, step: 'committee', attempt: 1 },
      'ALREADY_CONFIRMED',
    );
    await refused(
      P.supervisorA,
      'confirmStep',
      { decisionId: d.id, step: 'partyCongress', attempt: 1 },
      'NOT_FOUND',
    );
  });

  test('wrong role: a resident records nothing, a cadre confirms nothing, a supervisor proposes nothing', async () => {
    const d = await proposed();
    await refused(P.residentA, 'propose', proposal(), 'FORBIDDEN_ROLE');
    await refused(P.supervisorA, 'recordMeeting', meeting(d.id, 'committee'), 'FORBIDDEN_ROLE');
    await ok(P.cadreA, 'recordMeeting', meeting(d.id, 'committee', { heldOn: '2026-03-03' }));
    await refused(
      P.cadreA,
      'confirmStep',
      { decisionId: d.id, step: 'committee', attempt: 1 },
      'FORBIDDEN_ROLE',
    );
    await refused(P.townAdmin, 'recordMeeting', meeting(d.id, 'partyCongress'), 'FORBIDDEN_ROLE');
    await refused(P.residentA, 'townView', {}, 'FORBIDDEN_ROLE');
    await refused(P.cadreA, 'createItem', townItem(), 'FORBIDDEN_ROLE');
  });

  test('other village, other town: refused; the town admin reads any village of the town only', async () => {
    const d = await proposed();
    await refused(P.cadreB, 'recordMeeting', meeting(d.id, 'committee'), 'FORBIDDEN_VILLAGE');
    await refused(P.cadreB, 'propose', proposal(), 'FORBIDDEN_VILLAGE');
    await refused(P.residentB, 'decision', { decisionId: d.id }, 'FORBIDDEN_VILLAGE');
    await refused(P.otherTownAdmin, 'decision', { decisionId: d.id }, 'FORBIDDEN_VILLAGE');
    await refused(P.otherTownAdmin, 'decisions', { villageId: VILLAGE_A }, 'FORBIDDEN_VILLAGE');
    expect((await ok(P.townAdmin, 'decision', { decisionId: d.id })).id).toBe(d.id);
    await refused(P.newcomer, 'decisions', {}, 'NOT_BOUND');
    await refused(P.cadreA, 'decision', { decisionId: 'mnothere' }, 'NOT_FOUND');
  });
});

describe('policy table: persona × permission × village', () => {
  const here = { _id: VILLAGE_A, townId: TOWN };
  const there = { _id: VILLAGE_B, townId: TOWN };
  const abroad = { _id: 'v-c', townId: OTHER_TOWN };
  const persona = (roles: Role[], villageId: string | null = VILLAGE_A) => ({
    roles,
    villageId,
    townId: TOWN,
  });
  const rows: [string, ReturnType<typeof persona>, Permission, typeof here | null, string | null][] = [
    ['resident reads own village', persona(['resident']), 'read', here, null],
    ['resident reads another village', persona(['resident']), 'read', there, 'FORBIDDEN_VILLAGE'],
    ['town admin reads a village of the town', persona(['townAdmin'], null), 'read', there, null],
    ['town admin reads another town', persona(['townAdmin'], null), 'read', abroad, 'FORBIDDEN_VILLAGE'],
    ['cadre records own village', persona(['cadre']), 'record', here, null],
    ['cadre records another village', persona(['cadre']), 'record', there, 'FORBIDDEN_VILLAGE'],
    ['town admin records', persona(['townAdmin'], null), 'record', here, 'FORBIDDEN_ROLE'],
    ['supervisor records', persona(['resident', 'supervisor']), 'record', here, 'FORBIDDEN_ROLE'],
    ['supervisor confirms own village', persona(['resident', 'supervisor']), 'confirm', here, null],
    ['supervisor confirms another village', persona(['supervisor']), 'confirm', there, 'FORBIDDEN_VILLAGE'],
    ['cadre confirms', persona(['cadre']), 'confirm', here, 'FORBIDDEN_ROLE'],
    ['cadre keeps own +X items', persona(['cadre']), 'editVillageList', here, null],
    ['cadre keeps the base catalogue', persona(['cadre']), 'editTownList', null, 'FORBIDDEN_ROLE'],
    ['town admin keeps the base catalogue', persona(['townAdmin'], null), 'editTownList', null, null],
    [
      'town admin edits a village +X item',
      persona(['townAdmin'], null),
      'editVillageList',
      here,
      'FORBIDDEN_ROLE',
    ],
    ['town view for the town admin', persona(['townAdmin'], null), 'townView', null, null],
    ['town view for a cadre', persona(['cadre']), 'townView', null, 'FORBIDDEN_ROLE'],
  ];
  test.each(rows)('%s', (_label, user, permission, village, expected) => {
    expect(refusal(user, permission, village)).toBe(expected);
  });
  test('every action has a permission of the table, and every role is named in it', () => {
    expect(Object.keys(ACTION_PERMISSION).sort()).toEqual(Object.keys(decisionsActions).sort());
    for (const p of Object.values(ACTION_PERMISSION)) if (p !== 'byScope') expect(POLICY[p]).toBeDefined();
    expect(new Set(Object.values(POLICY).flatMap((r) => r.roles))).toEqual(new Set(ROLES));
  });
});

describe('power list (小微权力清单, 负面清单, 监督重点)', () => {
  test('the town keeps the base catalogue; a village adds +X; residents search "低保怎么申请" and read the flow', async () => {
    const base = await ok<ItemDetail>(P.townAdmin, 'createItem', townItem());
    await ok<ItemDetail>(
      P.townAdmin,
      'createItem',
      townItem({ name: '农村宅基地申请', keywords: ['建房'], basis: '《土地管理法》' }),
    );
    const own = await ok<ItemDetail>(
      P.cadreA,
      'createItem',
      townItem({
        scope: 'village',
        villageId: VILLAGE_A,
        name: '村集体鱼塘承包',
        category: 'assets',
        keywords: ['鱼塘'],
      }),
    );
    expect(own).toMatchObject({ scope: 'village', villageId: VILLAGE_A, version: 1 });
    const found = await ok<{ items: { name: string }[] }>(P.residentA, 'items', { query: '低保怎么申请' });
    expect(at(found.items, 0).name).toBe('最低生活保障（低保）申请');
    const all = await ok<{ items: { name: string }[] }>(P.residentA, 'items', {});
    expect(all.items.map((i) => i.name).sort()).toEqual(
      ['农村宅基地申请', '村集体鱼塘承包', '最低生活保障（低保）申请'].sort(),
    );
    // Village B sees the base catalogue, not village A's +X.
    const b = await ok<{ items: { name: string }[] }>(P.residentB, 'items', {});
    expect(b.items.map((i) => i.name)).not.toContain('村集体鱼塘承包');
    await refused(P.residentB, 'item', { itemId: own.id }, 'FORBIDDEN_VILLAGE');
    const detail = await ok<ItemDetail>(P.residentA, 'item', { itemId: base.id });
    expect(detail.steps.map((s) => s.actor)).toEqual(['申请人', '村两委', '镇政府']);
  });

  test('a change is a new version with its reason; earlier versions stay readable; retired items leave the list', async () => {
    const v1 = await ok<ItemDetail>(P.townAdmin, 'createItem', townItem());
    const revise = (over: Record<string, unknown> = {}) => ({
      ...townItem(),
      scope: undefined,
      itemId: v1.id,
      baseVersion: 1,
      reason: '按新规缩短办理时限',
      ...over,
    });
    const v2 = await ok<ItemDetail>(
      P.townAdmin,
      'reviseItem',
      revise({ steps: [flow({ timeLimit: '3个工作日' })] }),
    );
    expect(v2).toMatchObject({ version: 2, reason: '按新规缩短办理时限', latestVersion: 2 });
    expect(v2.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '按新规缩短办理时限'],
    ]);
    expect((await ok<ItemDetail>(P.residentA, 'item', { itemId: v1.id, version: 1 })).steps).toHaveLength(3);
    await refused(P.townAdmin, 'reviseItem', revise({ reason: '另一人的旧稿' }), 'VERSION_CONFLICT');
    await refused(P.townAdmin, 'reviseItem', revise({ baseVersion: 2, reason: '' }), 'BAD_INPUT');
    await ok(P.townAdmin, 'reviseItem', revise({ baseVersion: 2, retired: true, reason: '并入其他事项' }));
    expect((await ok<{ items: unknown[] }>(P.residentA, 'items', {})).items).toHaveLength(0);
    await refused(P.townAdmin, 'reviseItem', revise({ baseVersion: 3, reason: '再次修改' }), 'ITEM_RETIRED');
  });

  test('the negative list and the key-points list are kept the same way, apart from the power list', async () => {
    await ok(
      P.townAdmin,
      'createItem',
      townItem({ list: 'negative', name: '不得擅自处置集体资产', category: 'assets', steps: [] }),
    );
    await ok(
      P.townAdmin,
      'createItem',
      townItem({ list: 'keyPoints', name: '大额资金支出审批', category: 'funds', steps: [] }),
    );
    expect(
      (await ok<{ items: { name: string }[] }>(P.residentA, 'items', { list: 'negative' })).items.map(
        (i) => i.name,
      ),
    ).toEqual(['不得擅自处置集体资产']);
    expect((await ok<{ items: unknown[] }>(P.residentA, 'items', { list: 'power' })).items).toHaveLength(0);
    await refused(P.townAdmin, 'createItem', townItem({ steps: [] }), 'BAD_INPUT');
  });
});

describe('meetings of record', () => {
  test('missing ones are flagged until recorded; one per period', async () => {
    const before = await ok<{ missing: { kind: string; periodKey: string }[] }>(P.residentA, 'regular', {});
    expect(before.missing).toEqual([
      { kind: 'attendance', periodKey: '2026-02' },
      { kind: 'attendance', periodKey: '2026-01' },
    ]);
    const input = { ...VALID.recordRegular, requestId: requestId() };
    await ok(P.cadreA, 'recordRegular', input);
    await ok(P.cadreA, 'recordRegular', input);
    await refused(
      P.cadreA,
      'recordRegular',
      { ...input, requestId: requestId(), heldOn: '2026-02-20' },
      'MEETING_RECORDED',
    );
    await refused(
      P.cadreA,
      'recordRegular',
      { ...input, requestId: requestId(), present: 10 },
      'PRESENT_ABOVE_ENTITLED',
    );
    const after = await ok<{ records: unknown[]; missing: { periodKey: string }[] }>(
      P.residentA,
      'regular',
      {},
    );
    expect(after.records).toHaveLength(1);
    expect(after.missing.map((m) => m.periodKey)).toEqual(['2026-01']);
    // After the quarter, both quarterly reports are missing too.
    w.clock.set('2026-04-02T02:00:00.000Z');
    const q = await ok<{ missing: { kind: string; periodKey: string }[] }>(P.residentA, 'regular', {});
    expect(
      q.missing
        .filter((m) => m.periodKey === '2026-Q1')
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['reportToParty', 'reportToRepresentatives']);
  });
});

describe('town view', () => {
  test('flat in villages, paged by cursor, with overdue publications, unconfirmed meetings and missing meetings', async () => {
    const d = await atResolution();
    await ok(P.cadreA, 'recordMeeting', meeting(d.id, 'resolution'));
    w.clock.set('2026-03-20T02:00:00.000Z');
    const first = await ok<{
      villages: {
        villageId: string;
        resolved: number;
        overdue: { step: string; dueOn: string }[];
        unconfirmed: number;
        missingMeetings: unknown[];
      }[];
      nextCursor: string | null;
    }>(P.townAdmin, 'townView', { limit: 1 });
    expect(first.villages).toHaveLength(1);
    expect(first.villages[0]).toMatchObject({
      villageId: VILLAGE_A,
      resolved: 1,
      unconfirmed: 3,
      overdue: [{ step: 'resolutionPublic', dueOn: '2026-03-12' }],
    });
    expect(at(first.villages, 0).missingMeetings).toEqual({
      count: 2,
      latest: { kind: 'attendance', periodKey: '2026-02' },
    });
    const second = await ok<{
      villages: { villageId: string; inProgress: number }[];
      nextCursor: string | null;
    }>(P.townAdmin, 'townView', { limit: 1, cursor: first.nextCursor });
    expect(second.villages.map((v) => v.villageId)).toEqual([VILLAGE_B]);
    expect(second.nextCursor).toBeNull();
  });
});
