/**
 * The demo region's journal: a year of marks, attendance, topics and homework
 * for every past lesson (dates before the clock's today), read from the
 * DATABASE (lessons, courses, class and group members), so it fits whatever
 * the school set-up part generated. Realistic spread: each class has a
 * strength, each pupil an ability and an absence habit (a few are away much
 * more), control works mark everybody, ≈10 marks per pupil per week overall.
 *
 * Bulk path: rows go through insertRows in one transaction per school, so it
 * runs in large transactions at scale 1 (≈45 million marks). The audit log
 * gets ONE chain record per batch (entity `demo_batch`) naming the row ranges
 * it loaded, instead of one per mark: per-mark records would double the
 * database and the generation time for data nobody entered by hand, and the
 * batch record still puts the bulk load into each school's hash chain.
 */
import { sql, type Insertable } from 'kysely';
import type { AppContext } from '../context.js';
import { insertRows } from '../db/bulk.js';
import type { AttendanceTable, MarkTable } from '../db/tables/journal.js';
import { AuditBuffer } from '../modules/journal/journal.service.js';
import { ensureWorkTypes } from '../modules/journal/journal.service.js';
import { localDateOf } from '../../shared/dates.js';
import { numericValue } from '../../shared/journal/marks.js';
import type { Random } from './random.js';

/** Chance that a pupil gets a mark at an ordinary lesson: ≈30 lessons a week → ≈10 marks. */
const MARK_CHANCE = 0.33;

const TOPIC_STEMS = ['Введение в тему', 'Повторение', 'Решение задач', 'Практическая работа', 'Обобщение', 'Работа с текстом', 'Закрепление', 'Контроль знаний'];

export async function generateJournalDemo(ctx: AppContext, rnd: Random, log: (m: string) => void = () => {}): Promise<{ marks: number; attendance: number; lessons: number }> {
  const db = ctx.db.kysely;
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const schools = await db.selectFrom('schools').select('id').orderBy('id').execute();
  const totals = { marks: 0, attendance: 0, lessons: 0 };
  for (const { id: schoolId } of schools) {
    await ensureWorkTypes(ctx, schoolId);
    const types = await db.selectFrom('work_types').select(['id', 'code', 'weight']).where('school_id', '=', schoolId).execute();
    const answer = types.find((t) => t.code === 'answer') ?? types[0];
    const test = types.find((t) => t.code === 'test') ?? answer;
    if (!answer || !test) continue;
    const lessons = await db
      .selectFrom('lessons')
      .innerJoin('courses', 'courses.id', 'lessons.course_id')
      .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
      .innerJoin('classes', 'classes.id', 'courses.class_id')
      .select(['lessons.id', 'lessons.date', 'lessons.course_id', 'lessons.teacher_person_id', 'courses.class_id', 'courses.group_id', 'subjects.name as subject', 'subjects.pass_fail', 'subjects.no_marks_grade1', 'classes.grade'])
      .where('lessons.school_id', '=', schoolId)
      .where('lessons.date', '<', today)
      .where('lessons.status', '=', 'scheduled')
      .orderBy('lessons.course_id')
      .orderBy('lessons.date')
      .orderBy('lessons.number')
      .execute();
    if (lessons.length === 0) continue;
    const members = await db.selectFrom('class_members').select(['class_id', 'student_person_id', 'from_date', 'to_date']).where('school_id', '=', schoolId).execute();
    const groupMembers = await db.selectFrom('group_members').select(['group_id', 'student_person_id', 'from_date', 'to_date']).where('school_id', '=', schoolId).execute();
    const byClass = groupBy(members, (m) => m.class_id);
    const byGroup = groupBy(groupMembers, (m) => m.group_id);
    const classStrength = new Map<number, number>();
    const pupil = new Map<number, { ability: number; absence: number }>();
    const pupilOf = (id: number, classId: number) => {
      let p = pupil.get(id);
      if (!p) {
        if (!classStrength.has(classId)) classStrength.set(classId, rnd.normal(0, 0.35));
        p = { ability: 3.7 + classStrength.get(classId)! + rnd.normal(0, 0.55), absence: rnd.chance(0.1) ? 0.15 : rnd.chance(0.3) ? 0.06 : 0.02 };
        pupil.set(id, p);
      }
      return p;
    };

    const marks: Array<Insertable<MarkTable>> = [];
    const attendance: Array<Insertable<AttendanceTable>> = [];
    const topics: Array<{ id: number; topic: string; homework: string; at: string; control: number }> = [];
    const perCourse = new Map<number, number>();
    for (const l of lessons) {
      const n = (perCourse.get(l.course_id) ?? 0) + 1;
      perCourse.set(l.course_id, n);
      const control = n % 12 === 0 ? 1 : 0;
      const at = `${l.date}T${String(6 + rnd.int(0, 4)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00.000Z`;
      const by = l.teacher_person_id ?? 0;
      topics.push({ id: l.id, topic: `${l.subject}: ${rnd.pick(TOPIC_STEMS).toLowerCase()} (${n})`, homework: rnd.chance(0.8) ? `§ ${Math.ceil(n / 2)}, упр. ${rnd.int(1, 40)}` : '', at, control });
      const roster = (l.group_id ? byGroup.get(l.group_id) : byClass.get(l.class_id)) ?? [];
      const marksAllowed = !(l.no_marks_grade1 === 1 && l.grade === 1);
      for (const m of roster) {
        if (m.from_date > l.date || (m.to_date && m.to_date < l.date)) continue;
        const p = pupilOf(m.student_person_id, l.class_id);
        if (rnd.chance(p.absence)) {
          const code = rnd.chance(0.55) ? 'ill' : rnd.chance(0.5) ? 'absent' : rnd.chance(0.5) ? 'excused' : 'late';
          attendance.push({ school_id: schoolId, lesson_id: l.id, student_person_id: m.student_person_id, code, entered_by: by, entered_at: at, updated_at: at, version: 1 });
          if (code !== 'late') continue;
        }
        if (!marksAllowed || by === 0 || !(control || rnd.chance(MARK_CHANCE))) continue;
        const value = l.pass_fail ? (rnd.chance(0.93) ? 'зач' : 'незач') : String(Math.max(2, Math.min(5, Math.round(rnd.normal(p.ability, 0.7)))));
        const type = control ? test : answer;
        marks.push({
          school_id: schoolId, lesson_id: l.id, student_person_id: m.student_person_id, value, numeric: numericValue(value), weight: type.weight, work_type_id: type.id,
          comment: '', entered_by: by, entered_at: at, updated_at: at, version: 1, deleted: 0,
        });
      }
    }

    await db.transaction().execute(async (trx) => {
      const markIds = await insertRows(ctx.db, trx, 'marks', marks, true);
      await insertRows(ctx.db, trx, 'attendance', attendance);
      for (let i = 0; i < topics.length; i += 300) {
        const chunk = topics.slice(i, i + 300);
        const ids = chunk.map((t) => t.id);
        const caseOf = (pick: (t: (typeof chunk)[number]) => string | number) => sql.join(chunk.map((t) => sql`when ${t.id} then ${pick(t)}`), sql` `);
        await sql`update lessons set
            topic = case id ${caseOf((t) => t.topic)} end,
            homework = case id ${caseOf((t) => t.homework)} end,
            topic_entered_at = case id ${caseOf((t) => t.at)} end,
            homework_entered_at = case id ${caseOf((t) => (t.homework ? t.at : ''))} end,
            is_control = cast(case id ${caseOf((t) => t.control)} end as integer),
            work_type_id = cast(case id ${caseOf((t) => (t.control ? test.id : answer.id))} end as integer)
          where id in (${sql.join(ids)})`.execute(trx);
        await sql`update lessons set homework_entered_at = null where id in (${sql.join(ids)}) and homework_entered_at = ''`.execute(trx);
      }
      const audit = new AuditBuffer(ctx.db, trx, ctx.clock.now().toISOString());
      await audit.append({
        schoolId, actorPersonId: 0, entity: 'demo_batch', entityKey: `demo:${schoolId}`, action: 'batch', old: null,
        new: { marks: marks.length, firstMarkId: markIds[0] ?? null, lastMarkId: markIds.at(-1) ?? null, attendance: attendance.length, lessons: topics.length, until: today },
      });
      await audit.flush();
    });
    totals.marks += marks.length;
    totals.attendance += attendance.length;
    totals.lessons += topics.length;
  }
  log(`journal: ${totals.marks} marks, ${totals.attendance} attendance marks, ${totals.lessons} lessons with topics`);
  return totals;
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, []);
    map.get(k)!.push(item);
  }
  return map;
}
