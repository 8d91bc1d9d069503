/**
 * Marks of the journal (design.md, "Domain rules"): what a cell may hold,
 * how typed input is read, and the numbers behind a mark. Pure; used by the
 * server (validation, averages) and the web client (keyboard entry).
 */

/** Attendance codes: Н absent (no reason), Б ill, У excused, ОП late. */
export const attendanceCodes = ['absent', 'ill', 'excused', 'late'] as const;
export type AttendanceCode = (typeof attendanceCodes)[number];

export const attendanceLabel: Record<AttendanceCode, string> = { absent: 'Н', ill: 'Б', excused: 'У', late: 'ОП' };

/** What a course's scale allows; from the school settings and the subject. */
export interface MarkScale {
  /** + and − after a digit (school setting `plusMinus`). */
  plusMinus: boolean;
  /** Double marks such as 4/3 (the subject's `double_marks`). */
  doubleMarks: boolean;
  /** Only «зач»/«незач» (and «н/а»): the subject's `pass_fail`. */
  passFail: boolean;
  /** No marks at all (grade 1 where the subject says so). */
  noMarks: boolean;
}

export const NOT_CERTIFIED = 'н/а';
export const PASS = 'зач';
export const FAIL = 'незач';

const DIGIT = /^[1-5]$/;
const DIGIT_PM = /^[1-5][+-]$/;
const DOUBLE = /^([1-5])\/([1-5])$/;

/** Is this stored mark value allowed on this scale? Values are canonical: '5', '4-', '4/3', 'н/а', 'зач', 'незач'. */
export function isMarkAllowed(value: string, scale: MarkScale): boolean {
  if (scale.noMarks) return false;
  if (value === NOT_CERTIFIED) return true;
  if (value === PASS || value === FAIL) return true;
  if (scale.passFail) return false;
  if (DIGIT.test(value)) return true;
  if (DIGIT_PM.test(value)) return scale.plusMinus;
  if (DOUBLE.test(value)) return scale.doubleMarks;
  return false;
}

/** Is this a term or year mark value? (no +/−, no doubles) */
export function isTermMarkAllowed(value: string, scale: Pick<MarkScale, 'passFail' | 'noMarks'>): boolean {
  if (scale.noMarks) return false;
  if (value === NOT_CERTIFIED || value === PASS || value === FAIL) return true;
  return !scale.passFail && DIGIT.test(value);
}

/**
 * The numbers a mark contributes to an average: none for «н/а», «зач», «незач»;
 * both parts of a double mark (4/3 counts as a 4 and a 3, each with the mark's
 * weight); + and − move the number by a third only when the school says so.
 */
export function numericParts(value: string, plusMinusAffectsAverage = false): number[] {
  const double = DOUBLE.exec(value);
  if (double) return [Number(double[1]), Number(double[2])];
  if (DIGIT.test(value)) return [Number(value)];
  if (DIGIT_PM.test(value)) {
    const base = Number(value[0]);
    if (!plusMinusAffectsAverage) return [base];
    return [value[1] === '+' ? base + 1 / 3 : base - 1 / 3];
  }
  return [];
}

/** A single number for a mark (the stored `numeric` column): the mean of its parts, null when it has none. */
export function numericValue(value: string, plusMinusAffectsAverage = false): number | null {
  const parts = numericParts(value, plusMinusAffectsAverage);
  return parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null;
}

/** What typed text means in a cell. */
export type CellInput =
  | { kind: 'mark'; value: string }
  | { kind: 'attendance'; code: AttendanceCode }
  | { kind: 'clear' }
  | { kind: 'invalid' };

// Latin look-alikes typed on an English keyboard (design: `n`→н, `b`→б, `op`→оп, `y`→у).
const LOOKALIKE: Record<string, string> = { n: 'н', h: 'н', b: 'б', y: 'у', o: 'о', p: 'п', a: 'а' };

function fold(text: string): string {
  return [...text.trim().toLowerCase()].map((c) => LOOKALIKE[c] ?? c).join('').replace(/[−–—]/g, '-').replace(/\s+/g, '');
}

const ATTENDANCE_INPUT: Record<string, AttendanceCode> = { н: 'absent', б: 'ill', у: 'excused', оп: 'late' };

/**
 * Reads what the teacher typed: `5`, `4-`, `4+`, `4/3`, `н`, `б`, `у`, `оп`,
 * `на` or `н/а`, `зач`, `незач`; empty text clears. Whether the mark is allowed
 * on the course's scale is checked separately (isMarkAllowed).
 */
export function parseCellInput(text: string): CellInput {
  const t = fold(text);
  if (t === '') return { kind: 'clear' };
  const attendance = ATTENDANCE_INPUT[t];
  if (attendance) return { kind: 'attendance', code: attendance };
  if (DIGIT.test(t) || DIGIT_PM.test(t) || DOUBLE.test(t)) return { kind: 'mark', value: t };
  if (t === 'н/а' || t === 'на' || t === 'н\\а') return { kind: 'mark', value: NOT_CERTIFIED };
  if (t === 'зач' || t === 'з') return { kind: 'mark', value: PASS };
  if (t === 'незач' || t === 'нз') return { kind: 'mark', value: FAIL };
  return { kind: 'invalid' };
}
