import type ExcelJS from 'exceljs';

/** The paper forms' layout: the form font, borders, titles, header rows, A4 pages, footers. */

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
export const FONT = 'SimSun';

export function boxed(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, cols: number) {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true, ...(cell.alignment ?? {}) };
      cell.font = { name: FONT, size: 11, ...(cell.font ?? {}) };
    }
  }
}

export function title(ws: ExcelJS.Worksheet, text: string, cols: number) {
  ws.mergeCells(1, 1, 1, cols);
  const c = ws.getCell(1, 1);
  c.value = text;
  c.font = { name: FONT, size: 16, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 36;
}

/** The line under the title (town, standard, due date), merged across the table. */
export function subtitle(ws: ExcelJS.Worksheet, row: number, text: string, cols: number) {
  ws.mergeCells(row, 1, row, cols);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: FONT, size: 11 };
  c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(row).height = 22;
}

/** A table's header row: bold on grey, centred, repeated on every printed page. */
export function headerRow(ws: ExcelJS.Worksheet, row: number, labels: string[]) {
  const r = ws.getRow(row);
  r.values = labels;
  r.height = 28;
  labels.forEach((_, i) => {
    const c = r.getCell(i + 1);
    c.font = { name: FONT, size: 11, bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.pageSetup.printTitlesRow = `${row}:${row}`;
}

/** A4, fitted to the page width, centred, page numbers in the footer. */
export function a4(orientation: 'portrait' | 'landscape'): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export function footer(ws: ExcelJS.Worksheet) {
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

/** Plain lines under a table (signatures, dates): the form's font, no borders. */
export function plain(ws: ExcelJS.Worksheet, row: number, cols: number) {
  for (let c = 1; c <= cols; c++) {
    const cell = ws.getCell(row, c);
    cell.font = { name: FONT, size: 11 };
    cell.alignment = { vertical: 'middle', wrapText: true };
  }
  ws.getRow(row).height = 30;
}
