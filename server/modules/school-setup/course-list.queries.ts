/** The courses tab's paged list (the whole-year list for the timetable and class pages stays in school-setup.queries). */
import type { Kysely } from 'kysely';
import { containsInsensitive, type DialectName } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface CoursePageInput {
  yearId: number;
  classId?: number;
  words: string[];
  limit: number;
  offset: number;
}

/** One page of a year's courses in class order (grade, letter), then subject, then id so pages never overlap; and the total. */
export async function pageCourses(db: Q, dialect: DialectName, input: CoursePageInput) {
  let query = db
    .selectFrom('courses')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .where('courses.academic_year_id', '=', input.yearId);
  if (input.classId !== undefined) query = query.where('courses.class_id', '=', input.classId);
  // Every word must match the subject or one of the course's teachers (surname, name or patronymic).
  for (const word of input.words) {
    query = query.where((eb) =>
      eb.or([
        containsInsensitive(dialect, 'subjects.name', word),
        containsInsensitive(dialect, 'subjects.short_name', word),
        eb.exists(
          eb
            .selectFrom('course_teachers')
            .innerJoin('persons', 'persons.id', 'course_teachers.teacher_person_id')
            .select('course_teachers.id')
            .whereRef('course_teachers.course_id', '=', 'courses.id')
            .where((e2) =>
              e2.or([
                containsInsensitive(dialect, 'persons.surname', word),
                containsInsensitive(dialect, 'persons.name', word),
                containsInsensitive(dialect, 'persons.patronymic', word),
              ]),
            ),
        ),
      ]),
    );
  }
  const rows = query
    .select([
      'courses.id',
      'courses.class_id',
      'courses.group_id',
      'courses.subject_id',
      'courses.hours_per_week',
      'classes.name as class_name',
      'subjects.name as subject',
      'class_groups.name as group_name',
    ])
    .orderBy('classes.grade')
    .orderBy('classes.letter')
    .orderBy('classes.id')
    .orderBy('subjects.name')
    .orderBy('courses.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const total = query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Promise.all([rows, total]);
}

/** Teachers of the given courses, in the order they were named. */
export function teachersOfCourses(db: Q, courseIds: number[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('course_teachers')
    .select(['course_id', 'teacher_person_id'])
    .where('course_id', 'in', courseIds)
    .orderBy('id')
    .execute();
}
