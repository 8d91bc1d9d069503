/** The deputy's list of corrections made after a term lock: one page, newest first, and the count. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export async function pageCorrections(db: Q, input: { schoolId: number; all: boolean; limit: number; offset: number }) {
  let query = db.selectFrom('corrections as c').where('c.school_id', '=', input.schoolId);
  if (!input.all) query = query.where('c.acknowledged_at', 'is', null);
  const rows = query
    .innerJoin('courses', 'courses.id', 'c.course_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('persons as maker', 'maker.id', 'c.made_by')
    .leftJoin('persons as pupil', 'pupil.id', 'c.student_person_id')
    .leftJoin('lessons', 'lessons.id', 'c.lesson_id')
    .select([
      'c.id', 'c.term_id', 'c.course_id', 'subjects.name as subject', 'classes.name as class_name', 'c.entity', 'pupil.surname as ps', 'pupil.name as pn',
      'lessons.date', 'c.old_value', 'c.new_value', 'c.reason', 'maker.surname as ms', 'maker.name as mn', 'maker.patronymic as mp', 'c.made_at', 'c.acknowledged_at',
    ])
    .orderBy('c.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const total = query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const [page, count] = await Promise.all([rows, total]);
  return { rows: page, total: Number(count.n) };
}

export function findCorrection(db: Q, id: number) {
  return db.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst();
}

export function acknowledgeCorrection(db: Q, id: number, by: number, at: string) {
  return db.updateTable('corrections').set({ acknowledged_by: by, acknowledged_at: at }).where('id', '=', id).execute();
}
