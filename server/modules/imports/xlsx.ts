import type ExcelJS from 'exceljs';
import { excel } from '../../heavy.js';


/** The first worksheet of an XLSX workbook as rows of text, so CSV and XLSX share one validation. */
export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new (await excel()).Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c).value));
    // eachRow skips nothing with includeEmpty, but keep row numbers aligned with the sheet anyway.
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(cells);
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs hands them over as UTC midnight.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export interface SheetSpec {
  name: string;
  header: string[];
  rows: (string | number)[][];
}

/** A workbook with one sheet per spec: a bold frozen header row and readable column widths. */
export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Otmetka';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(spec.header).font = { bold: true };
    for (const r of spec.rows) sheet.addRow(r);
    sheet.columns.forEach((col, i) => {
      const longest = Math.max(spec.header[i]!.length, ...spec.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      col.width = Math.min(40, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
