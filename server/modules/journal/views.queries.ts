/** SQL of the read views around the grid: the teacher's home block and the class teacher's class. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** The teacher's scheduled lessons between two dates: their own, or, where a lesson names no teacher, of their courses. */
export function teacherLessons(db: Q, teacherId: number, courseIds: readonly number[], from: string, to: string) {
  const mine = (eb: any) =>
    courseIds.length > 0
      ? eb.or([eb('lessons.teacher_person_id', '=', teacherId), eb.and([eb('lessons.teacher_person_id', 'is', null), eb('lessons.course_id', 'in', courseIds)])])
      : eb('lessons.teacher_person_id', '=', teacherId);
  return db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select((eb) => [
      'lessons.id', 'lessons.course_id', 'lessons.term_id', 'lessons.date', 'lessons.number', 'lessons.topic', 'classes.name as class_name', 'subjects.name as subject', 'class_groups.name as group_name',
      eb.exists(eb.selectFrom('attendance').select('attendance.id').whereRef('attendance.lesson_id', '=', 'lessons.id')).as('has_attendance'),
      eb.exists(eb.selectFrom('marks').select('marks.id').whereRef('marks.lesson_id', '=', 'lessons.id')).as('has_marks'),
    ])
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .where('lessons.status', '=', 'scheduled')
    .where(mine)
    .orderBy('lessons.date')
    .orderBy('lessons.number')
    .execute();
}

export async function coursesWithClass(db: Q, courseIds: readonly number[]) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('courses')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select(['courses.id', 'classes.name as class_name', 'classes.grade', 'subjects.name as subject', 'class_groups.name as group_name'])
    .where('courses.id', 'in', courseIds)
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .orderBy('subjects.name')
    .execute();
}

/** The class with its school's settings and its academic year's bounds. */
export function classWithYear(db: Q, classId: number) {
  return db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .innerJoin('academic_years', 'academic_years.id', 'classes.academic_year_id')
    .select([
      'classes.id', 'classes.school_id', 'classes.academic_year_id', 'classes.grade', 'classes.name', 'schools.settings',
      'academic_years.starts_on as yearStart', 'academic_years.ends_on as yearEnd',
    ])
    .where('classes.id', '=', classId)
    .executeTakeFirst();
}

export function coursesOfClass(db: Q, classId: number) {
  return db
    .selectFrom('courses')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select(['courses.id', 'subjects.name as subject', 'class_groups.name as group_name'])
    .where('courses.class_id', '=', classId)
    .orderBy('subjects.name')
    .execute();
}

/** The term of a grade that had begun by a date (the latest such). */
export function termOfGrade(db: Q, academicYearId: number, grade: number, asOf: string) {
  return db
    .selectFrom('terms')
    .selectAll()
    .where('academic_year_id', '=', academicYearId)
    .where('starts_on', '<=', asOf)
    .where('grade_from', '<=', grade)
    .where('grade_to', '>=', grade)
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();
}

export async function absencesOfCourses(db: Q, courseIds: number[], from: string, to: string) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('attendance')
    .innerJoin('lessons', 'lessons.id', 'attendance.lesson_id')
    .select(['attendance.student_person_id', 'lessons.date', 'lessons.number', 'lessons.course_id', 'attendance.code'])
    .where('lessons.course_id', 'in', courseIds)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .orderBy('lessons.date')
    .orderBy('lessons.number')
    .execute();
}

export async function marksOfCoursesInTerm(db: Q, courseIds: number[], termId: number) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('marks')
    .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
    .select(['marks.student_person_id', 'lessons.course_id', 'marks.value', 'marks.weight'])
    .where('lessons.course_id', 'in', courseIds)
    .where('lessons.term_id', '=', termId)
    .where('marks.deleted', '=', 0)
    .execute();
}

export async function termMarksOfCourses(db: Q, courseIds: number[], termId: number) {
  if (courseIds.length === 0) return [];
  return db.selectFrom('term_marks').select(['student_person_id', 'course_id', 'value']).where('course_id', 'in', courseIds).where('term_id', '=', termId).execute();
}
