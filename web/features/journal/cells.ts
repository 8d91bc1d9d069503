/** Turning a typed cell text into journal changes against what the cell holds now. */
import type { GridView, JournalChange } from '../../../shared/contracts/journal';
import { attendanceLabel, isMarkAllowed, isTermMarkAllowed, parseCellInput, type AttendanceCode } from '../../../shared/journal/marks';

export interface CellState {
  marks: Array<{ id: number; value: string; version: number; workTypeId: number; comment?: string }>;
  attendance: { code: AttendanceCode; version: number } | null;
}

export type CellIndex = Map<string, CellState>;
export const cellId = (lessonIndex: number, studentIndex: number) => `${lessonIndex}:${studentIndex}`;

export function indexCells(grid: GridView): CellIndex {
  const cells: CellIndex = new Map();
  const at = (l: number, s: number) => {
    const k = cellId(l, s);
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { marks: [], attendance: null }));
    return c;
  };
  for (const m of grid.marks) at(m[1], m[2]).marks.push({ id: m[0], value: m[3], workTypeId: m[4], version: m[6], comment: m[7] });
  for (const a of grid.attendance) at(a[0], a[1]).attendance = { code: a[2] as AttendanceCode, version: a[3] };
  return cells;
}

export function cellText(cell: CellState | undefined): string {
  if (!cell) return '';
  return [cell.attendance ? attendanceLabel[cell.attendance.code] : null, ...cell.marks.map((m) => m.value)].filter(Boolean).join(' ');
}

/**
 * The changes that make a cell show `text`: tokens separated by spaces, each a
 * mark or an attendance code. Marks are matched in order (changed, added or
 * removed); an empty text clears the cell. Returns the first bad token instead.
 */
export function changesFor(
  text: string,
  cell: CellState | undefined,
  ids: { lessonId: number; studentId: number },
  scale: GridView['scale'],
  reason?: string,
): { changes: JournalChange[] } | { invalid: string } {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const marks: string[] = [];
  let attendance: AttendanceCode | null = null;
  for (const token of tokens) {
    const parsed = parseCellInput(token);
    if (parsed.kind === 'attendance') attendance = parsed.code;
    else if (parsed.kind === 'mark' && isMarkAllowed(parsed.value, scale)) marks.push(parsed.value);
    else if (parsed.kind !== 'clear') return { invalid: token };
  }
  const r = reason ? { reason } : {};
  const changes: JournalChange[] = [];
  const current = cell ?? { marks: [], attendance: null };
  if ((current.attendance?.code ?? null) !== attendance) {
    changes.push({ kind: 'attendance', ...ids, version: current.attendance?.version ?? 0, code: attendance, ...r });
  }
  marks.forEach((value, i) => {
    const existing = current.marks[i];
    if (!existing) changes.push({ kind: 'mark', ...ids, value, ...r });
    else if (existing.value !== value) changes.push({ kind: 'mark', ...ids, markId: existing.id, version: existing.version, value, ...r });
  });
  for (const extra of current.marks.slice(marks.length)) changes.push({ kind: 'mark', ...ids, markId: extra.id, version: extra.version, value: null, ...r });
  return { changes };
}

/** What a term or year mark cell's text means: a value, null (clear), or the refused text. */
export function finalMarkValue(text: string, scale: GridView['scale']): { value: string | null } | { invalid: string } {
  const parsed = parseCellInput(text);
  if (parsed.kind === 'clear') return { value: null };
  if (parsed.kind === 'mark' && isTermMarkAllowed(parsed.value, scale)) return { value: parsed.value };
  return { invalid: text };
}
