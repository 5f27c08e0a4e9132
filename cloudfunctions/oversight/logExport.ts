import ExcelJS from 'exceljs';
import {
  FIX_STATUS_LABELS,
  LOG_KIND_LABELS,
  type ExportedFile,
  type OversightOutputs,
} from '../common/contracts/oversight';
import { formatChinaDateTime } from '../common/clock';

/**
 * One month of the 村监委's 台账 as a workbook: the log (例会, 列席, 检查, 发现问题) and the 整改
 * list. Loaded only when someone exports (the library is large); pages receive base64.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

const dateText = (key: string) => {
  const [y, m, d] = key.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const monthText = (key: string) => `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;

function table(
  ws: ExcelJS.Worksheet,
  title: string,
  header: string[],
  rows: (string | number)[][],
  widths: number[],
) {
  ws.mergeCells(1, 1, 1, header.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let r = 2; r <= rows.length + 2; r++) {
    for (let c = 1; c <= header.length; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true };
    }
  }
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.pageSetup.printTitlesRow = '2:2';
}

export async function logWorkbook(m: OversightOutputs['logMonth']): Promise<ExportedFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '清廉村居';
  const heading = `${m.villageName}村务监督委员会工作台账（${monthText(m.month)}）`;
  table(
    wb.addWorksheet('工作日志'),
    heading,
    ['序号', '日期', '类型', '事项', '内容', '参加人员', '记录人', '记录时间'],
    m.entries.map((e, i) => [
      i + 1,
      dateText(e.date),
      LOG_KIND_LABELS[e.kind],
      e.title,
      e.text,
      e.attendees.join('、'),
      e.by,
      formatChinaDateTime(e.at),
    ]),
    [6, 16, 14, 24, 48, 20, 10, 20],
  );
  table(
    wb.addWorksheet('整改清单'),
    `${m.villageName}问题整改清单（截至${monthText(m.month)}）`,
    ['序号', '发现方', '发现日期', '问题', '整改要求', '责任人', '整改期限', '状态', '整改情况'],
    m.fixes.map((f, i) => [
      i + 1,
      f.foundBy,
      dateText(f.foundOn),
      f.finding,
      f.what,
      f.owner,
      f.dueOn ? dateText(f.dueOn) : '',
      FIX_STATUS_LABELS[f.status] + (f.overdue ? '（已逾期）' : ''),
      f.history.map((h) => `${formatChinaDateTime(h.at)} ${h.by}：${h.note}`).join('\n'),
    ]),
    [6, 12, 16, 36, 30, 10, 16, 16, 40],
  );
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `${m.villageName}村监委台账-${monthText(m.month)}.xlsx`,
    mime: XLSX,
    base64: buffer.toString('base64'),
  };
}
