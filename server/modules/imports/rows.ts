/**
 * From a grid of text (CSV or XLSX) to typed rows of one import kind, with
 * every problem that the file alone can show (missing values, impossible
 * dates, bad relations, duplicates within the file). Problems that need the
 * database (unknown class, duplicates against stored people) are found by
 * plan.ts. Pure functions: unit-tested in rows.test.ts.
 */
import { importColumns, importableRoles, type ColumnSpec, type ImportKind, type ImportProblemCode } from '../../../shared/imports.js';

export interface RowProblem {
  /** The row number as the spreadsheet shows it (header = 1); 0 for the file as a whole. */
  row: number;
  /** The column's header as the file spells it (or the expected header when missing). */
  column: string;
  code: ImportProblemCode;
  value?: string;
}

export type Cells = Record<string, string>;
export interface ParsedRow {
  row: number;
  cells: Cells;
}

export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[:.№_\-–—()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function spellings(c: ColumnSpec): string[] {
  return [c.ru, c.en, c.key, ...(c.aliases ?? [])].map(normaliseHeader);
}

/** Finds the header row (the first non-empty one), maps columns to keys and returns the data rows with their sheet numbers. */
export function readTable(kind: ImportKind, grid: string[][]): { rows: ParsedRow[]; headers: Record<string, string>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const headerIndex = grid.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) return { rows: [], headers: {}, problems: [{ row: 0, column: '', code: 'file_empty' }] };
  const columns = importColumns[kind];
  const lookup = new Map<string, ColumnSpec>();
  for (const c of columns) for (const s of spellings(c)) lookup.set(s, c);
  const indexOf: Record<string, number> = {};
  const headers: Record<string, string> = {};
  grid[headerIndex]!.forEach((text, i) => {
    const spec = lookup.get(normaliseHeader(text));
    if (spec && indexOf[spec.key] === undefined) {
      indexOf[spec.key] = i;
      headers[spec.key] = text.trim();
    }
  });
  for (const c of columns) {
    headers[c.key] ??= c.ru;
    if (c.required && indexOf[c.key] === undefined) problems.push({ row: headerIndex + 1, column: c.ru, code: 'missing_column' });
  }
  const rows: ParsedRow[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const line = grid[r]!;
    if (!line.some((c) => c.trim() !== '')) continue;
    const cells: Cells = {};
    for (const c of columns) {
      const i = indexOf[c.key];
      cells[c.key] = i === undefined ? '' : (line[i] ?? '').replace(/\s+/g, ' ').trim();
    }
    rows.push({ row: r + 1, cells });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 0, column: '', code: 'no_rows' });
  return { rows, headers, problems };
}

/** `YYYY-MM-DD`, `DD.MM.YYYY`, `D.M.YYYY` or `DD/MM/YYYY` → `YYYY-MM-DD`; 'bad' when unreadable, 'impossible' for 2023-02-30. */
export function parseDate(text: string): string | 'bad' | 'impossible' {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return 'bad';
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'impossible';
  if (y < 1900 || y > 2100) return 'impossible';
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** «5А», «5 а», «10-Б» → grade 5 and letter «А»; null when it is not a class name. */
export function parseClassName(text: string): { grade: number; letter: string; name: string } | null {
  const match = /^(\d{1,2})\s*[-–]?\s*([А-ЯЁA-Z]?)$/iu.exec(text.trim());
  if (!match) return null;
  const grade = Number(match[1]);
  if (grade < 1 || grade > 11) return null;
  const letter = match[2]!.toUpperCase();
  return { grade, letter, name: `${grade}${letter}` };
}

const RELATIONS: Record<string, 'mother' | 'father' | 'other'> = {
  мать: 'mother',
  мама: 'mother',
  mother: 'mother',
  отец: 'father',
  папа: 'father',
  father: 'father',
  опекун: 'other',
  попечитель: 'other',
  бабушка: 'other',
  дедушка: 'other',
  'законный представитель': 'other',
  other: 'other',
  другое: 'other',
};

export function parseRelation(text: string): 'mother' | 'father' | 'other' | null {
  if (text === '') return 'other';
  return RELATIONS[normaliseHeader(text)] ?? null;
}

/** «учитель, завуч» → ['teacher', 'deputy']; unknown words are returned separately. */
export function parseRoles(text: string): { roles: Array<'director' | 'school_admin' | 'deputy' | 'teacher'>; unknown: string[] } {
  const roles = new Set<'director' | 'school_admin' | 'deputy' | 'teacher'>();
  const unknown: string[] = [];
  for (const part of text.split(/[,;/]+/)) {
    const word = normaliseHeader(part);
    if (!word) continue;
    const role = importableRoles[word];
    if (role) roles.add(role);
    else unknown.push(part.trim());
  }
  return { roles: [...roles], unknown };
}

const WEEKDAYS: Record<string, number> = {
  пн: 1, понедельник: 1, mon: 1, monday: 1,
  вт: 2, вторник: 2, tue: 2, tuesday: 2,
  ср: 3, среда: 3, wed: 3, wednesday: 3,
  чт: 4, четверг: 4, thu: 4, thursday: 4,
  пт: 5, пятница: 5, fri: 5, friday: 5,
  сб: 6, суббота: 6, sat: 6, saturday: 6,
};

/** 1–6 (Monday–Saturday) from a number or a Russian or English day name. */
export function parseWeekday(text: string): number | null {
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= 6) return n;
  return WEEKDAYS[normaliseHeader(text)] ?? null;
}

export function parseWholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

export const isEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

/** The key two rows share when they describe the same person: external id, else full name and birth date. */
export function personKey(cells: { surname: string; name: string; patronymic: string; birthDate?: string | null }): string {
  return fullNameKey(cells) + '|' + (cells.birthDate ?? '');
}

export function fullNameKey(p: { surname: string; name: string; patronymic: string }): string {
  return `${p.surname}|${p.name}|${p.patronymic}`.toLowerCase().replace(/ё/g, 'е');
}
