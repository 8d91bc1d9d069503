/**
 * Computes figures per school in bulk (figures.queries.ts) and converts them
 * between the table columns and the shared `Figures` shape.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FigureColumns } from '../../db/tables/monitoring.js';
import { emptyFigures, reportWindow, type Figures } from '../../../shared/monitoring.js';
import { consentsOnRecord } from './activity.js';
import * as fq from './figures.queries.js';
import { localDate } from './zone.js';

export type { FigureMoment } from './figures.queries.js';

const DAY_MS = 86_400_000;

/** The moment figures are "as of": activation at the instant, logins in the 7 days before it, lessons and marks of the 7 dates before its local date. */
export function momentAt(at: Date, timeZone: string): fq.FigureMoment {
  const date = localDate(at, timeZone);
  const { from, to } = reportWindow(date);
  return { at: at.toISOString(), since: new Date(at.getTime() - 7 * DAY_MS).toISOString(), date, from, to };
}

export function toColumns(f: Figures): FigureColumns {
  return {
    staff_population: f.staff.population,
    staff_activated: f.staff.activated,
    staff_active: f.staff.active,
    students_population: f.students.population,
    students_activated: f.students.activated,
    students_active: f.students.active,
    guardians_population: f.guardians.population,
    guardians_activated: f.guardians.activated,
    guardians_active: f.guardians.active,
    lessons_past: f.lessonsPast,
    lessons_with_topic: f.lessonsWithTopic,
    marks_entered: f.marksEntered,
    marks_late: f.marksLate,
    consents: f.consents,
  };
}

export function fromColumns(r: FigureColumns): Figures {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    staff: { population: n(r.staff_population), activated: n(r.staff_activated), active: n(r.staff_active) },
    students: { population: n(r.students_population), activated: n(r.students_activated), active: n(r.students_active) },
    guardians: { population: n(r.guardians_population), activated: n(r.guardians_activated), active: n(r.guardians_active) },
    lessonsPast: n(r.lessons_past),
    lessonsWithTopic: n(r.lessons_with_topic),
    marksEntered: n(r.marks_entered),
    marksLate: n(r.marks_late),
    consents: n(r.consents),
  };
}

export interface SchoolFigures {
  schoolId: number;
  regionId: number;
  municipalityId: number;
  figures: Figures;
}

/** Every school of the scope with its figures at the moment (schools without people get zeros). */
export async function computeFigures(db: Kysely<Database>, scope: fq.FigureScope, m: fq.FigureMoment): Promise<SchoolFigures[]> {
  const [schools, staff, students, guardians, lessons, marks] = await Promise.all([
    fq.schoolsIn(db, scope),
    fq.staffCounts(db, scope, m),
    fq.studentCounts(db, scope, m),
    fq.guardianCounts(db, scope, m),
    fq.lessonCounts(db, scope, m),
    fq.markCounts(db, scope, m),
  ]);
  const consents = await consentsOnRecord(db, { schoolIds: schools.map((s) => s.id), at: m.at, date: m.date });
  const bySchool = new Map<number, Figures>(schools.map((s) => [s.id, emptyFigures()]));
  const put = (rows: fq.GroupRow[], group: 'staff' | 'students' | 'guardians') => {
    for (const r of rows) {
      const f = bySchool.get(Number(r.school_id));
      if (f) f[group] = { population: Number(r.population), activated: Number(r.activated ?? 0), active: Number(r.active ?? 0) };
    }
  };
  put(staff, 'staff');
  put(students, 'students');
  put(guardians, 'guardians');
  for (const r of lessons) {
    const f = bySchool.get(Number(r.school_id));
    if (f) {
      f.lessonsPast = Number(r.past);
      f.lessonsWithTopic = Number(r.with_topic ?? 0);
    }
  }
  for (const r of marks) {
    const f = bySchool.get(Number(r.school_id));
    if (f) {
      f.marksEntered = Number(r.marks_entered ?? 0);
      f.marksLate = Number(r.marks_late ?? 0);
    }
  }
  for (const [schoolId, count] of consents) {
    const f = bySchool.get(schoolId);
    if (f) f.consents = count;
  }
  return schools.map((s) => ({ schoolId: s.id, regionId: s.region_id, municipalityId: s.municipality_id, figures: bySchool.get(s.id)! }));
}
