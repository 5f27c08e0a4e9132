// Types only at load time: the library itself is loaded by the export, the only code that needs it.
import type ExcelJS from 'exceljs';
import {
  FINDING_STATUS_LABELS,
  type ExportFile,
  type LedgerView,
  type SheetView,
} from '../common/contracts/assessment';
import { formatChinaDateTime } from '../common/clock';
import { a4, boxed, FONT, footer, headerRow, plain, subtitle, title } from './exportLayout';

/** '2026-09-02' -> '2026年9月2日' */
const dateWords = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Workbooks laid out like the paper forms that go up to the town and the city: the score sheet
 * (评分表), the application form (申请表) and the monthly supervision ledger (日常监管台账).
 * Made in the cloud function only; the mini-program receives the file as base64.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Input =
  | { kind: 'sheet' | 'application'; townName: string; view: SheetView }
  | { kind: 'ledger'; townName: string; view: LedgerView };

function scoreSheet(wb: ExcelJS.Workbook, townName: string, v: SheetView) {
  const ws = wb.addWorksheet('评分表', { pageSetup: a4('portrait') });
  const cols = 8;
  ws.columns = [
    { width: 6 },
    { width: 12 },
    { width: 28 },
    { width: 7 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 30 },
  ];
  title(ws, `${v.village.name}${v.year}年度村级“清廉村居”建设指数标准评分表`, cols);
  subtitle(
    ws,
    2,
    `所属镇：${townName}    标准：${v.standard.title}（第 ${v.standard.version} 版）    状态：${v.confirmed ? '已定级' : v.state === 'draft' ? '自评中' : '已提交'}`,
    cols,
  );
  headerRow(ws, 3, [
    '序号',
    '类别',
    '评分项目',
    '分值',
    '系统计分',
    '自评得分',
    '审核得分',
    '评分依据 / 审核意见',
  ]);
  let r = 4;
  let n = 0;
  for (const sec of v.sections) {
    const items = v.entries.filter((e) => e.kind === 'item' && e.sectionId === sec.id);
    const start = r;
    for (const e of items) {
      const basis = [
        e.auto ? `系统计分依据：${e.auto.basis}` : '',
        e.override
          ? `人工调整：自评 ${e.override.selfScore} 分，系统计分 ${e.override.autoPoints} 分；理由：${e.override.reason}`
          : '',
        e.self.note,
        !e.override && e.self.reason ? `理由：${e.self.reason}` : '',
        e.review?.comment ? `审核：${e.review.comment}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      ws.getRow(r).values = [
        ++n,
        sec.title,
        e.title,
        e.maxPoints,
        e.auto ? e.auto.points : '—',
        e.self.score ?? e.auto?.points ?? null,
        e.review?.score ?? null,
        basis,
      ];
      // An overridden item stands out: the two figures differ and the reason is beside them.
      if (e.override) {
        for (const c of [5, 6])
          ws.getCell(r, c).font = { name: FONT, size: 11, bold: true, color: { argb: 'FFC00000' } };
      }
      r++;
    }
    if (items.length > 1) ws.mergeCells(start, 2, r - 1, 2);
    const s = v.totals.sections.find((x) => x.id === sec.id);
    ws.getRow(r).values = [
      '',
      `${sec.title}小计`,
      '',
      s?.maxPoints ?? 0,
      '',
      v.selfTotals.sections.find((x) => x.id === sec.id)?.points ?? 0,
      v.reviewTotals?.sections.find((x) => x.id === sec.id)?.points ?? null,
      '',
    ];
    ws.mergeCells(r, 2, r, 3);
    ws.getRow(r).font = { name: FONT, bold: true };
    r++;
  }
  const bonus = v.entries.filter((e) => e.kind === 'bonus');
  for (const e of bonus) {
    ws.getRow(r).values = [
      ++n,
      `加分项（上限 ${v.standard.bonusCap} 分）`,
      e.title,
      e.maxPoints,
      '—',
      e.self.score ?? null,
      e.review?.score ?? null,
      [e.self.note, e.review?.comment].filter(Boolean).join('\n'),
    ];
    r++;
  }
  const vetoes = v.entries.filter((e) => e.kind === 'veto');
  for (const e of vetoes) {
    ws.getRow(r).values = [
      ++n,
      '否决项',
      e.title,
      '—',
      '—',
      e.self.applies ? '存在' : '不存在',
      e.review?.applies === null || e.review?.applies === undefined
        ? null
        : e.review.applies
          ? '存在'
          : '不存在',
      [e.self.note, e.review?.comment].filter(Boolean).join('\n'),
    ];
    r++;
  }
  const totalsRow = (
    label: string,
    max: number | string,
    self: number | string,
    rev: number | string | null,
    note = '',
  ) => {
    ws.getRow(r).values = ['', label, '', max, '', self, rev, note];
    ws.mergeCells(r, 2, r, 3);
    ws.getRow(r).font = { name: FONT, bold: true };
    r++;
  };
  totalsRow('基础分合计', v.standard.maxBase, v.selfTotals.base, v.reviewTotals?.base ?? null);
  totalsRow(
    '加分（计入）',
    v.standard.bonusCap,
    v.selfTotals.bonus,
    v.reviewTotals?.bonus ?? null,
    `申报加分 ${v.totals.bonusClaimed} 分，最多计 ${v.standard.bonusCap} 分`,
  );
  totalsRow(
    '总分',
    v.standard.maxBase + v.standard.bonusCap,
    v.selfTotals.total,
    v.reviewTotals?.total ?? null,
  );
  const tier = v.confirmed ?? v.computedTier;
  totalsRow('定级', '', v.confirmed ? '已定级' : '按评分', tier.label, tier.why);
  boxed(ws, 3, r - 1, cols);
  for (let i = 3; i < r; i++) {
    for (const c of [1, 4, 5, 6, 7])
      ws.getCell(i, c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  r++;
  ws.mergeCells(r, 1, r, 3);
  ws.getCell(r, 1).value = '村“两委”（盖章）：';
  ws.mergeCells(r, 5, r, 8);
  ws.getCell(r, 5).value = '镇纪委初审意见（盖章）：';
  plain(ws, r, cols);
  r++;
  plain(ws, r, cols);
  ws.mergeCells(r, 1, r, 3);
  ws.getCell(r, 1).value =
    `自评提交：${v.submittedAt ? formatChinaDateTime(v.submittedAt) : '未提交'}${v.submittedByName ? `（${v.submittedByName}）` : ''}`;
  ws.mergeCells(r, 5, r, 8);
  ws.getCell(r, 5).value = v.confirmed
    ? `定级：${formatChinaDateTime(v.confirmed.at)}（${v.confirmed.byName}）`
    : '定级：';
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  footer(ws);
}

function application(wb: ExcelJS.Workbook, townName: string, v: SheetView) {
  const ws = wb.addWorksheet('申请表', { pageSetup: a4('portrait') });
  ws.columns = [{ width: 18 }, { width: 24 }, { width: 18 }, { width: 24 }];
  title(ws, '“清廉村居”建设申请表', 4);
  const tier = v.confirmed ?? v.computedTier;
  const rows: [string, string | number, string, string | number][] = [
    ['村（居）名称', v.village.name, '所属镇（街道）', townName],
    ['申报年度', `${v.year} 年`, '自评得分', v.selfTotals.total],
    ['审核得分', v.reviewTotals ? v.reviewTotals.total : '待审核', '申报 / 初审等次', tier.label],
    ['基础分', v.totals.base, '加分（计入）', v.totals.bonus],
  ];
  let r = 2;
  for (const row of rows) {
    ws.getRow(r).values = row;
    ws.getRow(r).height = 26;
    r++;
  }
  const wide = (label: string, text: string, height = 60) => {
    ws.getCell(r, 1).value = label;
    ws.mergeCells(r, 2, r, 4);
    ws.getCell(r, 2).value = text;
    ws.getRow(r).height = height;
    r++;
  };
  wide('否决项情况', v.totals.vetoes.length ? `存在：${v.totals.vetoes.join('、')}` : '无', 30);
  const bonus = v.entries.filter((e) => e.kind === 'bonus' && (e.effective.score ?? 0) > 0);
  wide(
    '加分依据',
    bonus.length
      ? bonus
          .map((b) => `${b.title}：${b.effective.score} 分${b.self.note ? `（${b.self.note}）` : ''}`)
          .join('\n')
      : '无',
  );
  wide(
    '各部分得分',
    v.totals.sections.map((s) => `${s.title} ${s.points} / ${s.maxPoints} 分`).join('\n'),
    90,
  );
  wide(
    '村“两委”意见',
    `同意申报。\n\n（盖章）        ${v.submittedAt ? formatChinaDateTime(v.submittedAt).split(' ')[0] : '年  月  日'}`,
  );
  wide(
    '镇纪委初审意见',
    v.confirmed
      ? `初审定级为${v.confirmed.label}。${v.confirmed.comment}\n\n（盖章）        ${formatChinaDateTime(v.confirmed.at).split(' ')[0]}`
      : '\n\n（盖章）        年  月  日',
  );
  boxed(ws, 2, r - 1, 4);
  // Labels: bold on grey, centred; the table of a paper form.
  for (let i = 2; i < r; i++) {
    for (const c of i < 2 + rows.length ? [1, 3] : [1]) {
      const cell = ws.getCell(i, c);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    for (const c of i < 2 + rows.length ? [2, 4] : [])
      ws.getCell(i, c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  footer(ws);
}

function ledger(wb: ExcelJS.Workbook, townName: string, v: LedgerView) {
  const ws = wb.addWorksheet('日常监管台账', { pageSetup: a4('landscape') });
  const cols = 9;
  ws.columns = [
    { width: 6 },
    { width: 14 },
    { width: 12 },
    { width: 30 },
    { width: 30 },
    { width: 12 },
    { width: 10 },
    { width: 18 },
    { width: 10 },
  ];
  const [y, m] = v.month.split('-');
  title(ws, `${townName}“清廉村居”建设日常监管台账（${y}年${Number(m)}月）`, cols);
  subtitle(ws, 2, `报送截止：${dateWords(v.dueOn)}（每月 2 日前报送上月台账）`, cols);
  headerRow(ws, 3, [
    '序号',
    '责任单位',
    '村（居）',
    '检查发现问题',
    '整改措施',
    '整改时限',
    '整改状态',
    '报送时间',
    '是否按时',
  ]);
  let r = 4;
  let n = 0;
  const stateText = { onTime: '按时', late: '逾期报送', missing: '未报送', notDue: '未到期' } as const;
  for (const row of v.rows) {
    const findings = row.findings.length ? row.findings : [null];
    for (const f of findings) {
      ws.getRow(r).values = [
        ++n,
        row.unitName,
        row.villageName,
        f
          ? f.finding
          : row.state === 'missing' || row.state === 'notDue'
            ? ''
            : `未发现问题${row.note ? `（${row.note}）` : ''}`,
        f?.rectification ?? '',
        f?.deadline ? dateWords(f.deadline) : '',
        f ? FINDING_STATUS_LABELS[f.status] : '',
        row.submittedAt ? formatChinaDateTime(row.submittedAt) : '',
        stateText[row.state],
      ];
      r++;
    }
  }
  boxed(ws, 3, r - 1, cols);
  for (let i = 4; i < r; i++) {
    for (const c of [1, 6, 7, 9])
      ws.getCell(i, c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  footer(ws);
}

export async function workbookFor(input: Input): Promise<ExportFile> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '清廉村居';
  wb.created = new Date(0);
  let fileName: string;
  let totals: ExportFile['totals'] = null;
  if (input.kind === 'ledger') {
    ledger(wb, input.townName, input.view);
    fileName = `日常监管台账-${input.view.month}.xlsx`;
  } else {
    const v = input.view;
    if (input.kind === 'sheet') scoreSheet(wb, input.townName, v);
    else application(wb, input.townName, v);
    fileName = `${v.village.name}-${v.year}年度-${input.kind === 'sheet' ? '评分表' : '申请表'}.xlsx`;
    totals = {
      base: v.totals.base,
      bonus: v.totals.bonus,
      total: v.totals.total,
      tier: (v.confirmed ?? v.computedTier).label,
    };
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, mime: XLSX, base64: buffer.toString('base64'), totals };
}
