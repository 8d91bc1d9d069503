/**
 * A synthetic school of about 1 000 pupils with a full year of journal data,
 * for the reports benchmarks (the demo region gains lessons and marks only
 * when the set-up and journal parts are merged): 36 classes of 28 pupils,
 * 10 courses each, 3 lessons a week from 1 Sep to 26 May, each with a topic
 * and mostly homework, a mark for a third of the pupils at each lesson, 5 %
 * absences, the four term marks and the year mark: the state of a school at
 * the year's end, when its archive is printed. Generated once into
 * bench/data/ and reused.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../server/context.js';
import { insertRows } from '../../server/db/bulk.js';
import { Random } from '../../server/demo/random.js';
import { makeRegionTree } from '../../server/test/factories.js';
import { makeSchoolYear } from '../../server/test/structure-factories.js';
import { addDays, isoWeekday } from '../../shared/dates.js';
import { BENCH_DIR, openSqlite } from './dataset.js';

const SUBJECTS = ['Русский язык', 'Литература', 'Математика', 'Английский язык', 'История', 'Обществознание', 'География', 'Биология', 'Физика', 'Химия'];
const LETTERS = ['А', 'Б', 'В', 'Г'];
const TOPICS = [
  'Повторение изученного', 'Сложение и вычитание дробей с разными знаменателями', 'Контрольная работа по теме «Уравнения»',
  'Работа над ошибками', 'Причастный оборот. Знаки препинания при причастном обороте', 'Практическая работа № 3: определение координат по карте',
];
/** Lessons up to this day carry topics and marks: the whole year. */
const LAST_DAY = '2027-05-26';

export async function ensureReportsSchool(log: (m: string) => void): Promise<{ file: string; schoolId: number }> {
  const file = join(BENCH_DIR, 'data', 'reports-school-year.sqlite');
  if (existsSync(file)) return { file, schoolId: 1 };
  mkdirSync(join(BENCH_DIR, 'data'), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const ctx = await openSqlite(partial);
  const started = Date.now();
  await generate(ctx);
  log(`reports school generated in ${Date.now() - started} ms`);
  ctx.db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  await ctx.db.close();
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, file);
  return { file, schoolId: 1 };
}

async function generate(ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  const rnd = new Random(7);
  const now = ctx.clock.now().toISOString();
  const { school } = await makeRegionTree(ctx, 'bench');
  const schoolId = school.id;
  const { yearId, termIds } = await makeSchoolYear(ctx, schoolId);
  const terms = await db.selectFrom('terms').selectAll().where('academic_year_id', '=', yearId).orderBy('starts_on').execute();
  const subjectIds = await insertRows(ctx.db, db, 'subjects', SUBJECTS.map((name) => ({ school_id: schoolId, name, short_name: name.slice(0, 10), double_marks: 0, pass_fail: 0, no_marks_grade1: 1 })), true);
  const person = (surname: string, name: string) => ({ surname, name, patronymic: '', birth_date: null, email: null, phone: null, external_id: null, created_at: now });
  const teacherIds = await insertRows(ctx.db, db, 'persons', Array.from({ length: 40 }, (_, i) => person(`Учитель${i + 1}`, 'Анна')), true);
  const days: string[] = [];
  for (let d = '2026-09-01'; d <= '2027-05-26'; d = addDays(d, 1)) if (isoWeekday(d) <= 5 && terms.some((t) => t.starts_on <= d && t.ends_on >= d)) days.push(d);
  const termOf = (d: string) => terms.find((t) => t.starts_on <= d && t.ends_on >= d)!.id;
  let classNo = 0;
  for (let grade = 2; grade <= 11 && classNo < 36; grade++) {
    for (const letter of LETTERS) {
      if (classNo >= 36) break;
      classNo++;
      await db.transaction().execute(async (trx) => {
        const { id: classId } = await trx.insertInto('classes').values({ school_id: schoolId, academic_year_id: yearId, grade, letter, name: `${grade}${letter}`, shift: 1, class_teacher_person_id: null }).returning('id').executeTakeFirstOrThrow();
        const pupils = await insertRows(ctx.db, trx, 'persons', Array.from({ length: 28 }, (_, i) => person(`Ученик${String(i + 1).padStart(2, '0')}`, `Класс${grade}${letter}`)), true);
        await insertRows(ctx.db, trx, 'class_members', pupils.map((p) => ({ school_id: schoolId, class_id: classId, student_person_id: p, from_date: '2026-09-01', to_date: null })));
        const courseIds = await insertRows(ctx.db, trx, 'courses', subjectIds.map((s) => ({ school_id: schoolId, academic_year_id: yearId, class_id: classId, group_id: null, subject_id: s, hours_per_week: 3 })), true);
        await insertRows(ctx.db, trx, 'course_teachers', courseIds.map((c, i) => ({ school_id: schoolId, course_id: c, teacher_person_id: teacherIds[(classNo * 3 + i) % teacherIds.length]! })));
        for (const [ci, courseId] of courseIds.entries()) {
          const teacher = teacherIds[(classNo * 3 + ci) % teacherIds.length]!;
          const dates = days.filter((d) => (isoWeekday(d) + ci) % 5 < 3);
          const lessonIds = await insertRows(ctx.db, trx, 'lessons', dates.map((date) => ({
            school_id: schoolId, course_id: courseId, term_id: termOf(date), date, number: (ci % 6) + 1, room: '', teacher_person_id: teacher, status: 'scheduled' as const, origin: 'timetable' as const,
            topic: date <= LAST_DAY ? `${rnd.pick(TOPICS)} (${date})` : '', homework: date <= LAST_DAY && rnd.chance(0.8) ? `§ ${rnd.int(1, 40)}, № ${rnd.int(100, 900)}` : '', work_type_id: null, is_control: 0,
            topic_entered_at: date <= LAST_DAY ? `${date}T08:00:00.000Z` : null, homework_entered_at: null, version: 1,
          })), true);
          const marks: Array<Record<string, unknown>> = [];
          const absences: Array<Record<string, unknown>> = [];
          lessonIds.forEach((lessonId, li) => {
            if (dates[li]! > LAST_DAY) return;
            for (const p of pupils) {
              if (rnd.chance(0.33)) {
                const value = String(Math.max(2, Math.min(5, Math.round(rnd.normal(4, 0.8)))));
                marks.push({ school_id: schoolId, lesson_id: lessonId, student_person_id: p, value, numeric: Number(value), weight: 1, work_type_id: null, comment: '', entered_by: teacher, entered_at: `${dates[li]}T08:00:00.000Z`, updated_at: now, version: 1, deleted: 0 });
              } else if (rnd.chance(0.05)) {
                absences.push({ school_id: schoolId, lesson_id: lessonId, student_person_id: p, code: rnd.pick(['absent', 'ill', 'excused', 'late']), entered_by: teacher, entered_at: now, updated_at: now, version: 1 });
              }
            }
          });
          await insertRows(ctx.db, trx, 'marks', marks as never);
          await insertRows(ctx.db, trx, 'attendance', absences as never);
          const termMarks = termIds.flatMap((termId) => pupils.map((p) => ({ school_id: schoolId, course_id: courseId, term_id: termId, student_person_id: p, value: String(rnd.int(2, 5)), entered_by: teacher, entered_at: now, updated_at: now, version: 1 })));
          await insertRows(ctx.db, trx, 'term_marks', termMarks);
          await insertRows(ctx.db, trx, 'year_marks', pupils.map((p) => ({ school_id: schoolId, course_id: courseId, academic_year_id: yearId, student_person_id: p, value: String(rnd.int(3, 5)), entered_by: teacher, entered_at: now, updated_at: now, version: 1 })));
        }
      });
    }
  }
}
