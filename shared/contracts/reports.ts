/**
 * Internal control and reports (issue 7): queries and views. Shares are in
 * [0, 1] (null without data); the web client and the files format them.
 */
import { Type, type Static } from 'typebox';
import type { AttendanceTotals } from '../reports/attendance.js';
import type { MarkCounts } from '../reports/rates.js';
import { Id, LocalDate, Strict } from './common.js';
import { pageFields, SearchText } from './paging.js';

/** json: the view; table: the printed document as text cells (what the web client shows); xlsx, pdf: files. */
export const ReportFormat = Type.Union([Type.Literal('json'), Type.Literal('table'), Type.Literal('xlsx'), Type.Literal('pdf')]);
export type ReportFormat = Static<typeof ReportFormat>;

/** A report as shown on screen: the same sections and tables as its files, cells as text. */
export interface ScreenReport {
  title: string;
  subtitle: string[];
  sections: Array<{ heading?: string; lines?: string[]; tables: Array<{ title?: string; columns: string[]; rows: string[][]; totalRows?: number }> }>;
}

// --- control ---------------------------------------------------------------------

/** The columns the deputy's control page sorts by (on the server, before it cuts the page). */
export const controlSortKeys = ['teacher', 'course', 'pastLessons', 'topicShare', 'homeworkShare', 'attendanceShare', 'marksPerPupil', 'lateEntries', 'lastEntryAt', 'openRemarks'] as const;
export type ControlSortKey = (typeof controlSortKeys)[number];

/** A term's rows, a page at a time: sorted by a column, searched by teacher, class or subject. */
export const ControlQuery = Strict({
  termId: Type.Optional(Id),
  ...pageFields,
  sort: Type.Optional(Type.Unsafe<ControlSortKey>(Type.String({ enum: [...controlSortKeys], default: 'teacher' }))),
  desc: Type.Optional(Type.Boolean({ default: false })),
  q: Type.Optional(SearchText),
});
export type ControlQuery = Static<typeof ControlQuery>;

export interface CourseControlRow {
  teacherId: number;
  teacher: string;
  courseId: number;
  className: string;
  subject: string;
  group: string | null;
  hoursPerWeek: number;
  pupils: number;
  pastLessons: number;
  topicShare: number | null;
  homeworkShare: number | null;
  attendanceShare: number | null;
  marks: number;
  marksPerPupil: number | null;
  lateEntries: number;
  lastEntryAt: string | null;
  openRemarks: number;
}

export interface ControlView {
  schoolId: number;
  term: { id: number; name: string; startsOn: string; endsOn: string } | null;
  terms: Array<{ id: number; name: string }>;
  today: string;
  lateAfterSchoolDays: number;
  /** The page's rows, and the count of all rows under the search. */
  rows: CourseControlRow[];
  total: number;
  page: number;
  pageSize: number;
  sort: ControlSortKey;
  desc: boolean;
}

export const RemarkBody = Strict({
  courseId: Id,
  teacherId: Type.Optional(Id),
  text: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
});
export type RemarkBody = Static<typeof RemarkBody>;

export interface RemarkView {
  id: number;
  courseId: number;
  course: string;
  teacherId: number;
  teacher: string;
  author: string;
  text: string;
  createdAt: string;
  doneAt: string | null;
}

/** The school's remarks, newest first, a page at a time (they are all kept, so the list grows over the years). */
export const RemarkListQuery = Strict({ courseId: Type.Optional(Id), ...pageFields });
export type RemarkListQuery = Static<typeof RemarkListQuery>;

// --- reports ---------------------------------------------------------------------

export const ResultsQuery = Strict({ termId: Type.Optional(Id), year: Type.Optional(Type.Boolean()), format: Type.Optional(ReportFormat) });
export type ResultsQuery = Static<typeof ResultsQuery>;

export interface RatesView {
  counts: MarkCounts;
  passRate: number | null;
  qualityRate: number | null;
  sou: number | null;
  average: number | null;
}

export interface PeriodView {
  kind: 'term' | 'year';
  termId: number | null;
  name: string;
  yearId: number;
  yearName: string;
}

export interface ClassResultsView {
  school: { id: number; name: string };
  class: { id: number; name: string };
  period: PeriodView;
  subjects: Array<{ id: number; name: string }>;
  pupils: Array<{ id: number; name: string; marks: Array<string | null>; average: number | null; passes: boolean; quality: boolean }>;
  bySubject: Array<{ subjectId: number; subject: string } & RatesView>;
  /** Pass and quality over pupils with marks; СОУ and average over all marks. */
  total: RatesView & { pupils: number; pupilsWithMarks: number; pupilsPassing: number; pupilsQuality: number };
}

export interface SubjectResultsView {
  school: { id: number; name: string };
  subject: { id: number; name: string };
  period: PeriodView;
  classes: Array<{ classId: number; className: string; teachers: string } & RatesView>;
  total: RatesView;
}

/** No names of people: counts and rates per grade level and subject. */
export interface AggregateView {
  schoolId: number;
  period: { kind: 'term'; name: string; startsOn: string; endsOn: string } | null;
  byGrade: Array<{ grade: number } & RatesView>;
  bySubject: Array<{ subject: string } & RatesView>;
  total: RatesView;
}

export const AttendanceQuery = Strict({ classId: Type.Optional(Id), from: LocalDate, to: LocalDate, format: Type.Optional(ReportFormat) });
export type AttendanceQuery = Static<typeof AttendanceQuery>;

export interface AttendanceReportView {
  school: { id: number; name: string };
  from: string;
  to: string;
  /** Per pupil when one class was asked for. */
  pupils: Array<{ id: number; name: string; className: string } & AttendanceTotals>;
  classes: Array<{ classId: number; className: string; pupils: number } & AttendanceTotals>;
  total: AttendanceTotals;
}

export const TeacherReportQuery = Strict({ termId: Type.Optional(Id), format: Type.Optional(ReportFormat) });

export interface TeacherReportView {
  school: { id: number; name: string };
  teacher: { id: number; name: string };
  term: { id: number; name: string } | null;
  hoursPerWeek: number;
  courses: CourseControlRow[];
  /** Over all the teacher's courses. */
  total: { pastLessons: number; topicShare: number | null; homeworkShare: number | null; attendanceShare: number | null; marks: number; lateEntries: number };
}

export const ReportCardQuery = Strict({ studentId: Type.Optional(Id), format: Type.Optional(ReportFormat) });

export interface ReportCardView {
  school: { id: number; name: string };
  className: string;
  yearName: string;
  terms: Array<{ id: number; name: string }>;
  cards: Array<{
    pupil: { id: number; name: string };
    subjects: Array<{ subject: string; terms: Array<string | null>; year: string | null }>;
    attendance: AttendanceTotals;
  }>;
}

export const OptionsView = Type.Object({});
export interface ReportOptionsView {
  school: { id: number; name: string };
  year: { id: number; name: string; startsOn: string; endsOn: string } | null;
  terms: Array<{ id: number; name: string; startsOn: string; endsOn: string }>;
  classes: Array<{ id: number; name: string }>;
  subjects: Array<{ id: number; name: string }>;
  teachers: Array<{ id: number; name: string }>;
}

// --- archive -----------------------------------------------------------------------

export const ArchiveQuery = Strict({ yearId: Type.Optional(Id) });
export const ArchiveJobBody = Strict({ yearId: Type.Optional(Id) });
export type ArchiveJobBody = Static<typeof ArchiveJobBody>;

export interface ArchiveJobView {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ArchiveFileView {
  id: number;
  jobId: number | null;
  classId: number;
  title: string;
  size: number;
  sha256: string;
  createdAt: string;
}
