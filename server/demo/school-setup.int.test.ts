import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { bellTimes, findClashes, type ClashSlot } from '../modules/school-setup/clashes.js';
import { generateDemoRegion } from './generate.js';
import { allSchools, type DemoRegion } from './plan.js';

let env: TestEnv;
let region: DemoRegion;
beforeAll(async () => {
  env = await createTestEnv();
  region = await generateDemoRegion(env.ctx, { scale: 0.001, seed: 75, yearStart: '2026-09-01' });
});
afterAll(async () => env.close());

const db = () => env.ctx.db.kysely;

describe('demo school set-up', () => {
  it('gives every school the standard year, classes of at most 28 with every pupil in one class, and class teachers with their grants', async () => {
    for (const school of allSchools(region)) {
      expect(school.terms!.map((t) => `${t.kind}${t.number}:${t.gradeFrom}-${t.gradeTo}`)).toEqual(['quarter1:1-9', 'quarter2:1-9', 'quarter3:1-9', 'quarter4:1-9', 'half1:10-11', 'half2:10-11']);
      const classes = school.classes!;
      expect(classes.every((c) => c.studentIds.length <= 28 && c.studentIds.length > 0)).toBe(true);
      const members = await db().selectFrom('class_members').select('student_person_id').where('school_id', '=', school.id).execute();
      expect(members.map((m) => m.student_person_id).sort()).toEqual(school.students.map((s) => s.personId).sort());
      const grants = await db().selectFrom('grants').select(['person_id', 'class_id']).where('role', '=', 'class_teacher').where('school_id', '=', school.id).execute();
      expect(grants.map((g) => `${g.class_id}:${g.person_id}`).sort()).toEqual(classes.map((c) => `${c.id}:${c.classTeacherId}`).sort());
      expect(classes.filter((c) => c.grade >= 5).every((c) => c.groups.length === 2)).toBe(true);
    }
  });

  it('courses follow the curricula, English and Informatics in groups from grade 5; the week has every hour and no clash', async () => {
    for (const school of allSchools(region)) {
      const fifth = school.classes!.find((c) => c.grade === 5)!;
      const english = school.courses!.filter((c) => c.classId === fifth.id && c.subject === 'Английский язык');
      expect(english.map((c) => c.groupId).sort()).toEqual(fifth.groups.map((g) => g.id).sort());
      const slots = await db()
        .selectFrom('timetable_slots')
        .innerJoin('courses', 'courses.id', 'timetable_slots.course_id')
        .innerJoin('classes', 'classes.id', 'courses.class_id')
        .select(['timetable_slots.weekday', 'timetable_slots.number', 'timetable_slots.room', 'timetable_slots.course_id', 'courses.class_id', 'courses.group_id', 'classes.shift', 'classes.name'])
        .where('timetable_slots.school_id', '=', school.id)
        .execute();
      const hours = school.courses!.reduce((n, c) => n + Math.round(c.hoursPerWeek), 0);
      expect(slots).toHaveLength(hours);
      const teachers = new Map(school.courses!.map((c) => [c.id, c.teacherIds]));
      const asSlots: ClashSlot[] = slots.map((s, i) => ({ index: i, weekday: s.weekday, number: s.number, room: s.room, shift: s.shift, classId: s.class_id, groupId: s.group_id, teacherIds: teachers.get(s.course_id)!, className: s.name, subject: '' }));
      const bells = await db().selectFrom('bells').selectAll().where('school_id', '=', school.id).execute();
      expect(findClashes(asSlots, [], bellTimes(bells), new Map())).toEqual([]);
    }
  });

  it('makes the lessons of the whole year, none on a holiday of the class’s grade', async () => {
    const school = allSchools(region)[0]!;
    const first = school.classes!.find((c) => c.grade === 1)!;
    const second = school.classes!.find((c) => c.grade === 2)!;
    const dates = async (classId: number) =>
      (await db().selectFrom('lessons').innerJoin('courses', 'courses.id', 'lessons.course_id').select('lessons.date').distinct().where('courses.class_id', '=', classId).orderBy('lessons.date').execute()).map((r) => r.date);
    const d1 = await dates(first.id);
    const d2 = await dates(second.id);
    expect(d1[0]).toBe('2026-09-01');
    expect(d1.at(-1)).toBe('2027-05-26');
    expect(d1.filter((d) => d >= '2027-02-22' && d <= '2027-02-28')).toEqual([]);
    expect(d2.filter((d) => d >= '2027-02-22' && d <= '2027-02-26')).toHaveLength(5);
    expect(d2.filter((d) => d >= '2026-10-26' && d <= '2026-11-03')).toEqual([]);
  });
});
