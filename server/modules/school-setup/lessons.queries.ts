import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** Lesson rows per INSERT: 16 columns, under both databases' bound-parameter limits. */
const LESSON_CHUNK = 1000;

export interface NewLesson {
  school_id: number;
  course_id: number;
  term_id: number;
  date: string;
  number: number;
  room: string;
  teacher_person_id: number | null;
  status: 'scheduled' | 'cancelled';
  origin: 'timetable' | 'manual';
}

// The journal's columns start empty.
const EMPTY = { topic: '', homework: '', work_type_id: null, is_control: 0, topic_entered_at: null, homework_entered_at: null, version: 1 } as const;

/** Bulk insert without RETURNING (the demo writes millions of lessons); the caller holds the transaction. */
export async function insertLessons(db: Q, rows: NewLesson[]): Promise<void> {
  for (let i = 0; i < rows.length; i += LESSON_CHUNK) {
    await db
      .insertInto('lessons')
      .values(rows.slice(i, i + LESSON_CHUNK).map((r) => ({ ...r, ...EMPTY })))
      .execute();
  }
}

export function insertLesson(db: Q, row: NewLesson) {
  return db.insertInto('lessons').values({ ...row, ...EMPTY }).returning('id').executeTakeFirstOrThrow();
}

/** Lessons of some courses on or after a date. */
export function lessonsFrom(db: Q, courseIds: number[], fromDate: string) {
  if (!courseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('lessons')
    .select(['id', 'course_id', 'term_id', 'date', 'number', 'status', 'origin', 'topic', 'homework'])
    .where('course_id', 'in', courseIds)
    .where('date', '>=', fromDate)
    .execute();
}

/**
 * Why a lesson must survive a regeneration of the timetable: the plan it
 * holds (a topic or homework). What it holds in the journal (marks,
 * attendance) the journal's service tells (journal.lessonsWithEntries).
 */
export async function lessonDataReasons(db: Q, lessonIds: number[]): Promise<Map<number, string[]>> {
  const reasons = new Map<number, string[]>();
  const add = (id: number, reason: string) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  for (let i = 0; i < lessonIds.length; i += 5000) {
    const chunk = lessonIds.slice(i, i + 5000);
    const rows = await db
      .selectFrom('lessons')
      .select(['id', 'topic', 'homework'])
      .where('id', 'in', chunk)
      .where((eb) => eb.or([eb('topic', '!=', ''), eb('homework', '!=', '')]))
      .execute();
    for (const r of rows) {
      if (r.topic !== '') add(r.id, 'topic');
      if (r.homework !== '') add(r.id, 'homework');
    }
  }
  return reasons;
}

export async function deleteLessons(db: Q, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    await db.deleteFrom('lessons').where('id', 'in', ids.slice(i, i + 5000)).execute();
  }
}

export function findLesson(db: Q, id: number) {
  return db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .select([
      'lessons.id',
      'lessons.school_id',
      'lessons.course_id',
      'lessons.term_id',
      'lessons.date',
      'lessons.number',
      'lessons.room',
      'lessons.teacher_person_id',
      'lessons.status',
      'lessons.origin',
      'lessons.version',
      'courses.class_id',
      'courses.group_id',
      'courses.academic_year_id',
      'classes.grade',
    ])
    .where('lessons.id', '=', id)
    .executeTakeFirst();
}

export function updateLesson(
  db: Q,
  id: number,
  patch: Partial<{ date: string; number: number; room: string; term_id: number; teacher_person_id: number | null; status: 'scheduled' | 'cancelled'; origin: 'timetable' | 'manual' }>,
) {
  return db
    .updateTable('lessons')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Scheduled lessons of a school on one date, with class, group, shift and teachers, for clash checks. */
export async function lessonsOn(db: Q, schoolId: number, date: string) {
  const rows = await db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .select([
      'lessons.id',
      'lessons.number',
      'lessons.teacher_person_id',
      'lessons.room',
      'courses.class_id',
      'courses.group_id',
      'classes.shift',
      'classes.name as class_name',
      'subjects.name as subject',
    ])
    .where('lessons.school_id', '=', schoolId)
    .where('lessons.date', '=', date)
    .where('lessons.status', '=', 'scheduled')
    .execute();
  return rows;
}

/** The lessons of a school in a date range, for a class or a teacher (original or substitute). */
export function lessonsBetween(db: Q, schoolId: number, from: string, to: string, filter: { classId?: number; teacherPersonId?: number }) {
  let query = db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .leftJoin('persons', 'persons.id', 'lessons.teacher_person_id')
    .select([
      'lessons.id',
      'lessons.date',
      'lessons.number',
      'lessons.room',
      'lessons.status',
      'lessons.origin',
      'lessons.topic',
      'lessons.homework',
      'lessons.teacher_person_id',
      'lessons.course_id',
      'lessons.version',
      'classes.id as class_id',
      'classes.name as class_name',
      'classes.shift',
      'subjects.name as subject',
      'class_groups.name as group_name',
      'persons.surname',
      'persons.name as teacher_name',
      'persons.patronymic',
    ])
    .where('lessons.school_id', '=', schoolId)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to);
  if (filter.classId !== undefined) query = query.where('courses.class_id', '=', filter.classId);
  if (filter.teacherPersonId !== undefined) {
    const teacher = filter.teacherPersonId;
    query = query.where((eb) =>
      eb.or([
        eb('lessons.teacher_person_id', '=', teacher),
        eb.and([
          eb('lessons.teacher_person_id', 'is', null),
          eb('courses.id', 'in', eb.selectFrom('course_teachers').select('course_id').where('teacher_person_id', '=', teacher)),
        ]),
      ]),
    );
  }
  return query.orderBy('lessons.date').orderBy('lessons.number').orderBy('classes.name').execute();
}
