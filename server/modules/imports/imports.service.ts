/**
 * Imports of a school's lists (students with guardians, staff, classes,
 * courses, timetable) from CSV or XLSX. `checkImport` is the dry run: every
 * problem counted and summarised by column, the first ones listed by row and
 * column (report.ts), nothing written. `runImport` checks again and,
 * only when the file is clean, applies everything in ONE transaction,
 * reporting progress as it goes; a failure leaves nothing behind.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { withBulkCache, withEpochBumpedOnce } from '../../db/bulk.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertCan } from '../../policy/policy.js';
import { localDateOf } from '../../../shared/dates.js';
import type { ImportKind } from '../../../shared/imports.js';
import type { ImportReport, ImportResult } from '../../../shared/contracts/imports.js';
import { applyStaff, applyStudents, type ApplyCounts, type Progress } from './apply-people.js';
import { applyClasses, applyCourses, applyTimetable } from './apply-structure.js';
import { decodeText, parseCsv } from './csv.js';
import * as q from './imports.queries.js';
import { planStaff, planStudents } from './plan-people.js';
import { planClasses, planCourses, planTimetable } from './plan-structure.js';
import { buildReport } from './report.js';
import { readTable, type RowProblem } from './rows.js';
import { courseKey, type KnownPerson, type Snapshot } from './snapshot.js';
import { readXlsx } from './xlsx.js';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface ImportInput {
  schoolId: number;
  kind: ImportKind;
  file: UploadedFile;
}

/** Where the school sits, checked against the actor's grants (404 when out of scope). */
export async function schoolInScope(ctx: AppContext, actor: Actor, schoolId: number, permission: 'imports.run' | 'exports.read' | 'letters.print') {
  const school = await q.findSchool(ctx.db.kysely, schoolId);
  if (!school) throw new AppError('school_not_found', { field: '/params/id' });
  assertCan(actor, permission, { regionId: school.region_id, municipalityId: school.municipality_id, schoolId });
  return school;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const REFUSED_EXTENSIONS = /\.(xls|xlsm|ods|doc|docx|pdf|png|jpe?g|gif|zip|rar|7z|exe)$/i;

/** CSV or XLSX by content (a ZIP is an XLSX workbook), else 415; an empty file is refused before any parsing. */
async function readGrid(file: UploadedFile): Promise<string[][]> {
  if (file.bytes.length === 0) throw new AppError('import_file_empty', { field: '/body/file' });
  const isZip = ZIP.every((b, i) => file.bytes[i] === b);
  if (isZip) {
    try {
      return await readXlsx(file.bytes);
    } catch {
      throw new AppError('import_unsupported_file', { field: '/body/file', detail: 'the file is a ZIP archive but not an XLSX workbook' });
    }
  }
  const head = file.bytes.subarray(0, 8192);
  if (REFUSED_EXTENSIONS.test(file.filename) || head.includes(0)) {
    throw new AppError('import_unsupported_file', { field: '/body/file', detail: 'only CSV and XLSX files can be imported' });
  }
  return parseCsv(decodeText(file.bytes));
}

function person(p: { id: number; surname: string; name: string; patronymic: string; birth_date: string | null; external_id: string | null; phone: string | null; email: string | null }): KnownPerson {
  return { personId: p.id, surname: p.surname, name: p.name, patronymic: p.patronymic, birthDate: p.birth_date, externalId: p.external_id, phone: p.phone, email: p.email };
}

export async function loadSnapshot(db: Kysely<Database>, schoolId: number, today: string): Promise<Snapshot> {
  const year = await q.currentYear(db, schoolId, today);
  const [classes, groups, subjects, courses, students, staff, guardians] = await Promise.all([
    year ? q.classesOfYear(db, schoolId, year.id) : Promise.resolve([]),
    q.groupsOfSchool(db, schoolId),
    q.subjectsOfSchool(db, schoolId),
    year ? q.coursesOfYear(db, schoolId, year.id) : Promise.resolve([]),
    q.studentsOfSchool(db, schoolId),
    q.staffOfSchool(db, schoolId),
    q.guardiansOfSchool(db, schoolId),
  ]);
  const courseMap: Snapshot['courses'] = new Map();
  for (const c of courses) {
    const key = courseKey(c.class_id, c.group_id, c.subject_id);
    const entry = courseMap.get(key) ?? { id: c.id, hoursPerWeek: c.hours_per_week, teacherIds: [] };
    if (c.teacher_person_id !== null) entry.teacherIds.push(c.teacher_person_id);
    courseMap.set(key, entry);
  }
  const guardianMap = new Map<number, KnownPerson & { studentIds: number[] }>();
  for (const g of guardians) {
    const entry = guardianMap.get(g.id) ?? { ...person(g), studentIds: [] };
    entry.studentIds.push(g.student_person_id);
    guardianMap.set(g.id, entry);
  }
  const unique = (rows: Parameters<typeof person>[0][]) => [...new Map(rows.map((r) => [r.id, person(r)])).values()];
  return {
    schoolId,
    today,
    year: year ? { id: year.id, startsOn: year.starts_on, endsOn: year.ends_on } : null,
    classes: new Map(classes.map((c) => [c.name, { id: c.id, grade: c.grade, letter: c.letter, shift: c.shift, classTeacherPersonId: c.class_teacher_person_id }])),
    groups: new Map(groups.map((g) => [`${g.class_id}|${g.name.toLowerCase()}`, g.id])),
    subjects: new Map(subjects.map((s) => [s.name.toLowerCase(), s.id])),
    courses: courseMap,
    students: unique(students),
    staff: unique(staff.filter((s) => s.ended_on === null)),
    guardians: [...guardianMap.values()],
  };
}

type Plan =
  | { kind: 'students'; plans: ReturnType<typeof planStudents> }
  | { kind: 'staff'; plans: ReturnType<typeof planStaff> }
  | { kind: 'classes'; plans: ReturnType<typeof planClasses> }
  | { kind: 'courses'; plans: ReturnType<typeof planCourses> }
  | { kind: 'timetable'; plans: ReturnType<typeof planTimetable> };

/** Parses and checks a file against a snapshot: the report, and the plan when it is clean. */
export function planImport(kind: ImportKind, grid: string[][], snap: Snapshot): { report: ImportReport; plan: Plan } {
  const table = readTable(kind, grid);
  const problems: RowProblem[] = [...table.problems];
  const report = (row: number, key: string, code: RowProblem['code'], value?: string) =>
    problems.push({ row, column: table.headers[key] ?? key, code, ...(value !== undefined ? { value } : {}) });
  const needsYear = kind !== 'students' && kind !== 'staff';
  let plan: Plan;
  if (table.problems.length > 0) plan = { kind, plans: [] } as Plan;
  else if (needsYear && !snap.year) {
    problems.push({ row: 0, column: '', code: 'no_academic_year' });
    plan = { kind, plans: [] } as Plan;
  } else if (kind === 'students') plan = { kind, plans: planStudents(table.rows, snap, report) };
  else if (kind === 'staff') plan = { kind, plans: planStaff(table.rows, snap, report) };
  else if (kind === 'classes') plan = { kind, plans: planClasses(table.rows, snap, report) };
  else if (kind === 'courses') plan = { kind, plans: planCourses(table.rows, snap, report) };
  else plan = { kind, plans: planTimetable(table.rows, snap, report) };
  return { report: buildReport(kind, table.rows.map((r) => r.row), problems), plan };
}

/** The dry run: every problem counted, the first ones listed, nothing written. */
export async function checkImport(ctx: AppContext, actor: Actor, input: ImportInput): Promise<ImportReport> {
  await schoolInScope(ctx, actor, input.schoolId, 'imports.run');
  const grid = await readGrid(input.file);
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const snap = await loadSnapshot(ctx.db.kysely, input.schoolId, today);
  return planImport(input.kind, grid, snap).report;
}

/**
 * The real run. Loads, checks and applies inside ONE transaction, so the data
 * it checked against cannot change underneath it and nothing stays on
 * failure. Resolves once the file is known to be clean (rejects with 422 and
 * the report otherwise) with the promise of the result, so the caller can
 * start streaming progress.
 */
export async function startRun(ctx: AppContext, actor: Actor, input: ImportInput, progress: Progress): Promise<{ result: Promise<ImportResult> }> {
  await schoolInScope(ctx, actor, input.schoolId, 'imports.run');
  const grid = await readGrid(input.file);
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const now = ctx.clock.now();
  const by = actor.personId > 0 ? actor.personId : null;
  let planned!: () => void;
  const clean = new Promise<void>((resolve) => (planned = resolve));
  const result = withBulkCache(ctx.db, () => ctx.db.kysely.transaction().execute(async (trx): Promise<ImportResult> => {
    const snap = await loadSnapshot(trx, input.schoolId, today);
    const { report, plan } = planImport(input.kind, grid, snap);
    if (!report.ok) throw new AppError('import_has_problems', { field: '/body/file', extra: { report } });
    planned();
    progress(0, report.rows);
    const counts: ApplyCounts & { subjectsCreated?: number } = await withEpochBumpedOnce(ctx.db, trx, () => {
      if (plan.kind === 'students') return applyStudents(ctx.db, trx, input.schoolId, plan.plans, today, now, by, progress);
      if (plan.kind === 'staff') return applyStaff(ctx.db, trx, input.schoolId, plan.plans, today, now, by, progress);
      if (plan.kind === 'classes') return applyClasses(ctx.db, trx, snap, plan.plans, by, now.toISOString());
      if (plan.kind === 'courses') return applyCourses(ctx.db, trx, snap, plan.plans);
      return applyTimetable(ctx.db, trx, snap, plan.plans);
    });
    progress(report.rows, report.rows);
    return { kind: input.kind, rows: report.rows, subjectsCreated: 0, ...counts };
  }));
  await Promise.race([clean, result]);
  // Wrapped: an async function would otherwise flatten the promise and wait for the whole run.
  return { result };
}
