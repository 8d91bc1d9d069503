/**
 * Until the school set-up part of the demo (classes, timetable, lessons) is
 * merged, the region dataset has pupils but no lessons. This fills the
 * working copy (never the kept dataset) with a realistic year for the
 * diary: per school classes of 25 enrolled pupils, 10 courses each, 30
 * lessons a week for the whole year up to the benchmark's week, ≈10 marks
 * per pupil a week, a few absences. Skipped when lessons already exist.
 */
import type { AppContext } from '../../server/context.js';
import { insertRows } from '../../server/db/bulk.js';
import { addDays } from '../../shared/dates.js';

const SUBJECTS = ['Русский язык', 'Литература', 'Математика', 'История', 'Обществознание', 'География', 'Биология', 'Физика', 'Английский язык', 'Физкультура'];

export async function ensureDiaryData(ctx: AppContext, upTo: string, maxSchools = 20): Promise<void> {
  const db = ctx.db.kysely;
  if (await db.selectFrom('lessons').select('id').limit(1).executeTakeFirst()) return;
  const schools = await db.selectFrom('schools').select('id').orderBy('id').limit(maxSchools).execute();
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const at = '2026-09-01T05:00:00.000Z';
  for (const { id: schoolId } of schools) {
    await db.transaction().execute(async (trx) => {
      const pupils = (await trx.selectFrom('enrolments').select('person_id').where('school_id', '=', schoolId).orderBy('id').execute()).map((r) => r.person_id);
      const teacher = (await trx.selectFrom('staff').select('person_id').where('school_id', '=', schoolId).executeTakeFirst())?.person_id ?? pupils[0];
      if (!teacher || pupils.length === 0) return;
      const { id: yearId } = await trx.insertInto('academic_years').values({ school_id: schoolId, name: '2026/2027', starts_on: '2026-09-01', ends_on: '2027-05-31' }).returning('id').executeTakeFirstOrThrow();
      const termIds = await insertRows(ctx.db, trx, 'terms', [
        { school_id: schoolId, academic_year_id: yearId, kind: 'quarter', number: 1, name: '1 четверть', starts_on: '2026-09-01', ends_on: '2026-10-24', grade_from: 1, grade_to: 11 },
        { school_id: schoolId, academic_year_id: yearId, kind: 'quarter', number: 2, name: '2 четверть', starts_on: '2026-11-03', ends_on: '2026-12-28', grade_from: 1, grade_to: 11 },
        { school_id: schoolId, academic_year_id: yearId, kind: 'quarter', number: 3, name: '3 четверть', starts_on: '2027-01-12', ends_on: '2027-03-20', grade_from: 1, grade_to: 11 },
        { school_id: schoolId, academic_year_id: yearId, kind: 'quarter', number: 4, name: '4 четверть', starts_on: '2027-03-30', ends_on: '2027-05-26', grade_from: 1, grade_to: 11 },
      ], true);
      const terms = [['2026-09-01', '2026-10-24'], ['2026-11-03', '2026-12-28'], ['2027-01-12', '2027-03-20'], ['2027-03-30', '2027-05-26']] as const;
      const termOf = (d: string) => termIds[terms.findIndex(([a, b]) => d >= a && d <= b)];
      const subjectIds = await insertRows(ctx.db, trx, 'subjects', SUBJECTS.map((name) => ({ school_id: schoolId, name, short_name: name.slice(0, 10), double_marks: 0, pass_fail: 0, no_marks_grade1: 1 })), true);
      for (let c = 0; c * 25 < pupils.length; c++) {
        const members = pupils.slice(c * 25, c * 25 + 25);
        const { id: classId } = await trx.insertInto('classes').values({ school_id: schoolId, academic_year_id: yearId, grade: 5 + (c % 7), letter: String.fromCharCode(1040 + Math.floor(c / 7)), name: `c${c}`, shift: 1, class_teacher_person_id: null }).returning('id').executeTakeFirstOrThrow();
        await insertRows(ctx.db, trx, 'class_members', members.map((p) => ({ school_id: schoolId, class_id: classId, student_person_id: p, from_date: '2026-09-01', to_date: null })));
        const courseIds = await insertRows(ctx.db, trx, 'courses', subjectIds.map((s) => ({ school_id: schoolId, academic_year_id: yearId, class_id: classId, group_id: null, subject_id: s, hours_per_week: 3 })), true);
        const lessons = [];
        for (let d = '2026-09-01'; d <= upTo; d = addDays(d, 1)) {
          const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
          if (wd === 0 || !termOf(d)) continue;
          for (let n = 1; n <= 5; n++) {
            lessons.push({ school_id: schoolId, course_id: courseIds[(wd * 5 + n) % courseIds.length]!, term_id: termOf(d)!, date: d, number: n, room: '101', teacher_person_id: teacher, status: 'scheduled' as const, origin: 'timetable' as const, topic: 'Решение задач по теме урока', homework: '§ 12, № 345, 346', work_type_id: null, is_control: 0, topic_entered_at: at, homework_entered_at: at, version: 1 });
          }
        }
        const lessonIds = await insertRows(ctx.db, trx, 'lessons', lessons, true);
        const marks = [];
        const absences = [];
        for (const lessonId of lessonIds) {
          for (const p of members) {
            const x = rnd();
            if (x < 0.33) marks.push({ school_id: schoolId, lesson_id: lessonId, student_person_id: p, value: String(2 + Math.floor(rnd() * 4)), numeric: null, weight: 1, work_type_id: null, comment: '', entered_by: teacher, entered_at: at, updated_at: at, version: 1, deleted: 0 });
            else if (x > 0.985) absences.push({ school_id: schoolId, lesson_id: lessonId, student_person_id: p, code: 'ill' as const, entered_by: teacher, entered_at: at, updated_at: at, version: 1 });
          }
        }
        await insertRows(ctx.db, trx, 'marks', marks);
        await insertRows(ctx.db, trx, 'attendance', absences);
      }
    });
  }
}
