/** XLSX files of the reports (exceljs): one sheet per table, numbers kept as numbers. */
import type ExcelJS from 'exceljs';
import { excel } from '../../heavy.js';
import { cellText, type Cell, type ReportDoc } from './document.js';

function sheetName(title: string, used: Set<string>): string {
  const base = (title.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Лист').slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function value(cell: Cell): { v: ExcelJS.CellValue; fmt?: string } {
  if (cell === null) return { v: null };
  if (typeof cell === 'string' || typeof cell === 'number') return { v: cell };
  if ('pct' in cell) return cell.pct === null ? { v: '—' } : { v: cell.pct, fmt: '0.0%' };
  return cell.dec === null ? { v: '—' } : { v: cell.dec, fmt: '0.00' };
}

export async function toXlsx(doc: ReportDoc): Promise<Buffer> {
  const book = new (await excel()).Workbook();
  book.creator = 'Otmetka';
  const used = new Set<string>();
  let n = 0;
  for (const section of doc.sections) {
    for (const table of section.tables) {
      n++;
      const sheet = book.addWorksheet(sheetName(table.title ?? section.heading ?? `${doc.title} ${n}`, used));
      sheet.addRow([doc.title]).font = { bold: true, size: 13 };
      for (const line of doc.subtitle) sheet.addRow([line]);
      if (section.heading) sheet.addRow([section.heading]).font = { bold: true };
      for (const line of section.lines ?? []) sheet.addRow([line]);
      sheet.addRow([]);
      const header = sheet.addRow(table.columns);
      header.font = { bold: true };
      header.alignment = { wrapText: true, vertical: 'middle' };
      table.rows.forEach((cells, i) => {
        const row = sheet.addRow(cells.map((c) => value(c).v));
        cells.forEach((c, j) => {
          const fmt = value(c).fmt;
          if (fmt) row.getCell(j + 1).numFmt = fmt;
        });
        if (table.totalRows && i >= table.rows.length - table.totalRows) row.font = { bold: true };
      });
      sheet.columns.forEach((col, i) => {
        const longest = Math.max(...[table.columns[i] ?? '', ...table.rows.map((r) => cellText(r[i] ?? null))].map((t) => t.length));
        col.width = Math.min(40, Math.max(6, longest + 2));
      });
    }
  }
  if (n === 0) book.addWorksheet(sheetName(doc.title, used)).addRow([doc.title]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
