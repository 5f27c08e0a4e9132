/** Reading pasted text into lines of cells: Excel's tab-separated records, or loose columns. */

/** Full-width digits, letters and marks as half-width; spaces removed (for words and numbers). */
export const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export interface Cell {
  text: string;
  start: number;
  end: number;
  /** A comma (not spaces) separated this cell from the one before. */
  afterComma: boolean;
}

export interface Line {
  line: number;
  raw: string;
  cells: Cell[];
}

/**
 * Tab-separated records the way Excel writes them: a cell that starts with a quote runs to the
 * closing quote (across line breaks, "" standing for one quote). A quote that never closes is
 * read as text.
 */
function tabRecords(text: string): Line[] {
  const out: Line[] = [];
  let lineNo = 1;
  let recordLine = 1;
  let cells: Cell[] = [];
  let cell = '';
  let start = 0;
  let atStart = true;
  let i = 0;
  const endCell = () => {
    cells.push({ text: cell, start, end: i, afterComma: false });
    cell = '';
    atStart = true;
    start = i + 1;
  };
  while (i < text.length) {
    const c = text[i];
    if (atStart && c === '"') {
      const close = closingQuote(text, i + 1);
      if (close >= 0) {
        const body = text.slice(i + 1, close);
        cell += body.replace(/""/g, '"');
        lineNo += (body.match(/\n/g) ?? []).length;
        i = close + 1;
        atStart = false;
        continue;
      }
    }
    if (c === '\t') {
      endCell();
    } else if (c === '\n') {
      endCell();
      out.push({ line: recordLine, raw: '', cells });
      cells = [];
      lineNo += 1;
      recordLine = lineNo;
    } else if (c !== '\r') {
      cell += c;
      atStart = false;
    }
    i += 1;
  }
  if (cell || cells.length) {
    endCell();
    out.push({ line: recordLine, raw: '', cells });
  }
  return out;
}

function closingQuote(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) {
    if (text[j] !== '"') continue;
    if (text[j + 1] === '"') {
      j += 1;
      continue;
    }
    // A closing quote ends the cell: what follows must be a separator or the end.
    return j + 1 === text.length || /[\t\r\n]/.test(text[j + 1] ?? '') ? j : -1;
  }
  return -1;
}

/** A line of hand-made text: cells separated by spaces (any number) or commas; "quoted" cells. */
function looseLine(raw: string, line: number): Line {
  const cells: Cell[] = [];
  const re = /"((?:[^"]|"")*)"|[^\s,，]+/g;
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const between = raw.slice(last, m.index);
    cells.push({
      text: m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0],
      start: m.index,
      end: m.index + m[0].length,
      afterComma: /[,，]/.test(between),
    });
    last = m.index + m[0].length;
  }
  return { line, raw, cells };
}

export function linesOf(text: string): { lines: Line[]; tabs: boolean } {
  if (text.includes('\t')) return { lines: tabRecords(text), tabs: true };
  return { lines: text.split('\n').map((raw, i) => looseLine(raw.replace(/\r$/, ''), i + 1)), tabs: false };
}
