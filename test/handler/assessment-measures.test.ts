import ExcelJS from 'exceljs';
import { productSources } from '../../cloudfunctions/assessment/ports';
import { auditOf, ledgersOf, schemesOf, sheetsOf } from '../../cloudfunctions/assessment/store';
import type {
  AuditRecord,
  Dashboard,
  ExportFile,
  SheetView,
} from '../../cloudfunctions/common/contracts/assessment';
import type {
  CadenceStatus,
  DisclosureOutputs,
  VillageHome,
} from '../../cloudfunctions/common/contracts/disclosure';
import { villages } from '../../cloudfunctions/common/identity';
import { findAll } from '../../cloudfunctions/common/store/port';
import { cadenceOf } from '../../cloudfunctions/disclosure/public';
import { BAOGOU_SCHEME } from '../../cloudfunctions/local/seed-assessment';
import { draftVillageReport } from '../../cloudfunctions/report/compose';
import { reportIdOf, reportsOf } from '../../cloudfunctions/report/store';
import type { ReportDoc } from '../../cloudfunctions/report/store';
import { fiveGoodRound } from '../five-good';
import { ASSESSMENT_NOW, addNewVillage, assessmentWorld, entry } from './assessment-world';
import { at } from '../must';

/**
 * What the index measures, held to the records: every reader of the disclosure cadence gives
 * the same answer; an automatic item never turns into a self-score because its data is empty;
 * an override needs a reason and shows as one; the submission window; and nothing half-done.
 * The demo town on the embedded store, "today" 2026-11-23 (self-assessment until 11-30,
 * submission to the town until 12-05).
 */

const NOW = ASSESSMENT_NOW;
const setup = assessmentWorld;

/** Codes and ISO dates a person must never see. */
const CODES = /\d{4}-\d{2}|\d{4}-Q[1-4]|\bQ[1-4]\b/;

describe('one fact, one answer: the disclosure cadence', () => {
  test('南湾村 2026-Q3: a late major matter is not the quarter’s 村务公开 for any reader', async () => {
    const { store, data } = await setup();
    // The village published a major matter (affairs, July) late, and no routine Q3 村务公开.
    const q3 = { category: 'affairs', periodKey: '2026-Q3', dueOn: '2026-10-10' };

    const status = await data<CadenceStatus>('dev-town', 'status', { villageId: 'v-nanwan' }, 'disclosure');
    expect(status.overdue).toContainEqual(q3);
    expect(status.state).toBe('overdue');
    const town = await data<DisclosureOutputs['townStatus']>('dev-town', 'townStatus', {}, 'disclosure');
    expect(town.villages.find((v) => v.villageId === 'v-nanwan')!.overdue).toEqual(status.overdue);

    // The monthly report of October (composed as the month closed) lists the same gap.
    const october = (await reportsOf(store).get(reportIdOf('v-nanwan', '2026-10'))) as ReportDoc;
    expect(october.content.overdue).toContainEqual(q3);
    const village = (await villages(store).get('v-nanwan'))!;
    const asClosed = (await cadenceOf(store, [village], { today: '2026-10-31' })).get('v-nanwan')!;
    expect(october.content.overdue).toEqual(asClosed.overdue);
    const redrafted = await draftVillageReport(store, village, '2026-10', new Date(NOW), { refresh: true });
    expect(redrafted.report.content.overdue).toEqual(asClosed.overdue);

    // The index counts it missing: 19 of 20 on time, and names it in words.
    const sheet = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-nanwan' });
    const timely = entry(sheet, 'affairs_timely').auto!;
    expect(timely.points).toBe(9.5);
    expect(timely.basis).toBe(
      '2025年11月至2026年10月应公开 20 期（财务每月，村务、党务每季度），按时公开 19 期，未公开 1 期（2026年第三季度村务公开）',
    );
    // The same evaluation the index read, taken on the day the village submitted.
    const read = (
      await cadenceOf(store, [village], { today: '2026-11-13', window: { from: '2025-11', to: '2026-10' } })
    ).get('v-nanwan')!;
    expect(read.counts).toEqual({ due: 20, onTime: 19, late: 0, missing: 1 });
    expect(read.periods.find((p) => p.category === 'affairs' && p.periodKey === '2026-Q3')!.state).toBe(
      'missing',
    );
  });

  test('every reader agrees for every village of the town', async () => {
    const { store, data } = await setup();
    const town = await data<DisclosureOutputs['townStatus']>('dev-town', 'townStatus', {}, 'disclosure');
    const all = await findAll(villages(store), { townId: 'town-qinghe' });
    const cadence = await cadenceOf(store, all, { today: '2026-11-23' });
    for (const v of all) {
      const row = town.villages.find((x) => x.villageId === v._id)!;
      const one = await data<CadenceStatus>('dev-town', 'status', { villageId: v._id }, 'disclosure');
      expect(one).toEqual(row);
      expect(row.overdue).toEqual(cadence.get(v._id)!.overdue);
      // The village home reads its read model, through the same evaluation.
      const home = await data<VillageHome>('dev-town', 'home', { villageId: v._id }, 'disclosure');
      expect(home.status).toEqual(row);
      // The index's count of missing periods is the overview's list of overdue ones (the
      // window of the index ends with October, which is all the overview asks for too).
      const sheet = await data<SheetView>('dev-town', 'sheet', { villageId: v._id });
      if (sheet.state === 'draft') {
        const basis = entry(sheet, 'affairs_timely').auto!.basis;
        const missing = row.overdue.length;
        expect(basis).toContain(missing ? `未公开 ${missing} 期` : '按时公开 20 期');
      }
    }
  });
});

describe('satisfaction: all five measured and at 90% for full points', () => {
  test('one of five rates measured (95%) is 1 of 5, not full points', async () => {
    const { data } = await setup({
      sources: { ...productSources, survey: async () => fiveGoodRound([0.95, null, null, null, null]) },
    });
    const sat = entry(await data<SheetView>('dev-cadre', 'sheet'), 'supervise_satisfaction').auto!;
    expect(sat.points).toBe(1.5); // 7 × 1/5 = 1.4 -> 1.5 (half points)
    expect(sat.basis).toContain('5 项满意率中 1 项达到 90%');
    expect(sat.basis).toContain('干部廉洁履职满意率答卷不足、按未达到计');
    expect(sat.basis).not.toMatch(CODES);
  });

  test('too few answers is not an invitation to self-score', async () => {
    const { as, data } = await setup({
      sources: { ...productSources, survey: async () => fiveGoodRound([null, null, null, null, null]) },
    });
    const sat = entry(await data<SheetView>('dev-cadre', 'sheet'), 'supervise_satisfaction');
    expect(sat.auto).toMatchObject({ points: 0 });
    expect(sat.effective.score).toBe(0);
    expect(
      await as('dev-cadre')('saveSelf', {
        entries: [{ kind: 'item', id: 'supervise_satisfaction', score: 7 }],
      }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED', message: expect.stringContaining('请填写理由') });
  });
});

describe('村情月报、通知公告按月发布: what the records say', () => {
  /** A village tracked from January 2026 (ten months in the window), with its cadre. */
  test('no reports is 0 with the months named; one report in ten months is 1/10 of the points', async () => {
    const { store, clock, as, data } = await setup();
    const village = await addNewVillage(store);
    const none = entry(await data<SheetView>('cadre-new', 'sheet'), 'affairs_report');
    expect(none.auto).toMatchObject({
      points: 0,
      basis: '2026年1月至10月共 10 个月，未发布村情月报，也未发布通知公告',
    });
    expect(none.effective.score).toBe(0);

    // September's report, drafted when the month closed and published by the cadre.
    await draftVillageReport(store, village, '2026-09', new Date('2026-09-30T22:00:00.000Z'));
    clock.set('2026-10-03T02:00:00.000Z');
    await data('cadre-new', 'publishReport', { reportId: reportIdOf('v-new', '2026-09') }, 'report');
    clock.set(NOW);
    const one = entry(await data<SheetView>('cadre-new', 'sheet'), 'affairs_report');
    expect(one.auto).toMatchObject({
      points: 0.5,
      basis: '2026年1月至10月共 10 个月，其中 1 个月有发布（村情月报 1 期，通知公告 0 条）',
    });

    // A notice in the same month adds no month; one in another month does.
    clock.set('2026-09-12T02:00:00.000Z');
    await data(
      'cadre-new',
      'publishNotice',
      {
        requestId: 'notice-0001',
        villageId: 'v-new',
        title: '关于秋季防火的通知',
        body: '请各户注意用火安全。',
        pinned: false,
      },
      'report',
    );
    clock.set('2026-08-12T02:00:00.000Z');
    await data(
      'cadre-new',
      'publishNotice',
      {
        requestId: 'notice-0002',
        villageId: 'v-new',
        title: '关于防汛值班的通知',
        body: '汛期村委会每日安排干部值班。',
        pinned: false,
      },
      'report',
    );
    clock.set(NOW);
    expect(entry(await data<SheetView>('cadre-new', 'sheet'), 'affairs_report').auto).toMatchObject({
      points: 1,
      basis: '2026年1月至10月共 10 个月，其中 2 个月有发布（村情月报 1 期，通知公告 2 条）',
    });

    // Scoring the item at 5 without a reason is refused and writes nothing.
    const refused = await as('cadre-new')('saveSelf', {
      entries: [{ kind: 'item', id: 'affairs_report', score: 5 }],
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
      message: expect.stringContaining('请填写理由'),
    });
    expect(await sheetsOf(store).get('v-new.2026')).toBeNull();

    // With a reason it is kept, and flagged as overridden with both figures.
    const kept = await data<SheetView>('cadre-new', 'saveSelf', {
      entries: [{ kind: 'item', id: 'affairs_report', score: 5, reason: '每月在公开栏张贴纸质月报' }],
    });
    expect(entry(kept, 'affairs_report')).toMatchObject({
      self: { score: 5, reason: '每月在公开栏张贴纸质月报' },
      effective: { score: 5 },
      override: { selfScore: 5, autoPoints: 1, reason: '每月在公开栏张贴纸质月报' },
    });
    const { records } = await data<{ records: AuditRecord[] }>('cadre-new', 'history');
    expect(records.map((r) => r.after)).toContainEqual(
      expect.stringContaining('理由：每月在公开栏张贴纸质月报'),
    );
  });

  test('the town reviewer sees an overridden item with both figures, on screen and in the export', async () => {
    const { data } = await setup();
    // 桃园村 scored the 村情月报 item 4 although the records give 0, with a reason (demo seed).
    const sheet = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-taoyuan' });
    const e = entry(sheet, 'affairs_report');
    expect(e.override).toEqual({ selfScore: 4, autoPoints: 0, reason: expect.stringContaining('纸质版') });
    for (const x of sheet.entries) if (x.auto) expect(x.auto.basis).not.toMatch(CODES);

    const file = await data<ExportFile>('dev-town', 'export', { kind: 'sheet', villageId: 'v-taoyuan' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评分表')!;
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(3).value === e.title) row = r;
    });
    expect(ws.getRow(3).getCell(5).value).toBe('系统计分');
    expect(row!.getCell(5).value).toBe(0);
    expect(row!.getCell(6).value).toBe(4);
    expect(String(row!.getCell(8).value)).toContain('人工调整：自评 4 分，系统计分 0 分；理由：');
  });
});

describe('the submission window (seed 000 三(四): self-assessment by one date, to the town by another)', () => {
  test('after the self-assessment date a complete sheet can still be submitted until the submit date', async () => {
    const { as, data, clock } = await setup();
    await data('dev-cadre', 'saveSelf', {
      entries: [
        { kind: 'item', id: 'culture_activity', score: 6 },
        { kind: 'item', id: 'supervise_petition', score: 5 },
      ],
    });
    clock.set('2026-12-03T02:00:00.000Z'); // after 11-30, before 12-05
    const view = await data<SheetView>('dev-cadre', 'sheet');
    expect(view).toMatchObject({ phase: 'submitOnly', missing: [], can: { edit: false, submit: true } });
    // Nothing can change any more ...
    expect(
      await as('dev-cadre')('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 7 }] }),
    ).toMatchObject({
      ok: false,
      code: 'DEADLINE_PASSED',
      message: expect.stringContaining('2026年12月5日 前提交'),
    });
    // A request to reopen is not needed, but asking does not stop the submission ...
    await data('dev-cadre', 'requestReopen', { reason: '想再补充一张照片' });
    expect((await data<Dashboard>('dev-town', 'dashboard')).reopenRequests).toHaveLength(1);
    // ... and it goes to the town, which then has nothing left to answer.
    expect(await data<SheetView>('dev-cadre', 'submit')).toMatchObject({
      state: 'submitted',
      reopenRequest: null,
    });
    expect((await data<Dashboard>('dev-town', 'dashboard')).reopenRequests).toEqual([]);
  });

  test('after the submit date nothing goes without the town', async () => {
    const { as, data, clock } = await setup();
    await data('dev-cadre', 'saveSelf', {
      entries: [
        { kind: 'item', id: 'culture_activity', score: 6 },
        { kind: 'item', id: 'supervise_petition', score: 5 },
      ],
    });
    clock.set('2026-12-06T02:00:00.000Z');
    expect(await data<SheetView>('dev-cadre', 'sheet')).toMatchObject({
      phase: 'closed',
      can: { submit: false, requestReopen: true },
    });
    expect(await as('dev-cadre')('submit')).toMatchObject({
      ok: false,
      code: 'DEADLINE_PASSED',
      message: expect.stringContaining('申请重新开放'),
    });
  });

  test('an incomplete sheet says what is missing; the cadre asks the town to reopen; the town answers', async () => {
    const { store, as, data, clock } = await setup();
    clock.set('2026-12-02T02:00:00.000Z');
    const view = await data<SheetView>('dev-cadre', 'sheet');
    expect(view.phase).toBe('submitOnly');
    expect(view.missing).toEqual(['「廉洁文化阵地和活动」未评分', '「无集体上访、重复越级上访」未评分']);
    expect(view.can).toMatchObject({ edit: false, submit: false, requestReopen: true });
    expect(await as('dev-cadre')('submit')).toMatchObject({
      ok: false,
      code: 'SHEET_INCOMPLETE',
      message: expect.stringContaining('廉洁文化阵地和活动'),
    });

    // The request, once (a retry changes nothing).
    expect(await as('dev-cadre')('requestReopen', { reason: '' })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    const asked = await data<SheetView>('dev-cadre', 'requestReopen', {
      reason: '两项证明材料刚整理好，请允许补填',
    });
    expect(asked.reopenRequest).toMatchObject({ state: 'pending', byName: '李明华' });
    expect(asked.can.requestReopen).toBe(false);
    await data('dev-cadre', 'requestReopen', { reason: '两项证明材料刚整理好，请允许补填' });
    expect(await auditOf(store).count({ villageId: 'v-dongling', action: '申请重新开放' })).toBe(1);
    // Only the town answers.
    expect(await as('dev-cadre')('answerReopen', { villageId: 'v-dongling', grant: true })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });

    // The town sees it on the dashboard and on the sheet.
    const dash = await data<Dashboard>('dev-town', 'dashboard');
    expect(dash.reopenRequests).toEqual([
      expect.objectContaining({
        villageId: 'v-dongling',
        villageName: '东岭村',
        reason: '两项证明材料刚整理好，请允许补填',
      }),
    ]);
    expect((await data<SheetView>('dev-town', 'sheet', { villageId: 'v-dongling' })).can.answerReopen).toBe(
      true,
    );

    const granted = await data<SheetView>('dev-town', 'answerReopen', {
      villageId: 'v-dongling',
      grant: true,
      comment: '同意，请于 12 月 10 日前补齐',
    });
    expect(granted.reopenRequest).toMatchObject({ state: 'granted', answeredByName: '周海燕' });
    expect((await data<Dashboard>('dev-town', 'dashboard')).reopenRequests).toEqual([]);

    // Open again for the village: fill and submit.
    const open = await data<SheetView>('dev-cadre', 'sheet');
    expect(open).toMatchObject({
      phase: 'open',
      can: { edit: true },
      reopenReason: '同意，请于 12 月 10 日前补齐',
    });
    await data('dev-cadre', 'saveSelf', {
      entries: [
        { kind: 'item', id: 'culture_activity', score: 6 },
        { kind: 'item', id: 'supervise_petition', score: 5 },
      ],
    });
    expect(await data<SheetView>('dev-cadre', 'submit')).toMatchObject({ state: 'submitted' });
  });

  test('the town may decline, with a reason; the sheet stays closed', async () => {
    const { as, data, clock } = await setup();
    clock.set('2026-12-08T02:00:00.000Z');
    await data('dev-cadre', 'requestReopen', { reason: '村干部外出学习，未能按时填写' });
    expect(await as('dev-town')('answerReopen', { villageId: 'v-dongling', grant: false })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: expect.stringContaining('不同意时请填写理由'),
    });
    const declined = await data<SheetView>('dev-town', 'answerReopen', {
      villageId: 'v-dongling',
      grant: false,
      comment: '截止日期已多次提醒，不再开放',
    });
    expect(declined.reopenRequest).toMatchObject({
      state: 'declined',
      answer: '截止日期已多次提醒，不再开放',
    });
    expect(await data<SheetView>('dev-cadre', 'sheet')).toMatchObject({
      phase: 'closed',
      can: { edit: false, submit: false },
    });
  });
});

describe('nothing half-done', () => {
  test('a ledger whose audit write failed after the change: the retry completes it, exactly once', async () => {
    const { store, as, data, failAuditOnce } = await setup();
    const input = {
      unitId: 'jingguan',
      villageId: 'v-beipo',
      month: '2026-10',
      findings: [{ finding: '资金审批单仍未补齐', status: 'rectifying' }],
    };
    const records = () =>
      auditOf(store).find({ subject: 'ledger', villageId: 'v-beipo', target: '镇经管站 2026年10月' });
    failAuditOnce();
    expect(await as('dev-town')('saveLedger', input)).toMatchObject({ ok: false });
    // The change is there, and its record rides with it until stored.
    expect((await ledgersOf(store).get('v-beipo.jingguan.2026-10'))!.pendingAudit).toHaveLength(1);
    expect(await records()).toHaveLength(0);
    await data('dev-town', 'saveLedger', input); // the client's retry
    await data('dev-town', 'saveLedger', input); // and once more
    const stored = await records();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      action: '报送监管台账',
      after: expect.stringContaining('资金审批单仍未补齐'),
    });
    expect((await ledgersOf(store).get('v-beipo.jingguan.2026-10'))!.pendingAudit).toEqual([]);

    // An update whose audit failed is completed by the next call on the same ledger.
    failAuditOnce();
    const update = { ...input, findings: [{ finding: '资金审批单已补齐', status: 'done' }] };
    expect(await as('dev-town')('saveLedger', update)).toMatchObject({ ok: false });
    await data('dev-town', 'saveLedger', update);
    expect((await records()).map((r) => r.action)).toEqual(['报送监管台账', '更新监管台账']);
  });

  test('a tier scheme whose audit write failed after the change: the retry completes it, exactly once', async () => {
    const { store, as, data, failAuditOnce } = await setup();
    const before = await auditOf(store).count({ subject: 'scheme' });
    const changed = {
      ...BAOGOU_SCHEME,
      targets: { ...BAOGOU_SCHEME.targets, '2027': { counts: { exemplary: 2 }, keepPrevious: true } },
    };
    failAuditOnce();
    expect(await as('dev-town')('saveScheme', changed)).toMatchObject({ ok: false });
    expect((await schemesOf(store).get('town-qinghe.baogou'))!.targets['2027']).toBeDefined();
    await data('dev-town', 'saveScheme', changed);
    await data('dev-town', 'saveScheme', changed);
    expect(await auditOf(store).count({ subject: 'scheme' })).toBe(before + 1);
    const last = at(
      await auditOf(store).find({ subject: 'scheme' }, { sort: { at: -1, _id: -1 }, limit: 1 }),
      0,
      'the last scheme audit entry',
    );
    expect(last.after).toContain('2027 年目标：示范村 2 个，不低于上年');
    expect(last.after).not.toContain('{');
  });

  test('a refused submit, comment or save leaves no draft sheet and writes nothing', async () => {
    const { store, as } = await setup();
    // 西河村 has not started its 2026 sheet.
    expect(await sheetsOf(store).get('v-xihe.2026')).toBeNull();
    const names = ['assessmentSheets', 'assessmentSummaries', 'assessmentAudit', 'supervisionLedger'];
    const snap = async () =>
      Object.fromEntries(
        await Promise.all(
          names.map(async (n) => [n, await findAll(store.collection(n), {}, { sort: { _id: 1 } })]),
        ),
      );
    const before = await snap();
    const cadre = as('dev-cadre-xihe');
    expect(await cadre('submit')).toMatchObject({ ok: false, code: 'SHEET_INCOMPLETE' });
    expect(await cadre('comment', { text: '对审核结果有意见' })).toMatchObject({
      ok: false,
      code: 'SHEET_NOT_SUBMITTED',
    });
    expect(
      await cadre('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 8 }] }),
    ).toMatchObject({ ok: false, code: 'SCORE_ABOVE_MAX' });
    expect(
      await cadre('saveSelf', { entries: [{ kind: 'item', id: 'affairs_timely', score: 10 }] }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(await cadre('requestReopen', { reason: '还没到截止日期' })).toMatchObject({ ok: false });
    expect(await as('dev-town')('answerReopen', { villageId: 'v-xihe', grant: true })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    // Reading the sheet writes nothing either.
    await cadre('sheet');
    expect(await snap()).toEqual(before);
    expect(await sheetsOf(store).get('v-xihe.2026')).toBeNull();
  });
});
