/**
 * SQL of the diary. The week view is the hottest read of the system, so its
 * queries are prepared once (hotQuery) and each filters by the pupil first,
 * through the indexes of class_members, courses, lessons and marks.
 */
import { sql, type Kysely } from 'kysely';
import { inJsonIds, type Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** The pupil's class memberships with their class, year bounds and name. Parameters: student. */
export const memberships = hotQuery((db) =>
  db
    .selectFrom('class_members as cm')
    .innerJoin('classes as cl', 'cl.id', 'cm.class_id')
    .innerJoin('academic_years as ay', 'ay.id', 'cl.academic_year_id')
    .innerJoin('persons as p', 'p.id', 'cm.student_person_id')
    .select([
      'cm.school_id as schoolId',
      'cm.class_id as classId',
      'cm.from_date as fromDate',
      'cm.to_date as toDate',
      'cl.name as className',
      'cl.grade as grade',
      'cl.academic_year_id as yearId',
      'ay.starts_on as yearStart',
      'ay.ends_on as yearEnd',
      'p.surname as surname',
      'p.name as name',
    ])
    .where('cm.student_person_id', '=', 0)
    .orderBy('cm.from_date'),
);
/** One class membership of a pupil, with the class and its year. */
export type Membership = Awaited<ReturnType<typeof memberships.all>>[number];

/**
 * What a pupil's week is built from besides the lessons' own rows: the
 * journal revisions of every course of the pupil's classes (bumped by each
 * journal write and timetable change, see journal_revisions). Parameters:
 * school ids and class ids, each as JSON.
 */
export const revisionOfClasses = hotQuery((db, dialect) =>
  db
    .selectFrom('courses as c')
    .innerJoin('journal_revisions as jr', 'jr.course_id', 'c.id')
    // Revisions only grow; the count also moves when a course (and its revision rows) goes.
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('jr.rev'), sql.lit(0)).as('rev'), eb.fn.countAll<number>().as('grids')])
    .where(inJsonIds(dialect, 'c.school_id', ''))
    .where(inJsonIds(dialect, 'c.class_id', '')),
);

/** The pupil's group memberships, which decide the group courses' lessons of each date. */
export const groupsOf = hotQuery((db) =>
  db.selectFrom('group_members').select(['id', 'group_id', 'from_date', 'to_date']).where('student_person_id', '=', 0).orderBy('id'),
);

/**
 * The pupil's lessons between two dates: class courses, and group courses of
 * the groups the pupil belongs to on the lesson's date. Group courses of the
 * class whose groups the pupil is not in during those dates are dropped
 * before their lessons are read (a class has two or three such courses).
 */
const lessonsBetweenQuery = hotQuery((db) =>
  db
    .selectFrom('class_members as cm')
    .innerJoin('courses as c', (j) =>
      j
        .onRef('c.school_id', '=', 'cm.school_id')
        .onRef('c.class_id', '=', 'cm.class_id')
        .on((eb) =>
          eb.or([
            eb('c.group_id', 'is', null),
            eb.exists(
              eb
                .selectFrom('group_members as g2')
                .select('g2.id')
                .whereRef('g2.group_id', '=', 'c.group_id')
                .where('g2.student_person_id', '=', 0)
                .where('g2.from_date', '<=', '')
                .where((e2) => e2.or([e2('g2.to_date', 'is', null), e2('g2.to_date', '>=', '')])),
            ),
          ]),
        ),
    )
    .innerJoin('lessons as l', 'l.course_id', 'c.id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .leftJoin('persons as t', 't.id', 'l.teacher_person_id')
    .select([
      'l.id as id',
      'l.school_id as schoolId',
      'l.course_id as courseId',
      'l.date as date',
      'l.number as number',
      'l.topic as topic',
      'l.homework as homework',
      'l.status as status',
      'l.homework_entered_at as homeworkAt',
      's.name as subject',
      't.surname as tSurname',
      't.name as tName',
      't.patronymic as tPatronymic',
    ])
    .where('cm.student_person_id', '=', 0)
    .where('l.date', '>=', '')
    .where('l.date', '<=', '')
    .whereRef('l.date', '>=', 'cm.from_date')
    .where((eb) => eb.or([eb('cm.to_date', 'is', null), eb('cm.to_date', '>=', eb.ref('l.date'))]))
    .where((eb) =>
      eb.or([
        eb('c.group_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('group_members as gm')
            .select('gm.id')
            .whereRef('gm.group_id', '=', 'c.group_id')
            .where('gm.student_person_id', '=', 0)
            .whereRef('gm.from_date', '<=', 'l.date')
            .where((e2) => e2.or([e2('gm.to_date', 'is', null), e2('gm.to_date', '>=', e2.ref('l.date'))])),
        ),
      ]),
    )
    .orderBy('l.date')
    .orderBy('l.number'),
);

/** The pupil's lessons from `from` to `to` (dates, both included), by date and number. */
export function lessonsBetween(db: Db, studentId: number, from: string, to: string) {
  // The parameters in the statement's order: the group check of the join, then the where clause.
  return lessonsBetweenQuery.all(db, [studentId, to, from, studentId, from, to, studentId]);
}

/**
 * The pupil's marks on the given lessons (the week's, from lessonsBetween):
 * one seek per lesson in marks (lesson_id, student_person_id), instead of
 * walking the pupil's marks of the whole year and joining their lessons.
 * Parameters: the lessons' ids as JSON (`JSON.stringify(ids)`), student.
 */
export const marksOfLessons = hotQuery((db, dialect) =>
  db
    .selectFrom('marks as m')
    .leftJoin('work_types as w', 'w.id', 'm.work_type_id')
    .select(['m.id as id', 'm.lesson_id as lessonId', 'm.value as value', 'm.weight as weight', 'm.comment as comment', 'm.entered_at as enteredAt', 'w.name as workType'])
    .where(inJsonIds(dialect, 'm.lesson_id', '[]'))
    .where('m.student_person_id', '=', 0)
    .where('m.deleted', '=', sql.lit(0))
    .orderBy('m.id'),
);

/** The pupil's attendance on the given lessons (unique by lesson and pupil). Parameters: lesson ids as JSON, student. */
export const attendanceOfLessons = hotQuery((db, dialect) =>
  db
    .selectFrom('attendance as a')
    .select(['a.lesson_id as lessonId', 'a.code as code'])
    .where(inJsonIds(dialect, 'a.lesson_id', '[]'))
    .where('a.student_person_id', '=', 0),
);

/** Parameters: student, week, guardian. */
export const myConfirmation = hotQuery((db) =>
  db
    .selectFrom('diary_confirmations')
    .select('confirmed_at')
    .where('student_person_id', '=', 0)
    .where('week', '=', '')
    .where('guardian_person_id', '=', 0),
);

/** Homework files of the given lessons. Parameters: lesson ids as JSON. */
export const filesOf = hotQuery((db, dialect) =>
  db
    .selectFrom('homework_files')
    .select(['id', 'lesson_id as lessonId', 'name', 'size'])
    .where(inJsonIds(dialect, 'lesson_id', '[]'))
    .where('deleted', '=', sql.lit(0))
    .orderBy('id'),
);

/** Every mark of the pupil in a term (with subject and date), for the marks-by-subject view. */
export function termMarks(db: Q, schoolId: number, studentId: number, termId: number) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .leftJoin('work_types as w', 'w.id', 'm.work_type_id')
    .select(['m.id', 'l.course_id as courseId', 'l.date', 'm.value', 'm.weight', 'm.comment', 'w.name as workType'])
    .where('m.school_id', '=', schoolId)
    .where('m.student_person_id', '=', studentId)
    .where('m.deleted', '=', 0)
    .where('l.term_id', '=', termId)
    .orderBy('l.date')
    .orderBy('m.id')
    .execute();
}

/** The pupil's courses of a year on a date range: class courses, and group courses of their groups. */
export function coursesOf(db: Q, studentId: number, yearId: number, from: string, to: string) {
  return coursesOfPupil(db, studentId)
    .select(['c.id', 's.name as subject'])
    .where('c.academic_year_id', '=', yearId)
    .where('cm.from_date', '<=', to)
    .where((eb) => eb.or([eb('cm.to_date', 'is', null), eb('cm.to_date', '>=', from)]))
    .where((eb) =>
      eb.or([
        eb('c.group_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('group_members as gm')
            .select('gm.id')
            .whereRef('gm.group_id', '=', 'c.group_id')
            .where('gm.student_person_id', '=', studentId)
            .where('gm.from_date', '<=', to)
            .where((e2) => e2.or([e2('gm.to_date', 'is', null), e2('gm.to_date', '>=', from)])),
        ),
      ]),
    )
    .distinct()
    .orderBy('s.name')
    .execute();
}

export function termsOfYear(db: Q, yearId: number, grade: number) {
  return db
    .selectFrom('terms')
    .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('academic_year_id', '=', yearId)
    .where('grade_from', '<=', grade)
    .where('grade_to', '>=', grade)
    .orderBy('starts_on')
    .execute();
}

export function termMarksOf(db: Q, studentId: number, termId: number) {
  return db.selectFrom('term_marks').select(['course_id as courseId', 'value']).where('student_person_id', '=', studentId).where('term_id', '=', termId).execute();
}

export function yearMarksOf(db: Q, studentId: number, yearId: number) {
  return db.selectFrom('year_marks').select(['course_id as courseId', 'value']).where('student_person_id', '=', studentId).where('academic_year_id', '=', yearId).execute();
}

/** Marks entered or changed since an instant (deleted ones too: a removal is a correction). */
export function marksChangedSince(db: Q, schoolId: number, studentId: number, since: string) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('courses as c', 'c.id', 'l.course_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .leftJoin('work_types as w', 'w.id', 'm.work_type_id')
    .select(['m.id', 'm.value', 'm.version', 'm.deleted', 'm.entered_at as enteredAt', 'm.updated_at as updatedAt', 'l.date', 's.name as subject', 'w.name as workType'])
    .where('m.school_id', '=', schoolId)
    .where('m.student_person_id', '=', studentId)
    .where((eb) => eb.or([eb('m.entered_at', '>=', since), eb('m.updated_at', '>=', since)]))
    .execute();
}

/**
 * The pupil's courses over every class membership (with the subject): the
 * base of coursesOf, and the way in to term and year marks, whose unique keys
 * start with the course (there is no index by pupil alone, and a scan of a
 * region's term marks would be millions of rows).
 */
function coursesOfPupil(db: Q, studentId: number) {
  return db
    .selectFrom('class_members as cm')
    .innerJoin('courses as c', (j) => j.onRef('c.school_id', '=', 'cm.school_id').onRef('c.class_id', '=', 'cm.class_id'))
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .where('cm.student_person_id', '=', studentId);
}

export function termMarksChangedSince(db: Q, studentId: number, since: string) {
  return coursesOfPupil(db, studentId)
    .innerJoin('terms as t', (j) => j.onRef('t.school_id', '=', 'c.school_id').onRef('t.academic_year_id', '=', 'c.academic_year_id'))
    .innerJoin('term_marks as tm', (j) => j.onRef('tm.course_id', '=', 'c.id').onRef('tm.term_id', '=', 't.id').onRef('tm.student_person_id', '=', 'cm.student_person_id'))
    .select(['tm.id', 'tm.value', 'tm.updated_at as at', 's.name as subject', 't.name as term', 't.ends_on as date'])
    .distinct()
    .where('tm.updated_at', '>=', since)
    .execute();
}

/** Year marks set or changed since an instant; `date` is the last day of the academic year. */
export function yearMarksChangedSince(db: Q, studentId: number, since: string) {
  return coursesOfPupil(db, studentId)
    .innerJoin('year_marks as ym', (j) =>
      j.onRef('ym.course_id', '=', 'c.id').onRef('ym.academic_year_id', '=', 'c.academic_year_id').onRef('ym.student_person_id', '=', 'cm.student_person_id'),
    )
    .innerJoin('academic_years as ay', 'ay.id', 'c.academic_year_id')
    .select(['ym.id', 'ym.value', 'ym.updated_at as at', 's.name as subject', 'ay.name as year', 'ay.ends_on as date'])
    .distinct()
    .where('ym.updated_at', '>=', since)
    .execute();
}

export function seenUpTo(db: Q, viewerId: number, studentId: number) {
  return db.selectFrom('diary_seen').select(['id', 'seen_up_to']).where('viewer_person_id', '=', viewerId).where('student_person_id', '=', studentId).executeTakeFirst();
}

export function peopleWithClass(db: Q, personIds: number[], today: string) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('persons as p')
    .leftJoin('class_members as cm', (j) =>
      j.onRef('cm.student_person_id', '=', 'p.id').on('cm.from_date', '<=', today).on((eb) => eb.or([eb('cm.to_date', 'is', null), eb('cm.to_date', '>=', today)])),
    )
    .leftJoin('classes as cl', 'cl.id', 'cm.class_id')
    .leftJoin('schools as sc', 'sc.id', 'cm.school_id')
    .select(['p.id', 'p.surname', 'p.name', 'cm.school_id as schoolId', 'sc.name as schoolName', 'cl.name as className'])
    .where('p.id', 'in', personIds)
    .orderBy('p.name')
    .execute();
}

/** Pupils of a class during a week, their guardians and who of them confirmed the week. */
export async function classConfirmations(db: Q, classId: number, week: string, saturday: string) {
  const pupils = await db
    .selectFrom('class_members as cm')
    .innerJoin('persons as p', 'p.id', 'cm.student_person_id')
    .select(['p.id', 'p.surname', 'p.name'])
    .where('cm.class_id', '=', classId)
    .where('cm.from_date', '<=', saturday)
    .where((eb) => eb.or([eb('cm.to_date', 'is', null), eb('cm.to_date', '>=', week)]))
    .distinct()
    .orderBy('p.surname')
    .orderBy('p.name')
    .execute();
  const ids = pupils.map((p) => p.id);
  const confirmations = ids.length
    ? await db
        .selectFrom('diary_confirmations as d')
        .innerJoin('persons as g', 'g.id', 'd.guardian_person_id')
        .select(['d.student_person_id as studentId', 'd.confirmed_at as at', 'g.surname', 'g.name', 'g.patronymic'])
        .where('d.student_person_id', 'in', ids)
        .where('d.week', '=', week)
        .orderBy('d.confirmed_at')
        .execute()
    : [];
  return { pupils, confirmations };
}

export function insertSeen(db: Q, row: { school_id: number; viewer_person_id: number; student_person_id: number; seen_up_to: string }) {
  return db.insertInto('diary_seen').values(row).execute();
}

export function updateSeen(db: Q, id: number, seenUpTo: string) {
  return db.updateTable('diary_seen').set({ seen_up_to: seenUpTo }).where('id', '=', id).execute();
}

export function insertConfirmation(db: Q, row: { school_id: number; student_person_id: number; guardian_person_id: number; week: string; confirmed_at: string }) {
  return db.insertInto('diary_confirmations').values(row).execute();
}

/** A class with its school and its academic year's bounds. */
export function classWithYear(db: Q, classId: number) {
  return db
    .selectFrom('classes as c')
    .innerJoin('academic_years as ay', 'ay.id', 'c.academic_year_id')
    .select(['c.id', 'c.school_id as schoolId', 'c.name', 'ay.starts_on as yearStart', 'ay.ends_on as yearEnd'])
    .where('c.id', '=', classId)
    .executeTakeFirst();
}

export async function notificationSettingsOf(db: Q, personId: number) {
  const [row, person] = await Promise.all([
    db.selectFrom('notification_settings').select('mode').where('person_id', '=', personId).executeTakeFirst(),
    db.selectFrom('persons').select('email').where('id', '=', personId).executeTakeFirst(),
  ]);
  return { mode: row?.mode ?? null, email: person?.email ?? null };
}

export async function saveNotificationMode(db: Q, personId: number, mode: 'instant' | 'daily' | 'weekly' | 'none', at: string) {
  const updated = await db.updateTable('notification_settings').set({ mode, updated_at: at }).where('person_id', '=', personId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('notification_settings').values({ person_id: personId, mode, updated_at: at }).execute();
}
