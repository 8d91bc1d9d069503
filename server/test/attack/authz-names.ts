/**
 * Municipal and regional officials see aggregates, never a pupil's data
 * (design.md, capability 8): any pupil's or guardian's full name in an answer
 * they get is a leak, whether in JSON, text or a spreadsheet.
 */
import ExcelJS from 'exceljs';
import type { MatrixRole } from './authz-fixture.js';

export const officialRoles: MatrixRole[] = ['municipal_officer', 'region_coordinator'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every cell of every sheet as one text. */
async function spreadsheetText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
  return cells.join('\n');
}

/**
 * Names of the set found in a 2xx answer: as text ("Фамилия Имя …"), as JSON
 * objects carrying `surname` and `name` fields, and in XLSX cells. Other
 * binary answers (PDF) are counted by the caller as not read.
 */
export async function nameLeaks(raw: Buffer, contentType: string, names: Set<string>): Promise<string[] | null> {
  let text: string;
  if (contentType.includes(XLSX)) text = await spreadsheetText(raw);
  else if (/json|text|csv|html/.test(contentType) || contentType === '') text = raw.toString('utf8');
  else return null;
  const found = new Set<string>();
  for (const n of names) if (text.includes(n)) found.add(n);
  if (/json/.test(contentType)) {
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.surname === 'string' && typeof o.name === 'string' && names.has(`${o.surname} ${o.name}`)) found.add(`${o.surname} ${o.name}`);
        Object.values(o).forEach(walk);
      }
    };
    try {
      walk(JSON.parse(text));
    } catch {
      // Not one JSON document (NDJSON lines): the text search above stands.
    }
  }
  return [...found];
}
