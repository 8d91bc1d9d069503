/**
 * Reports (issue 7): the entry point of the module. Each report checks the
 * resource's scope (404 outside it), builds its view, and renders it as JSON,
 * XLSX or PDF from one document (docs.ts), so the files carry the same figures.
 */
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { canReadAggregate, canReadClassReports, canReadSchoolReports, canReadTeacherReport } from '../../policy/reports.js';
import type {
  AggregateView, ArchiveFileView, ArchiveJobView, ReportFormat, ReportOptionsView, ScreenReport, TeacherReportView,
} from '../../../shared/contracts/reports.js';
import { daysInclusive } from '../../../shared/reports/timeliness.js';
import * as control from '../control/control.service.js';
import { attendanceReport } from './attendance.js';
import { reportCards } from './cards.js';
import { attendanceDoc, classResultsDoc, reportCardsDoc, subjectResultsDoc, teacherDoc } from './docs.js';
import { attachment, cellText, type ReportDoc } from './document.js';
import { toPdf } from './pdf.js';
import * as q from './reports.queries.js';
import { aggregate, classResults, fullName, subjectResults } from './results.js';
import * as store from './store.js';
import { toXlsx } from './xlsx.js';

export { runNextJob } from './store.js';

export type Rendered<T> = { json: T | ScreenReport } | { file: { body: Buffer; type: string; disposition: string } };

async function render<T>(view: T, format: ReportFormat | undefined, doc: (v: T) => ReportDoc): Promise<Rendered<T>> {
  if (!format || format === 'json') return { json: view };
  const d = doc(view);
  if (format === 'table') {
    return { json: { title: d.title, subtitle: d.subtitle, sections: d.sections.map((s) => ({ ...s, tables: s.tables.map((t) => ({ ...t, rows: t.rows.map((r) => r.map(cellText)) })) })) } };
  }
  if (format === 'xlsx') return { file: { body: await toXlsx(d), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: attachment(d.fileName, 'xlsx') } };
  return { file: { body: await toPdf(d), type: 'application/pdf', disposition: attachment(d.fileName, 'pdf') } };
}

async function classFor(ctx: AppContext, actor: Actor, classId: number, field = '/params/id') {
  const cls = await q.findClass(ctx.db.kysely, classId);
  if (!cls || !canReadClassReports(actor, cls.school_id, cls.id)) throw new AppError('not_found', { field });
  return cls;
}

export async function classResultsReport(ctx: AppContext, actor: Actor, classId: number, query: { termId?: number; year?: boolean; format?: ReportFormat }) {
  const cls = await classFor(ctx, actor, classId);
  return render(await classResults(ctx, cls, query), query.format, classResultsDoc);
}

export async function subjectReport(ctx: AppContext, actor: Actor, subjectId: number, query: { termId?: number; year?: boolean; format?: ReportFormat }) {
  const subject = await q.subjectOfSchool(ctx.db.kysely, subjectId);
  if (!subject || !canReadSchoolReports(actor, subject.school_id)) throw new AppError('not_found', { field: '/params/id' });
  const school = await control.schoolFor(ctx, actor, subject.school_id, canReadSchoolReports);
  return render(await subjectResults(ctx, { id: school.id, name: school.name }, subject, query), query.format, subjectResultsDoc);
}

export async function attendance(ctx: AppContext, actor: Actor, schoolId: number, query: { classId?: number; from: string; to: string; format?: ReportFormat }) {
  const db = ctx.db.kysely;
  if (query.to < query.from) throw new AppError('date_range_backwards', { field: '/querystring/to', detail: 'to is before from' });
  if (daysInclusive(query.from, query.to) > 366) throw new AppError('date_range_too_long', { field: '/querystring/to', detail: 'at most one year' });
  const cls = query.classId !== undefined ? await q.findClass(db, query.classId) : undefined;
  let classes: Array<{ id: number; name: string }>;
  let schoolName: string;
  if (query.classId !== undefined) {
    // A class of another school is as unknown as a missing one.
    if (!cls || cls.school_id !== schoolId || !canReadClassReports(actor, schoolId, cls.id)) throw new AppError('not_found', { field: '/querystring/classId' });
    classes = [{ id: cls.id, name: cls.name }];
    schoolName = cls.school_name;
  } else {
    const s = await control.schoolFor(ctx, actor, schoolId, canReadSchoolReports);
    schoolName = s.name;
    const years = await q.yearsOverlapping(db, schoolId, query.from, query.to);
    classes = [];
    for (const y of years) classes.push(...(await q.classesOfYear(db, schoolId, y.id)));
  }
  const view = await attendanceReport(ctx, { id: schoolId, name: schoolName }, classes, query.from, query.to, query.classId !== undefined);
  return render(view, query.format, attendanceDoc);
}

export async function teacherReport(ctx: AppContext, actor: Actor, schoolId: number, teacherId: number, query: { termId?: number; format?: ReportFormat }) {
  const school = await control.schoolFor(ctx, actor, schoolId, (a, s) => canReadTeacherReport(a, s, teacherId));
  const person = await q.findPerson(ctx.db.kysely, teacherId);
  if (!person) throw new AppError('not_found', { field: '/params/teacherId' });
  const { term } = await control.pickTerm(ctx, schoolId, query.termId);
  const courses = term ? await control.courseFigures(ctx, schoolId, term, teacherId) : [];
  const sum = (f: (c: (typeof courses)[number]) => number) => courses.reduce((n, c) => n + f(c), 0);
  const past = sum((c) => c.pastLessons);
  const part = (f: (c: (typeof courses)[number]) => number | null) => (past > 0 ? Math.round((sum((c) => (f(c) ?? 0) * c.pastLessons) / past) * 10_000) / 10_000 : null);
  const view: TeacherReportView = {
    school: { id: school.id, name: school.name },
    teacher: { id: person.id, name: fullName(person) },
    term: term ? { id: term.id, name: term.name } : null,
    hoursPerWeek: sum((c) => c.hoursPerWeek),
    courses,
    total: { pastLessons: past, topicShare: part((c) => c.topicShare), homeworkShare: part((c) => c.homeworkShare), attendanceShare: part((c) => c.attendanceShare), marks: sum((c) => c.marks), lateEntries: sum((c) => c.lateEntries) },
  };
  return render(view, query.format, teacherDoc);
}

export async function cards(ctx: AppContext, actor: Actor, classId: number, query: { studentId?: number; format?: ReportFormat }) {
  const cls = await classFor(ctx, actor, classId);
  const view = await reportCards(ctx, cls, query.studentId);
  if (query.studentId !== undefined && view.cards.length === 0) throw new AppError('not_found', { field: '/querystring/studentId' });
  return render(view, query.format, reportCardsDoc);
}

export async function aggregateRates(ctx: AppContext, actor: Actor, schoolId: number, termId: number | undefined): Promise<AggregateView> {
  const school = await control.schoolFor(ctx, actor, schoolId, () => true);
  if (!canReadAggregate(actor, { regionId: school.region_id, municipalityId: school.municipality_id, schoolId })) throw new AppError('not_found', { field: '/params/id' });
  return aggregate(ctx, schoolId, termId);
}

export async function options(ctx: AppContext, actor: Actor, schoolId: number): Promise<ReportOptionsView> {
  const db = ctx.db.kysely;
  const school = await control.schoolFor(ctx, actor, schoolId, (a, s) => a.grants.some((g) => g.role === 'admin' || g.schoolId === s));
  const { term } = await control.pickTerm(ctx, schoolId, undefined);
  const year = term ? await q.findYear(db, term.academic_year_id) : undefined;
  if (!year) return { school: { id: school.id, name: school.name }, year: null, terms: [], classes: [], subjects: [], teachers: [] };
  const [terms, classes, subjects, teachers] = await Promise.all([q.termsOfYear(db, year.id), q.classesOfYear(db, schoolId, year.id), q.subjectsOfSchool(db, schoolId), q.teachersOfSchool(db, schoolId, year.id)]);
  const leader = canReadSchoolReports(actor, schoolId);
  return {
    school: { id: school.id, name: school.name },
    year: { id: year.id, name: year.name, startsOn: year.starts_on, endsOn: year.ends_on },
    terms: terms.map((t) => ({ id: t.id, name: t.name, startsOn: t.starts_on, endsOn: t.ends_on })),
    classes: classes.filter((c) => canReadClassReports(actor, schoolId, c.id)).map((c) => ({ id: c.id, name: c.name })),
    subjects: leader ? subjects : [],
    teachers: teachers.filter((t) => leader || t.id === actor.personId).map((t) => ({ id: t.id, name: fullName(t) })),
  };
}

// --- archive -----------------------------------------------------------------------

export async function archiveClass(ctx: AppContext, actor: Actor, classId: number): Promise<ArchiveFileView> {
  const cls = await classFor(ctx, actor, classId);
  return store.storeClassArchive(ctx, cls, actor.personId, null);
}

export async function requestSchoolArchive(ctx: AppContext, actor: Actor, schoolId: number, yearId: number | undefined): Promise<ArchiveJobView> {
  await control.schoolFor(ctx, actor, schoolId, canReadSchoolReports);
  let year = yearId !== undefined ? await q.findYear(ctx.db.kysely, yearId) : undefined;
  if (yearId !== undefined && (!year || year.school_id !== schoolId)) throw new AppError('not_found', { field: '/body/yearId' });
  if (!year) {
    const { term } = await control.pickTerm(ctx, schoolId, undefined);
    year = term ? await q.findYear(ctx.db.kysely, term.academic_year_id) : undefined;
  }
  if (!year) throw new AppError('not_found', { field: '/body/yearId', detail: 'the school has no academic year' });
  return store.queueSchoolArchive(ctx, schoolId, year.id, actor.personId);
}

export async function archiveJobs(ctx: AppContext, actor: Actor, schoolId: number): Promise<ArchiveJobView[]> {
  await control.schoolFor(ctx, actor, schoolId, canReadSchoolReports);
  return store.listJobs(ctx, schoolId);
}

/** The school's archives for its leaders; a class teacher sees their class's. */
export async function archives(ctx: AppContext, actor: Actor, schoolId: number): Promise<ArchiveFileView[]> {
  await control.schoolFor(ctx, actor, schoolId, (a, s) => a.grants.some((g) => g.role === 'admin' || g.schoolId === s));
  const list = await store.listArchives(ctx, schoolId);
  return list.filter((f) => canReadClassReports(actor, schoolId, f.classId));
}

export async function archiveFile(ctx: AppContext, actor: Actor, archiveId: number): Promise<{ stream: ReadStream; size: number; sha256: string; disposition: string }> {
  const row = await store.findArchive(ctx, archiveId);
  if (!row || !canReadClassReports(actor, row.school_id, row.class_id)) throw new AppError('not_found', { field: '/params/id' });
  const path = store.archivePath(ctx, row);
  if (!existsSync(path)) throw new AppError('not_found', { field: '/params/id', detail: 'the file is missing' });
  return { stream: createReadStream(path), size: Number(row.size), sha256: row.sha256, disposition: attachment(row.title, 'pdf') };
}
