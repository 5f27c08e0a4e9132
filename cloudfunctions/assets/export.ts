import type { z } from 'zod';
import {
  ITEM_CATEGORY_LABELS,
  ITEM_STATUS_LABELS,
  REGISTER_KIND_LABELS,
  formatMu,
  assetsInputs as I,
  type AssetsOutputs,
} from '../common/contracts/assets';
import type { Ctx } from '../common/router';
import { register } from './register';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The columns of the exported register, the same a pasted register is read by. */
export const REGISTER_COLUMNS = [
  '编号',
  '名称',
  '类别',
  '三资分类',
  '位置',
  '取得日期',
  '原值或余额（元）',
  '面积（亩）',
  '状态',
];

/**
 * The register (today or at a past date) as an Excel workbook. The spreadsheet library is loaded
 * only when a register is exported, so other actions start without it.
 */
export async function exportRegister(
  input: z.output<typeof I.exportRegister>,
  ctx: Ctx,
): Promise<AssetsOutputs['exportRegister']> {
  const r = await register(input, ctx);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('三资登记簿');
  const [y, m, d] = r.asOf.split('-').map(Number);
  ws.addRow([`${r.villageName}集体三资登记簿（截至${y}年${m}月${d}日）`]);
  ws.mergeCells(1, 1, 1, REGISTER_COLUMNS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(REGISTER_COLUMNS).font = { bold: true };
  for (const i of r.items) {
    const [ay, am, ad] = i.acquiredOn.split('-');
    ws.addRow([
      i.code,
      i.name,
      ITEM_CATEGORY_LABELS[i.category],
      REGISTER_KIND_LABELS[i.kind],
      i.location,
      `${ay}-${am}-${ad}`,
      i.kind === 'resources' ? '' : (i.valueFen / 100).toFixed(2),
      i.areaHundredths === null ? '' : formatMu(i.areaHundredths),
      ITEM_STATUS_LABELS[i.status],
    ]);
  }
  ws.columns.forEach((c, k) => {
    c.width = [10, 24, 12, 10, 24, 14, 18, 12, 10][k] ?? 12;
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `${r.villageName}三资登记簿${y}年${m}月${d}日.xlsx`,
    mime: XLSX,
    base64: buffer.toString('base64'),
    totals: null,
  };
}
