import ExcelJS from 'exceljs';
import { productSources } from '../../cloudfunctions/assessment/ports';
import { standardsOf, summariesOf } from '../../cloudfunctions/assessment/store';
import type {
  Dashboard,
  Demonstration,
  ExportFile,
  SheetView,
  Standard,
  StandardOverview,
  TierScheme,
} from '../../cloudfunctions/common/contracts/assessment';
import type { CadenceStatus } from '../../cloudfunctions/common/contracts/disclosure';
import { BAOGOU_SCHEME, DEMO_SCHEDULE, wuqingStandard } from '../../cloudfunctions/local/seed-assessment';
import { FIVE_GOOD_INDICATORS } from '../../cloudfunctions/survey/domain/indicators';
import { latestSurveyResults } from '../../cloudfunctions/survey/public';
import { ASSESSMENT_NOW, assessmentWorld, entry } from './assessment-world';
import { at, must } from '../must';
import { snapshot } from './builders';
import { refusedOf, type World } from './world';

const NOW = ASSESSMENT_NOW;

async function setup(sources = productSources) {
  const world = await assessmentWorld({ sources });
  return { ...world, disclosure: world.call('disclosure') };
}

test('a cadre fills and submits; the sheet is then locked for the village', async () => {
  const { as, data } = await setup();
  const cadre = as('dev-cadre');
  const before = await data<SheetView>('dev-cadre', 'sheet');
  expect(before).toMatchObject({ state: 'draft', can: { edit: true, submit: false } });
  expect(before.selfTotals.missing).toBe(2);

  // Not complete: refused, nothing written.
  expect(await cadre('submit')).toMatchObject({ ok: false, code: 'SHEET_INCOMPLETE' });
  // Above an item's maximum: refused with the item named.
  expect(
    await cadre('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 8 }] }),
  ).toMatchObject({ ok: false, code: 'SCORE_ABOVE_MAX', message: expect.stringContaining('满分 7 分') });

  const saved = await data<SheetView>('dev-supervisor', 'saveSelf', {
    entries: [
      {
        kind: 'item',
        id: 'culture_activity',
        score: 6,
        note: '廉洁文化墙、家风讲堂',
        evidence: [{ fileId: '/files/a.png', name: '文化墙' }],
      },
      { kind: 'item', id: 'supervise_petition', score: 5 },
    ],
  });
  expect(saved.selfTotals.missing).toBe(0);
  expect(entry(saved, 'culture_activity').self.evidence).toHaveLength(1);
  const submitted = await data<SheetView>('dev-cadre', 'submit');
  expect(submitted).toMatchObject({
    state: 'submitted',
    can: { edit: false, submit: false, comment: true },
    submittedByName: '李明华',
  });

  // Locked: neither a cadre nor a supervisor can change it.
  expect(
    await cadre('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 7 }] }),
  ).toMatchObject({ ok: false, code: 'SHEET_LOCKED' });
  expect(
    await as('dev-supervisor')('saveSelf', {
      entries: [{ kind: 'veto', id: 'veto_assets', applies: false }],
    }),
  ).toMatchObject({ ok: false, code: 'SHEET_LOCKED' });
  expect(entry(await data<SheetView>('dev-cadre', 'sheet'), 'culture_activity').self.score).toBe(6);
});

test('only the village writes its sheet, and only a town admin grades', async () => {
  const { as } = await setup();
  expect(
    await as('dev-resident')('saveSelf', { entries: [{ kind: 'item', id: 'team_study', score: 5 }] }),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  expect(
    await as('dev-cadre-xihe')('saveSelf', {
      villageId: 'v-dongling',
      entries: [{ kind: 'item', id: 'team_study', score: 5 }],
    }),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN_VILLAGE' });
  expect(
    await as('dev-town')('saveSelf', {
      villageId: 'v-dongling',
      entries: [{ kind: 'item', id: 'team_study', score: 5 }],
    }),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  expect(await as('dev-resident')('sheet')).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });

  // 南湾村 has submitted: its own cadre and the supervisor of another village cannot grade.
  for (const who of ['seed-cadre-v-nanwan', 'dev-supervisor', 'dev-cadre']) {
    expect(
      await as(who)('review', {
        villageId: 'v-nanwan',
        entries: [{ kind: 'item', id: 'team_study', score: 6, comment: '好' }],
      }),
    ).toMatchObject({ ok: false });
    expect(await as(who)('confirm', { villageId: 'v-nanwan' })).toMatchObject({ ok: false });
    expect(await as(who)('dashboard')).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  }
  // A draft cannot be graded.
  expect(await as('dev-town')('confirm', { villageId: 'v-dongling' })).toMatchObject({
    ok: false,
    code: 'SHEET_NOT_SUBMITTED',
  });
});

test('the town reviews item by item with comments, confirms a tier, and the dashboard counts change', async () => {
  const { as, data } = await setup();
  const town = as('dev-town');
  const before = await data<Dashboard>('dev-town', 'dashboard');
  const count = (d: Dashboard, label: string) => d.counts.find((c) => c.label === label)!;
  const sheet = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-nanwan' });
  expect(sheet).toMatchObject({ state: 'submitted', can: { review: true, confirm: true, edit: false } });

  // Adjusting a score needs a comment.
  expect(
    await town('review', { villageId: 'v-nanwan', entries: [{ kind: 'item', id: 'team_study', score: 6 }] }),
  ).toMatchObject({ ok: false, code: 'REVIEW_COMMENT_REQUIRED' });
  const reviewed = await data<SheetView>('dev-town', 'review', {
    villageId: 'v-nanwan',
    entries: [{ kind: 'item', id: 'team_study', score: 6, comment: '查阅学习记录，全年 4 次，给满分' }],
  });
  expect(reviewed.state).toBe('reviewed');
  expect(reviewed.reviewTotals!.total).toBe(
    sheet.selfTotals.total - (entry(sheet, 'team_study').self.score ?? 0) + 6,
  );

  const confirmed = await data<SheetView>('dev-town', 'confirm', { villageId: 'v-nanwan', comment: '同意' });
  expect(confirmed.state).toBe('confirmed');
  expect(confirmed.confirmed!.label).toBe(confirmed.computedTier.label);
  const after = await data<Dashboard>('dev-town', 'dashboard');
  const label = confirmed.confirmed!.label;
  expect(count(after, label).confirmed).toBe(count(before, label).confirmed + 1);
  expect(after.states.confirmed).toBe(before.states.confirmed + 1);

  // Confirmed: the town cannot change it any more either; the village sees the result and answers.
  expect(
    await town('review', {
      villageId: 'v-nanwan',
      entries: [{ kind: 'item', id: 'team_study', score: 5, comment: 'x' }],
    }),
  ).toMatchObject({ ok: false, code: 'SHEET_LOCKED' });
  const village = await data<SheetView>('seed-cadre-v-nanwan', 'comment', {
    text: '感谢镇纪委指导，我们将继续完善廉洁文化阵地',
  });
  expect(village.confirmed!.label).toBe(label);
  expect(village.comments).toHaveLength(1);

  // Every change is kept: who, when, before and after.
  const { records } = await data<{
    records: { byName: string; action: string; target: string; before: string; after: string }[];
  }>('dev-town', 'history', { villageId: 'v-nanwan' });
  expect(records.map((r) => r.action)).toEqual(
    expect.arrayContaining(['自评', '提交自评', '审核', '确认定级', '村里意见']),
  );
  const review = records.find((r) => r.action === '审核')!;
  expect(review).toMatchObject({
    byName: '周海燕',
    target: expect.stringContaining('廉洁教育'),
    before: '（空）',
    after: expect.stringContaining('6 分'),
  });
});

test('a veto blocks 清廉村居 whatever the score, also when the town confirms', async () => {
  const { as, data } = await setup();
  const beipo = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-beipo' });
  expect(beipo.totals.total).toBeGreaterThanOrEqual(80);
  expect(beipo.totals.vetoes).toHaveLength(1);
  expect(beipo.computedTier).toMatchObject({ label: '促进村', qinglian: false });
  expect(
    await as('dev-town')('confirm', {
      villageId: 'v-beipo',
      tier: 'qualified',
      reason: '分数很高，表现突出',
    }),
  ).toMatchObject({ ok: false, code: 'TIER_VETOED', message: expect.stringContaining('否决项') });
  const c = await data<SheetView>('dev-town', 'confirm', { villageId: 'v-beipo' });
  expect(c.confirmed).toMatchObject({ label: '促进村', qinglian: false });
  const d = await data<Dashboard>('dev-town', 'dashboard');
  const row = d.villages.find((v) => v.villageId === 'v-beipo')!;
  expect(row).toMatchObject({
    vetoes: [expect.stringContaining('三资')],
    belowTarget: true,
    tier: { qinglian: false },
  });
  // Scored villages below their target come first; villages with nothing scored come last.
  const scored = d.villages.filter((v) => v.state !== 'none');
  expect(d.villages.slice(0, scored.length)).toEqual(scored);
  expect(at(scored, 0).belowTarget).toBe(true);
  expect(scored.findIndex((v) => !v.belowTarget)).toBeGreaterThan(
    scored.filter((v) => v.belowTarget).length - 1,
  );
});

test('auto-scored items match the disclosure data', async () => {
  const { data, disclosure, clock } = await setup();
  // 西河村 skipped its September and October finance disclosures (demo seed).
  const xihe = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-xihe' });
  const status = (await disclosure('dev-town', 'status', { villageId: 'v-xihe' })) as {
    ok: true;
    data: CadenceStatus;
  };
  const missingFinance = status.data.overdue.filter((g) => g.category === 'finance').length;
  expect(missingFinance).toBe(2);
  const timely = entry(xihe, 'affairs_timely').auto!;
  // Window 2025-11..2026-10: 12 finance months + 4 quarters × (村务, 党务) = 20 periods.
  expect(timely.basis).toBe(
    '2025年11月至2026年10月应公开 20 期（财务每月，村务、党务每季度），按时公开 18 期，未公开 2 期（2026年9月财务公开、2026年10月财务公开）',
  );
  expect(timely.points).toBe(9);
  expect(entry(await data<SheetView>('dev-cadre', 'sheet'), 'affairs_timely').auto!.points).toBe(10);

  // Publishing the missing month late raises the score, counted as late, not on time.
  clock.set('2026-11-20T02:00:00.000Z');
  const pub = await disclosure('dev-cadre-xihe', 'publish', {
    requestId: 'late-finance-09',
    villageId: 'v-xihe',
    category: 'finance',
    title: '西河村2026年9月财务收支公开',
    periodKey: '2026-09',
    items: [{ direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '运转经费' }],
  });
  expect(pub.ok).toBe(true);
  clock.set(NOW);
  const again = entry(
    await data<SheetView>('dev-town', 'sheet', { villageId: 'v-xihe' }),
    'affairs_timely',
  ).auto!;
  expect(again.basis).toBe(
    '2025年11月至2026年10月应公开 20 期（财务每月，村务、党务每季度），按时公开 18 期，逾期公开 1 期（2026年9月财务公开），未公开 1 期（2026年10月财务公开）',
  );
});

test('auto-scored items match the survey results; no round in the window scores 0, never by hand', async () => {
  const { store, data } = await setup();
  const round = (await latestSurveyResults(store, ['v-dongling'])).get('v-dongling')!;
  const auto = entry(await data<SheetView>('dev-cadre', 'sheet'), 'supervise_satisfaction').auto!;
  const met = round.indicators.filter(
    (i) => i.status !== 'insufficient' && i.approvalRate !== null && i.approvalRate >= 0.9,
  ).length;
  expect(auto.points).toBe(Math.round(((7 * met) / 5) * 2) / 2);
  expect(auto.basis).toContain(`5 项满意率中 ${met} 项达到 90%`);

  // With no survey results at all the item scores 0 and says why: the village is not invited
  // to score itself.
  const none = await setup({ ...productSources, survey: async () => null });
  const v = await none.data<SheetView>('dev-cadre', 'sheet');
  expect(entry(v, 'supervise_satisfaction').auto).toMatchObject({
    points: 0,
    basis: '2025年11月至2026年10月没有已结束的有效五好测评，5 项满意率均按未达到 90% 计',
  });
});

test('overriding an auto-scored item needs a reason', async () => {
  const { as, data } = await setup();
  const r = await as('dev-cadre')('saveSelf', {
    entries: [{ kind: 'item', id: 'affairs_timely', score: 8 }],
  });
  expect(r).toMatchObject({
    ok: false,
    code: 'REASON_REQUIRED',
    message: expect.stringContaining('请填写理由'),
  });
  const v = await data<SheetView>('dev-cadre', 'saveSelf', {
    entries: [{ kind: 'item', id: 'affairs_timely', score: 8, reason: '1 月公开栏损坏，纸质公开晚了' }],
  });
  expect(entry(v, 'affairs_timely')).toMatchObject({
    self: { score: 8, reason: expect.stringContaining('公开栏') },
    auto: { points: 10 },
  });
});

describe('a correction of what the rules give needs a real reason (at least 5 characters)', () => {
  test('a town tier override with a one-character or blank reason is refused, nothing written', async () => {
    const { as, data, store } = await setup();
    // 北坡村's sheet is complete: the town could set it another tier, with a reason.
    const refused = refusedOf({ store } as World, (who, action, input) => as(who!)(action, input));
    const before = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-beipo' });
    const other = before.tiers.find((t) => t.key !== before.computedTier.key)!;
    for (const reason of ['好', '  好  ', '很好啊 ']) {
      const message = await refused(
        'dev-town',
        'confirm',
        { villageId: 'v-beipo', tier: other.key, reason },
        'BAD_INPUT',
      );
      expect(message).toContain('理由至少 5 个字');
    }
    // No reason at all for a different tier: refused by the handler, nothing written.
    await refused('dev-town', 'confirm', { villageId: 'v-beipo', tier: other.key }, 'TIER_REASON_REQUIRED');
  });

  test('a self score that differs from the data with a one-character reason is refused', async () => {
    const { as, store } = await setup();
    const refused = refusedOf({ store } as World, (who, action, input) => as(who!)(action, input));
    const message = await refused(
      'dev-cadre',
      'saveSelf',
      { entries: [{ kind: 'item', id: 'affairs_timely', score: 8, reason: '坏' }] },
      'BAD_INPUT',
    );
    expect(message).toContain('理由至少 5 个字');
  });
});

test('a repeated confirmation answers as the first did and writes nothing; a different one is refused', async () => {
  const { as, data, store, clock } = await setup();
  const refused = refusedOf({ store } as World, (who, action, input) => as(who!)(action, input));
  const input = { villageId: 'v-beipo', comment: '同意定级' };
  const first = await data<SheetView>('dev-town', 'confirm', input);
  expect(first.state).toBe('confirmed');
  const audit = () =>
    data<{ records: { action: string }[] }>('dev-town', 'history', { villageId: 'v-beipo' });
  const confirmations = async () => (await audit()).records.filter((r) => r.action === '确认定级').length;
  expect(await confirmations()).toBe(1);

  // The same call again (a retry after a lost answer), a minute later: the same answer, no write.
  clock.set('2026-11-23T02:01:00.000Z');
  const before = await snapshot(store);
  store.resetWrites();
  const again = await as('dev-town')('confirm', input);
  expect(again).toMatchObject({ ok: true });
  if (!again.ok) throw new Error('the retry was refused');
  expect(store.writes()).toBe(0);
  expect(await snapshot(store)).toEqual(before);
  expect((again.data as SheetView).confirmed).toEqual(first.confirmed);
  expect(await confirmations()).toBe(1);

  // A confirmation of another outcome is no retry: the sheet is locked, nothing written.
  await refused('dev-town', 'confirm', { ...input, comment: '改一下意见' }, 'SHEET_LOCKED');
  const other = first.tiers.find((t) => t.key !== first.confirmed!.key)!;
  await refused(
    'dev-town',
    'confirm',
    { ...input, tier: other.key, reason: '再次定级的理由' },
    'SHEET_LOCKED',
  );
});

test('after the deadline the village can no longer fill or submit', async () => {
  const { as, clock } = await setup();
  clock.set('2026-12-01T02:00:00.000Z'); // the demo's deadline is 2026-11-30
  expect(
    await as('dev-cadre')('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 6 }] }),
  ).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
});

test("the exported score sheet opens and its totals equal the screen's", async () => {
  const { data } = await setup();
  for (const villageId of ['v-taoyuan', 'v-beipo', 'v-dongling']) {
    const screen = await data<SheetView>('dev-town', 'sheet', { villageId });
    const file = await data<ExportFile>('dev-town', 'export', { kind: 'sheet', villageId });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评分表')!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(2).value === label) found = row;
      });
      return found!;
    };
    const total = rowOf('总分');
    expect(total.getCell(6).value).toBe(screen.selfTotals.total);
    expect(total.getCell(7).value ?? null).toBe(screen.reviewTotals?.total ?? null);
    expect(rowOf('基础分合计').getCell(6).value).toBe(screen.selfTotals.base);
    expect(rowOf('定级').getCell(7).value).toBe((screen.confirmed ?? screen.computedTier).label);
    expect(file.totals).toMatchObject({
      total: screen.totals.total,
      tier: (screen.confirmed ?? screen.computedTier).label,
    });
    // Every item is a row with its score.
    const items = screen.entries.filter((e) => e.kind === 'item');
    let itemRows = 0;
    ws.eachRow((row) => {
      if (items.some((i) => i.title === row.getCell(3).value)) itemRows++;
    });
    expect(itemRows).toBe(items.length);
  }
  const app = await data<ExportFile>('dev-town', 'export', { kind: 'application', villageId: 'v-taoyuan' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(app.base64, 'base64') as unknown as ArrayBuffer);
  expect(wb.getWorksheet('申请表')!.getCell('B2').value).toBe('桃园村');
}, 20_000);

test('the ledger: late and missing months show on the dashboard and in the monthly export', async () => {
  const { as, data, store } = await setup();
  const d = await data<Dashboard>('dev-town', 'dashboard');
  expect(d.ledger).toMatchObject({ late: 1, missing: 1 });
  expect(d.villages.find((v) => v.villageId === 'v-xihe')!.ledgerLate).toBe(1);
  expect(d.villages.find((v) => v.villageId === 'v-beipo')!.ledgerMissing).toBe(1);

  const aug = await data<{ rows: { villageId: string; unitId: string; state: string }[]; dueOn: string }>(
    'dev-town',
    'ledger',
    { month: '2026-08', unitId: 'jiwei' },
  );
  expect(aug.dueOn).toBe('2026-09-02');
  expect(aug.rows.find((r) => r.villageId === 'v-xihe')!.state).toBe('late');

  // Filing the missing one now: it is late, and the dashboard follows.
  const row = await data<{ state: string }>('dev-town', 'saveLedger', {
    unitId: 'jingguan',
    villageId: 'v-beipo',
    month: '2026-10',
    findings: [{ finding: '资金审批单仍未补齐', status: 'rectifying' }],
  });
  expect(row.state).toBe('late');
  expect((await data<Dashboard>('dev-town', 'dashboard')).ledger).toMatchObject({ late: 2, missing: 0 });
  expect(
    await as('dev-cadre')('saveLedger', {
      unitId: 'jiwei',
      villageId: 'v-dongling',
      month: '2026-10',
      findings: [],
    }),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });

  const file = await data<ExportFile>('dev-town', 'export', { kind: 'ledger', month: '2026-08' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('日常监管台账')!;
  const states: string[] = [];
  ws.eachRow((r, i) => {
    if (i > 3) states.push(String(r.getCell(9).value));
  });
  expect(states.filter((s) => s === '逾期报送')).toHaveLength(1);
  expect(states).toHaveLength(18);

  // The summaries are recountable from the sheets and ledgers.
  const before = await summariesOf(store).find({ townId: 'town-qinghe', year: 2026 }, { sort: { _id: 1 } });
  await summariesOf(store).update('v-xihe.2026', { set: { ledger: {} } });
  await summariesOf(store).update('v-taoyuan.2026', { set: { total: 1, tierKey: 'developing' } });
  await data('dev-town', 'recount', {});
  const after = await summariesOf(store).find({ townId: 'town-qinghe', year: 2026 }, { sort: { _id: 1 } });
  const strip = (s: { updatedAt: string }[]) => s.map(({ updatedAt, ...rest }) => (void updatedAt, rest));
  expect(strip(after)).toEqual(strip(before));
});

describe('the year’s standard and tier scheme, edited by the town', () => {
  const std2027 = () => ({ ...wuqingStandard(2027), title: '2027 年度村级“清廉村居”建设指数标准' });

  test('a new year gets version 1, edits make new versions, an unchanged save makes none', async () => {
    const { as, data, store } = await setup();
    expect(await as('dev-cadre')('saveStandard', std2027())).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
    const v1 = await data<Standard>('dev-town', 'saveStandard', std2027());
    expect(v1).toMatchObject({ year: 2027, version: 1, schedule: { selfAssessBy: '2027-06-25' } });
    // A retried or unchanged save publishes nothing.
    expect(await data<Standard>('dev-town', 'saveStandard', std2027())).toMatchObject({ version: 1 });
    const edited = std2027();
    at(at(edited.sections, 0).items, 0).maxPoints = 8;
    at(at(edited.sections, 0).items, 2).maxPoints = 4;
    const v2 = await data<Standard>('dev-town', 'saveStandard', edited);
    expect(v2.version).toBe(2);
    const overview = await data<StandardOverview>('dev-town', 'standard', { year: 2027 });
    expect(overview).toMatchObject({
      standard: { version: 2 },
      submittedSheets: 0,
      years: [2027, 2026, 2025],
    });
    expect(at(at(must(overview.standard, 'the standard').sections, 0).items, 0).maxPoints).toBe(8);
    // Both versions are kept.
    expect(await standardsOf(store).count({ townId: 'town-qinghe', year: 2027 })).toBe(2);
  });

  test('a standard used by submitted sheets is refused with the reason, and nothing changes', async () => {
    const { as, data, store } = await setup();
    const before = await data<StandardOverview>('dev-town', 'standard', { year: 2026 });
    expect(before.submittedSheets).toBe(4);
    const changed = wuqingStandard(2026, DEMO_SCHEDULE);
    at(at(changed.sections, 0).items, 0).maxPoints = 10;
    const r = await as('dev-town')('saveStandard', changed);
    expect(r).toMatchObject({
      ok: false,
      code: 'STANDARD_IN_USE',
      message: expect.stringContaining('2026 年度已有 4 个村提交了自评'),
    });
    expect(await standardsOf(store).count({ townId: 'town-qinghe', year: 2026 })).toBe(1);
    const sheet = await data<SheetView>('dev-town', 'sheet', { villageId: 'v-nanwan' });
    expect(sheet.entries.find((e) => e.id === 'team_decide')!.maxPoints).toBe(6);
  });

  test('validation: clear messages, nothing written', async () => {
    const { as, store } = await setup();
    const dup = std2027();
    at(at(dup.sections, 1).items, 0).id = at(at(dup.sections, 0).items, 0).id;
    expect(await as('dev-town')('saveStandard', dup)).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: expect.stringContaining('评分项编号重复：team_decide'),
      issues: [expect.objectContaining({ path: 'sections.1.items.0.id' })],
    });
    const tooSmall = std2027();
    tooSmall.sections = tooSmall.sections.slice(0, 2);
    tooSmall.bonus.cap = 3;
    expect(await as('dev-town')('saveStandard', tooSmall)).toMatchObject({
      ok: false,
      code: 'STANDARD_UNREACHABLE',
      message: expect.stringContaining(
        '满分只有 43 分（基础分 40 分 + 加分上限 3 分），达不到「示范村」的分数线 90 分',
      ),
    });
    expect(await as('dev-town')('saveStandard', { ...std2027(), schemeId: 'nope' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('请先设置定级办法'),
    });
    expect(await standardsOf(store).count({ townId: 'town-qinghe', year: 2027 })).toBe(0);
  });

  test('a scheme used by submitted sheets keeps its tiers; targets may change; a new scheme is free', async () => {
    const { as, data } = await setup();
    const overview = await data<StandardOverview>('dev-town', 'standard', {});
    expect(overview.schemes.find((s) => s.id === 'baogou')!.lockedYears).toEqual([2025, 2026]);
    const lowered = {
      ...BAOGOU_SCHEME,
      tiers: BAOGOU_SCHEME.tiers.map((t) => (t.key === 'exemplary' ? { ...t, minScore: 85 } : t)),
    };
    expect(await as('dev-town')('saveScheme', lowered)).toMatchObject({
      ok: false,
      code: 'STANDARD_IN_USE',
      message: expect.stringContaining('已用于 2025、2026 年度已提交的评分表'),
    });
    const d = await data<Dashboard>('dev-town', 'dashboard');
    expect(d.villages.find((v) => v.villageId === 'v-taoyuan')!.tier!.label).toBe('示范村');

    const targets = {
      ...BAOGOU_SCHEME,
      targets: { ...BAOGOU_SCHEME.targets, '2027': { counts: { exemplary: 2 }, keepPrevious: true } },
    };
    const saved = await data<TierScheme>('dev-town', 'saveScheme', targets);
    expect(saved.targets['2027']).toMatchObject({ counts: { exemplary: 2 } });

    const fresh = await data<TierScheme>('dev-town', 'saveScheme', {
      ...lowered,
      id: 'baogou2027',
      name: '四档定级（2027 年起）',
    });
    expect(at(fresh.tiers, 0).minScore).toBe(85);
    expect(
      await as('dev-town')('saveScheme', { ...lowered, id: 'bad', vetoTier: 'exemplary' }),
    ).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: expect.stringContaining('否决项对应的档次不能认定为清廉村居'),
    });
    // A new year's standard on the new scheme.
    expect(
      await data<Standard>('dev-town', 'saveStandard', { ...std2027(), schemeId: 'baogou2027' }),
    ).toMatchObject({
      version: 1,
      schemeId: 'baogou2027',
    });
  });
});

test('a sheet returned by the town can be corrected and resubmitted after the deadline', async () => {
  const { as, data, clock } = await setup();
  clock.set('2026-12-02T02:00:00.000Z'); // past the demo's deadline (11-30)
  expect(await as('dev-town')('reopen', { villageId: 'v-nanwan', reason: '' })).toMatchObject({
    ok: false,
    code: 'BAD_INPUT',
    message: expect.stringContaining('退回理由'),
  });
  const back = await data<SheetView>('dev-town', 'reopen', {
    villageId: 'v-nanwan',
    reason: '请补充档案照片',
  });
  expect(back).toMatchObject({ state: 'draft', reopenReason: '请补充档案照片' });
  const village = await data<SheetView>('seed-cadre-v-nanwan', 'sheet');
  expect(village.can).toMatchObject({ edit: true, submit: true });
  await data('seed-cadre-v-nanwan', 'saveSelf', {
    entries: [{ kind: 'item', id: 'affairs_archive', score: 9, note: '已补充档案照片' }],
  });
  expect(await data<SheetView>('seed-cadre-v-nanwan', 'submit')).toMatchObject({ state: 'submitted' });
  // A sheet nobody returned stays closed after the deadline.
  expect(
    await as('dev-cadre')('saveSelf', { entries: [{ kind: 'item', id: 'culture_activity', score: 6 }] }),
  ).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
});

describe('示范点推荐 on the dashboard', () => {
  test('from the survey results: the reasons match latestSurveyResults', async () => {
    const { store, data } = await setup();
    const d = await data<Demonstration>('dev-town', 'demonstration', {});
    const row = (id: string) => d.villages.find((v) => v.villageId === id)!;
    expect(row('v-beipo')).toMatchObject({
      eligible: false,
      reasons: expect.arrayContaining([expect.stringContaining('存在否决项')]),
    });
    expect(row('v-dongling')).toMatchObject({ eligible: false, reasons: ['尚未提交自评'] });
    const nanwan = (await latestSurveyResults(store, ['v-nanwan'])).get('v-nanwan')!;
    const gaps = nanwan.indicators.filter((i) => i.status !== 'met' || (i.approvalRate ?? 0) < 0.9);
    expect(gaps.length).toBeGreaterThan(0);
    expect(row('v-nanwan').reasons).toHaveLength(gaps.length);
    for (const g of gaps) expect(row('v-nanwan').reasons.join('；')).toContain(g.name);
    expect(row('v-taoyuan').reasons).toEqual(['暂无满意度测评结果，无法认定“五好”']);
    expect(d.eligible).toBe(0);
  });

  test('villages meeting the 五好 rank by score; a veto rules out the highest score', async () => {
    const five = (rate: number) => ({
      roundId: 'r',
      villageId: '',
      periodKey: '2026-Q4',
      closedAt: '2026-11-20T02:00:00.000Z',
      indicators: FIVE_GOOD_INDICATORS.map((i) => ({
        indicatorId: i.id,
        name: i.name,
        approvalRate: rate,
        answers: 40,
        status: rate >= 0.9 ? ('met' as const) : ('notMet' as const),
      })),
    });
    const { data } = await setup({
      ...productSources,
      surveys: async (_store, ids) => new Map(ids.map((id) => [id, five(id === 'v-nanwan' ? 0.85 : 0.93)])),
    });
    // The list's keys are kept on write: the recount reads these survey results from their source.
    await data('dev-town', 'recount', {});
    const d = await data<Demonstration>('dev-town', 'demonstration', {});
    const dash = await data<Dashboard>('dev-town', 'dashboard');
    const score = (id: string) => dash.villages.find((v) => v.villageId === id)!.score;
    // 桃园村 and 柳庄村 meet the 五好; 北坡村 (vetoed) and 南湾村 (85%) do not; 东岭村 and 西河村 did not submit.
    expect(d.villages.filter((v) => v.eligible).map((v) => [v.villageName, v.rank, v.score])).toEqual([
      ['桃园村', 1, score('v-taoyuan')],
      ['柳庄村', 2, score('v-liuzhuang')],
    ]);
    expect(score('v-beipo')).toBeGreaterThan(score('v-liuzhuang')!);
    expect(d.villages.find((v) => v.villageId === 'v-nanwan')!.reasons.join('；')).toContain(
      '85.0%，未达 90%',
    );
    expect(await (await setup()).as('dev-cadre')('demonstration', {})).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
  });
});

test('the three workbooks are laid out for reporting upward: title, header, widths, borders, A4 fit to width', async () => {
  const { data } = await setup();
  const open = async (file: ExportFile, name: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    return wb.getWorksheet(name)!;
  };
  const sheets = [
    {
      ws: await open(
        await data<ExportFile>('dev-town', 'export', { kind: 'sheet', villageId: 'v-taoyuan' }),
        '评分表',
      ),
      cols: 8,
      header: ['序号', '类别', '评分项目', '分值', '系统计分', '自评得分', '审核得分', '评分依据 / 审核意见'],
      title: '桃园村2026年度村级“清廉村居”建设指数标准评分表',
      orientation: 'portrait',
    },
    {
      ws: await open(
        await data<ExportFile>('dev-town', 'export', { kind: 'application', villageId: 'v-taoyuan' }),
        '申请表',
      ),
      cols: 4,
      header: null,
      title: '“清廉村居”建设申请表',
      orientation: 'portrait',
    },
    {
      ws: await open(
        await data<ExportFile>('dev-town', 'export', { kind: 'ledger', month: '2026-08' }),
        '日常监管台账',
      ),
      cols: 9,
      header: [
        '序号',
        '责任单位',
        '村（居）',
        '检查发现问题',
        '整改措施',
        '整改时限',
        '整改状态',
        '报送时间',
        '是否按时',
      ],
      title: '清河镇“清廉村居”建设日常监管台账（2026年8月）',
      orientation: 'landscape',
    },
  ];
  for (const { ws, cols, header, title, orientation } of sheets) {
    const last = String.fromCharCode(64 + cols);
    // The title spans the table, large and bold.
    expect(ws.getCell('A1').value).toBe(title);
    expect(ws.model.merges).toContain(`A1:${last}1`);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    // Every column has a width.
    for (let c = 1; c <= cols; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(6);
    // A header row in bold, repeated on every printed page.
    if (header) {
      expect(ws.getRow(3).values).toEqual([undefined, ...header]);
      expect(ws.getCell(3, 2).font).toMatchObject({ bold: true });
      expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    }
    // The table is boxed.
    expect(ws.getCell(4, cols).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    // A4, fitted to one page wide.
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
  }
});
