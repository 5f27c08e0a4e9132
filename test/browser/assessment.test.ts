import type { Locator } from 'playwright-core';
import type {
  Dashboard,
  Demonstration,
  SheetView,
  StandardOverview,
} from '../../cloudfunctions/common/contracts/assessment';
import { standardsOf } from '../../cloudfunctions/assessment/store';
import { appPerFile } from './session';
import { expectText as expectTextOn } from './pages';
import { addNewVillage } from '../handler/assessment-world';
import { at, must } from '../must';

/**
 * 清廉村居 index end to end in the H5 build against the local runtime (seeded demo town, the
 * demo's fixed "today" 2026-11-23; the demo year's self-assessment is open until 11-30): a
 * cadre completes and submits the sheet with evidence; the town admin reviews an item, grades
 * the village and sees the dashboard counts change; the ledger shows a late month. Only the page
 * UI is used to act; the API is read only to know what the pages must show.
 */
jest.setTimeout(120_000);

const app = appPerFile();

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

/** The page's text check (./pages.ts), on this file's page. */
const expectText = (locator: Locator, text: string) => expectTextOn(app.page, locator, text);

// A 1x1 PNG: the evidence picture the cadre uploads.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('清廉村居 index in the browser', () => {
  test('a cadre fills the missing items with evidence and submits; the sheet is then locked', async () => {
    const before = await app.api<SheetView>('dev-cadre', 'assessment', 'sheet');
    expect(before.selfTotals.missing).toBe(2);
    await app.openAs('dev-cadre', '/assessment/pages/sheet/index');
    await expectText(shown('#sheet-missing'), '还有 2 项未评分');

    // 廉洁文化阵地和活动: a score, a note and a picture as evidence.
    await shown('#open-culture_activity').click();
    await shown('#score-culture_activity input').fill('6');
    await shown('#note-culture_activity textarea').fill('建成廉洁文化长廊，年内开展家风讲堂 3 次');
    // The harness runs the local runtime without a files folder, so its upload endpoint is not
    // served; stand in for it here (the page's upload code runs unchanged: raw bytes POSTed).
    const uploaded: Buffer[] = [];
    await app.page.route('**/api/files', async (route) => {
      uploaded.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
      await route.fulfill({ json: { ok: true, data: { fileId: '/files/evidence-culture.png' } } });
    });
    await app.page.route('**/files/evidence-culture.png', (route) =>
      route.fulfill({ body: PNG, contentType: 'image/png' }),
    );
    // The file input is hidden behind the 添加 button; the chooser is the browser's own.
    await app.page
      .locator('#entry-culture_activity #attachment-input')
      .last()
      .setInputFiles({ name: '文化长廊.png', mimeType: 'image/png', buffer: PNG });
    await app.page.locator('#entry-culture_activity .attachment-edit').first().waitFor({ state: 'attached' });
    expect(uploaded).toHaveLength(1);
    expect(at(uploaded, 0).equals(PNG)).toBe(true);
    await shown('#save-culture_activity').click();
    await expectText(shown('#entry-culture_activity'), '6 / 7 分');

    await shown('#open-supervise_petition').click();
    await shown('#score-supervise_petition input').fill('5');
    await shown('#save-supervise_petition').click();
    await expectText(shown('#entry-supervise_petition'), '5 / 5 分');

    const filled = await app.api<SheetView>('dev-cadre', 'assessment', 'sheet');
    expect(filled.selfTotals.missing).toBe(0);
    const evidence = filled.entries.find((e) => e.id === 'culture_activity')!.self.evidence;
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      fileId: '/files/evidence-culture.png',
      name: '文化长廊.png',
      kind: 'image',
    });

    await expectText(shown('#sheet-submit'), `提交自评（${filled.selfTotals.total} 分）`);
    await shown('#sheet-submit').click();
    await expectText(shown('#sheet-state'), '已提交，待审核');
    await expectText(shown('#self-total'), `${filled.selfTotals.total} 分`);
    // Locked: no more editing on the page, and the server refuses a change.
    expect(await app.page.locator('#open-culture_activity').locator('visible=true').count()).toBe(0);
    await expect(
      app.api('dev-cadre', 'assessment', 'saveSelf', {
        entries: [{ kind: 'item', id: 'team_study', score: 1 }],
      }),
    ).rejects.toThrow('SHEET_LOCKED');
  });

  test('the town admin reviews an item, grades the village, and the dashboard counts change', async () => {
    const before = await app.api<Dashboard>('dev-town', 'assessment', 'dashboard');
    const sheet = await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId: 'v-dongling' });
    const label = sheet.computedTier.label;
    const key = sheet.computedTier.key!;
    const confirmedBefore = before.counts.find((c) => c.key === key)!.confirmed;

    await app.openAs('dev-town', '/assessment/pages/dashboard/index');
    await expectText(shown(`#count-${key}`), label);
    await expect(shown(`#count-${key} .count-confirmed`).innerText()).resolves.toBe(String(confirmedBefore));
    await shown('#village-v-dongling').click();

    await expectText(shown('#sheet-state'), '已提交，待审核');
    // Adjust one item with a comment.
    const study = sheet.entries.find((e) => e.id === 'team_study')!;
    const adjusted = study.maxPoints;
    await shown('#open-team_study').click();
    await shown('#rscore-team_study input').fill(String(adjusted));
    await shown('#comment-team_study textarea').fill('查阅学习记录，全年开展 4 次，给满分');
    await shown('#rsave-team_study').click();
    const reviewedTotal = sheet.selfTotals.total - (study.self.score ?? 0) + adjusted;
    await expectText(shown('#review-total'), `${reviewedTotal} 分`);

    await shown('#confirm-comment textarea').fill('材料齐全，同意定级');
    // 定级 cannot be taken back: it asks once; cancelling leaves the sheet as it was.
    const stateBefore = (await shown('#sheet-state').innerText()).trim();
    expect(stateBefore).not.toContain('已定级');
    await shown('#sheet-confirm').click();
    await expectText(shown('.taro-modal__content'), '定级后不能撤回');
    await shown('.taro-model__cancel').click();
    await shown('.taro-modal__content').waitFor({ state: 'hidden' });
    expect((await shown('#sheet-state').innerText()).trim()).toBe(stateBefore);
    expect(
      (await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId: 'v-dongling' })).confirmed,
    ).toBeFalsy();
    await shown('#sheet-confirm').click();
    await expectText(shown('.taro-modal__content'), '定级后不能撤回');
    await shown('.taro-model__confirm').click();
    await expectText(shown('#sheet-state'), '已定级');
    const graded = await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId: 'v-dongling' });
    await expectText(shown('#sheet-tier'), graded.confirmed!.label);

    // Back on the dashboard: the count of the tier went up by one.
    await app.openAs('dev-town', '/assessment/pages/dashboard/index');
    const after = await app.api<Dashboard>('dev-town', 'assessment', 'dashboard');
    const expected = after.counts.find((c) => c.key === graded.confirmed!.key)!.confirmed;
    expect(expected).toBe(
      (graded.confirmed!.key === key
        ? confirmedBefore
        : before.counts.find((c) => c.key === graded.confirmed!.key)!.confirmed) + 1,
    );
    await expectText(shown(`#count-${graded.confirmed!.key} .count-confirmed`), String(expected));
    await expectText(shown('#qinglian-count'), `已认定清廉村居 ${after.qinglian.confirmed} 个`);
    expect(after.qinglian.confirmed).toBe(before.qinglian.confirmed + (graded.confirmed!.qinglian ? 1 : 0));

    // The village sees the result.
    await app.openAs('dev-cadre', '/assessment/pages/sheet/index');
    await expectText(shown('#sheet-tier'), graded.confirmed!.label);
    await expectText(shown('#entry-team_study'), '查阅学习记录');
  });

  test('the ledger shows a late month on the dashboard and in the month', async () => {
    await app.openAs('dev-town', '/assessment/pages/dashboard/index');
    await expectText(shown('#ledger-summary'), '逾期报送 1 份');
    await expectText(shown('#village-v-xihe'), '台账逾期 1');
    await shown('#open-ledger').click();
    await shown('#ledger-month').waitFor();
    // From October (the month before "today") back to August.
    await shown('#ledger-prev').click();
    await expectText(shown('#ledger-month'), '2026年9月');
    await shown('#ledger-prev').click();
    await expectText(shown('#ledger-month'), '2026年8月');
    await shown('#unit-jiwei').click();
    await expectText(shown('#ledger-v-xihe'), '逾期报送');
    await expectText(shown('#ledger-v-xihe'), '财务公开未按时张贴');
    await expectText(shown('#ledger-v-dongling'), '按时报送');
  });

  test('the town returns a sheet with a reason typed into the page (no system dialog)', async () => {
    await app.openAs('dev-town', '/assessment/pages/sheet/index?villageId=v-nanwan');
    await expectText(shown('#sheet-state'), '已提交，待审核');
    await shown('#sheet-reopen').click();
    // The reason is required.
    await shown('#reopen-confirm').click();
    await expectText(shown('#reopen-error'), '请填写退回理由');
    expect(
      (await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId: 'v-nanwan' })).state,
    ).toBe('submitted');
    await shown('#reopen-reason textarea').fill('村务档案照片不清楚，请重新上传');
    await shown('#reopen-confirm').click();
    await expectText(shown('#sheet-state'), '自评中');
    const back = await app.api<SheetView>('seed-cadre-v-nanwan', 'assessment', 'sheet');
    expect(back).toMatchObject({ state: 'draft', reopenReason: '村务档案照片不清楚，请重新上传' });
  });

  test('the dashboard recommends 示范点 with the reason for each village', async () => {
    const d = await app.api<Demonstration>('dev-town', 'assessment', 'demonstration');
    await app.openAs('dev-town', '/assessment/pages/dashboard/index');
    await expectText(shown('#demonstration-count'), `符合条件 ${d.eligible} 个 / 共 ${d.villageTotal} 个村`);
    await shown('#demonstration-toggle').click();
    await expectText(shown('#demo-v-beipo'), '存在否决项');
    await expectText(shown('#demo-v-xihe'), '尚未提交自评');
  });

  test('the board lists the whole town worst first, in the order the server keeps', async () => {
    const d = await app.api<Dashboard>('dev-town', 'assessment', 'dashboard');
    await app.openAs('dev-town', '/assessment/pages/dashboard/index');
    await expectText(shown('#village-list-title'), '全镇未达目标、有否决项、得分低的村排在最前');
    await shown(`#village-${d.villages[0]!.villageId}`).waitFor();
    const ids = await app.page.$$eval('.village-row', (rows) => rows.map((r) => r.id));
    expect(ids).toEqual(d.villages.map((v) => `village-${v.villageId}`));
    // 北坡村 (a veto, below its target) heads the list.
    expect(ids[0]).toBe('village-v-beipo');
  });

  test('on a PC the town admin copies last year’s standard to a new year, fixes a mistake and publishes it', async () => {
    await app.page.setViewportSize({ width: 1280, height: 900 });
    try {
      await app.openAs('dev-town', '/assessment/pages/standard/index?year=2027');
      await expectText(shown('#standard-empty'), '2027 年度测评标准尚未发布');
      await shown('#copy-last-year').click();
      await expectText(shown('#std-max'), '基础分满分 100 分，加分最多 5 分');
      // A mistake is caught on the page with where it is.
      await shown('#std-max-0-0 input').fill('六');
      await shown('#standard-save').click();
      await expectText(shown('#standard-problems'), '第 1 部分「班子清廉」第 1 项');
      await expectText(shown('#standard-problems'), '分值必须是数字');
      await shown('#std-max-0-0 input').fill('8');
      await expectText(shown('#std-max'), '基础分满分 102 分');
      await shown('#standard-save').click();
      await expectText(shown('#std-version'), '当前为第 1 版');
      const saved = await app.api<StandardOverview>('dev-town', 'assessment', 'standard', { year: 2027 });
      expect(saved.standard).toMatchObject({
        year: 2027,
        version: 1,
        title: '2027 年度村级“清廉村居”建设指数标准',
        schedule: { selfAssessBy: '2027-11-30' },
      });
      expect(at(at(must(saved.standard, 'the saved standard').sections, 0).items, 0).maxPoints).toBe(8);
      // The editor lays out in columns on a PC: an item's title and its points sit side by side.
      const title = await shown('#std-item-0-0 .std-item-title').boundingBox();
      const points = await shown('#std-max-0-0').boundingBox();
      expect(points!.x).toBeGreaterThan(title!.x + title!.width - 1);

      // This year's standard is used by submitted sheets: the page says so and offers no save.
      const now = await app.api<StandardOverview>('dev-town', 'assessment', 'standard', { year: 2026 });
      await shown('#std-prev-year').click();
      await expectText(shown('#standard-locked'), `已有 ${now.submittedSheets} 个村提交了自评`);
      expect(await app.page.locator('#standard-save').locator('visible=true').count()).toBe(0);
      await expectText(shown('#scheme-locked'), '已用于 2025、2026 年度');
    } finally {
      await app.page.setViewportSize({ width: 375, height: 667 });
    }
  });

  test('the town reviewer sees an overridden item with both figures and the reason', async () => {
    // 西河村 scores the 村情月报 item above what the records give, with a reason, and submits.
    const cadre = 'dev-cadre-xihe';
    const draft = await app.api<SheetView>(cadre, 'assessment', 'sheet');
    const auto = draft.entries.find((e) => e.id === 'affairs_report')!.auto!;
    expect(auto.points).toBe(0);
    const reason = '村情月报每月在公开栏张贴纸质版';
    await app.api(cadre, 'assessment', 'saveSelf', {
      entries: [
        ...draft.entries
          .filter((e) => e.kind === 'item' && !e.auto)
          .map((e) => ({ kind: 'item', id: e.id, score: Math.floor(e.maxPoints * 0.8) })),
        { kind: 'item', id: 'affairs_report', score: 3, reason },
      ],
    });
    await app.api(cadre, 'assessment', 'submit');

    await app.openAs('dev-town', '/assessment/pages/sheet/index?villageId=v-xihe');
    await expectText(shown('#sheet-state'), '已提交，待审核');
    // Both figures side by side, marked as a hand adjustment, with the village's reason.
    await expectText(shown('#override-affairs_report'), '人工调整');
    await expectText(shown('#override-affairs_report'), '自评 3 分，系统计分 0 分');
    await expectText(shown('#override-affairs_report'), reason);
    // The data's figure explained in one sentence, with the months and no codes.
    await expectText(shown('#auto-affairs_report'), '系统计分：0 分。2025年11月至2026年10月共 12 个月');
    expect(await shown('#auto-affairs_report').innerText()).not.toMatch(/\d{4}-\d{2}/);
    // The review form shows both figures too.
    await shown('#open-affairs_report').click();
    await expectText(shown('#entry-affairs_report .entry-form'), '系统计分 0 分，自评 3 分');
    // An item that follows the data is not marked.
    expect(await app.page.locator('#override-affairs_timely').count()).toBe(0);
  });

  test('after the dates a cadre sees what is missing and asks the town to reopen; the town answers on the page', async () => {
    // A village that has not started its sheet, and a schedule whose dates have passed by the
    // demo's "today" (set in the store: the year's standard is in use and cannot be edited).
    const store = app.runtime.store;
    await addNewVillage(store);
    const std = 'town-qinghe.2026.v1';
    const schedule = (await standardsOf(store).get(std))!.schedule;
    await standardsOf(store).update(std, {
      set: { schedule: { ...schedule, selfAssessBy: '2026-11-15', submitBy: '2026-11-20' } },
    });
    try {
      await app.openAs('cadre-new', '/assessment/pages/sheet/index');
      await expectText(shown('#sheet-phase'), '已过报镇截止日期');
      await expectText(shown('#sheet-missing-list'), '「廉洁文化阵地和活动」未评分');
      await expectText(shown('#sheet-schedule'), '报镇截止 2026年11月20日');
      expect(await app.page.locator('#open-culture_activity').locator('visible=true').count()).toBe(0);
      await shown('#request-send').click();
      await expectText(shown('#reopen-request'), '请填写申请理由');
      await shown('#request-reason textarea').fill('村干部参加培训，未能按时填写，请允许补填');
      await shown('#request-send').click();
      await expectText(shown('#reopen-request-state'), '等待镇纪委答复');

      // The town sees the request on the dashboard and answers it on the sheet.
      await app.openAs('dev-town', '/assessment/pages/dashboard/index');
      await expectText(shown('#reopen-request-v-new'), '村干部参加培训');
      await shown('#reopen-request-v-new').click();
      await expectText(shown('#reopen-request-state'), '等待镇纪委答复');
      await shown('#answer-comment textarea').fill('同意，请于一周内补齐');
      await shown('#answer-grant').click();
      await expectText(shown('#reopen-request-state'), '镇纪委已同意');

      // Open again for the village.
      await app.openAs('cadre-new', '/assessment/pages/sheet/index');
      await expectText(shown('#reopen-request'), '同意，请于一周内补齐');
      await shown('#open-culture_activity').waitFor();
      const view = await app.api<SheetView>('cadre-new', 'assessment', 'sheet');
      expect(view).toMatchObject({ phase: 'open', can: { edit: true }, reopenRequest: { state: 'granted' } });
    } finally {
      await standardsOf(store).update(std, { set: { schedule } });
    }
  });
});
