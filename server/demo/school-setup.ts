import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import { insertRows } from '../db/bulk.js';
import type { Db } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { standardCalendar } from '../modules/school-setup/calendar.js';
import { planLessons } from '../modules/school-setup/lesson-plan.js';
import { insertLessons } from '../modules/school-setup/lessons.queries.js';
import { curricula, demoBells, doubleMarkSubjects, groupSubjects, maxLessonsPerDay, primaryOnlySubjects } from './curricula.js';
import { subjectNames } from './names.js';
import { allSchools, type DemoClass, type DemoCourse, type DemoRegion, type DemoSchool } from './plan.js';
import type { Random } from './random.js';

const LETTERS = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З'];
const CLASS_SIZE = 28;
/** Schools with more classes than this teach grades 2–4 in a second shift, as crowded urban schools do. */
const ONE_SHIFT_CLASSES = 24;

/**
 * The school-setup part of the demo: for every school, the academic year
 * (quarters for 1–9, halves for 10–11, holidays with grade 1's February week),
 * bells, subjects, classes of ≤ 28 pupils with class teachers (and their
 * class_teacher grants), English/Informatics groups in grades 5–11, courses
 * after the curricula, a clash-free weekly timetable, and the lessons of the
 * whole year. One transaction per school; everything in bulk.
 */
export async function generateSchoolSetup(ctx: AppContext, rnd: Random, region: DemoRegion, yearStart: string): Promise<{ lessons: number; unplaced: number }> {
  let lessons = 0;
  let unplaced = 0;
  for (const school of allSchools(region)) {
    const made = await ctx.db.kysely.transaction().execute((trx) => setUpSchool(ctx.db, trx, rnd.fork(`setup-${school.id}`), school, yearStart, ctx.clock.now().toISOString()));
    lessons += made.lessons;
    unplaced += made.unplaced;
  }
  return { lessons, unplaced };
}

async function setUpSchool(store: Db, db: Kysely<Database>, rnd: Random, school: DemoSchool, yearStart: string, now: string) {
  // Every row's new id is needed by the next step (years → terms, classes → members, courses → slots).
  const insert = <T extends keyof Database & string>(table: T, rows: Array<Insertable<Database[T]>>) => insertRows(store, db, table, rows, true);
  const calendar = standardCalendar(yearStart);
  const [yearId] = await insert('academic_years', [{ school_id: school.id, name: calendar.name, starts_on: calendar.startsOn, ends_on: calendar.endsOn }]);
  const termRows = calendar.terms.map((t) => ({ school_id: school.id, academic_year_id: yearId!, kind: t.kind, number: t.number, name: t.name ?? '', starts_on: t.startsOn, ends_on: t.endsOn, grade_from: t.gradeFrom, grade_to: t.gradeTo }));
  const termIds = await insert('terms', termRows);
  await insert('holidays', calendar.holidays.map((h) => ({ school_id: school.id, academic_year_id: yearId!, name: h.name, starts_on: h.startsOn, ends_on: h.endsOn, grade_from: h.gradeFrom, grade_to: h.gradeTo })));
  school.academicYearId = yearId!;
  school.terms = calendar.terms.map((t, i) => ({ id: termIds[i]!, kind: t.kind, number: t.number, startsOn: t.startsOn, endsOn: t.endsOn, gradeFrom: t.gradeFrom, gradeTo: t.gradeTo }));

  // Subjects
  const names = [...subjectNames, ...primaryOnlySubjects];
  const subjectIds = await insert(
    'subjects',
    names.map((name) => ({ school_id: school.id, name, short_name: name.length > 12 ? `${name.slice(0, 10)}.` : name, double_marks: (doubleMarkSubjects as readonly string[]).includes(name) ? 1 : 0, pass_fail: 0, no_marks_grade1: 1 })),
  );
  const subjectId = new Map(names.map((n, i) => [n as string, subjectIds[i]!]));

  // Classes: pupils of a grade split evenly into classes of at most 28.
  const byGrade = new Map<number, number[]>();
  for (const s of school.students) byGrade.set(s.grade, [...(byGrade.get(s.grade) ?? []), s.personId]);
  const plans: Array<Omit<DemoClass, 'id' | 'classTeacherId' | 'groups'>> = [];
  for (const [grade, pupils] of [...byGrade].sort((a, b) => a[0] - b[0])) {
    const count = Math.ceil(pupils.length / CLASS_SIZE);
    for (let k = 0; k < count; k++) {
      const studentIds = pupils.filter((_, i) => i % count === k);
      plans.push({ grade, letter: LETTERS[k]!, name: `${grade}${LETTERS[k]}`, shift: 1, studentIds });
    }
  }
  const twoShifts = plans.length > ONE_SHIFT_CLASSES;
  for (const p of plans) if (twoShifts && p.grade >= 2 && p.grade <= 4) p.shift = 2;

  // Class teachers: a primary teacher for each class of 1–4, subject teachers in turn for 5–11.
  const primaryTeachers = school.staff.filter((s) => s.specialisation === 'primary').map((s) => s.personId);
  const subjectTeachers = school.staff.filter((s) => s.role === 'teacher' && s.specialisation !== 'primary');
  let primaryIndex = 0;
  let seniorIndex = 0;
  const classTeacher = plans.map((p) =>
    p.grade <= 4 && primaryTeachers.length ? primaryTeachers[primaryIndex++ % primaryTeachers.length]! : subjectTeachers[seniorIndex++ % subjectTeachers.length]!.personId,
  );
  const classIds = await insert(
    'classes',
    plans.map((p, i) => ({ school_id: school.id, academic_year_id: yearId!, grade: p.grade, letter: p.letter, name: p.name, shift: p.shift, class_teacher_person_id: classTeacher[i]! })),
  );
  await insert(
    'grants',
    classIds.map((classId, i) => ({ person_id: classTeacher[i]!, role: 'class_teacher', region_id: null, municipality_id: null, school_id: school.id, class_id: classId, granted_by: null, granted_at: now, revoked_by: null, revoked_at: null })),
  );
  await insert(
    'class_members',
    plans.flatMap((p, i) => p.studentIds.map((studentId) => ({ school_id: school.id, class_id: classIds[i]!, student_person_id: studentId, from_date: yearStart, to_date: null }))),
  );
  const classes: DemoClass[] = plans.map((p, i) => ({ ...p, id: classIds[i]!, classTeacherId: classTeacher[i]!, groups: [] }));

  // Groups: two halves of each class of grades 5–11.
  const senior = classes.filter((c) => c.grade >= 5);
  const groupIds = await insert('class_groups', senior.flatMap((c) => [1, 2].map((n) => ({ school_id: school.id, class_id: c.id, name: `Группа ${n}` }))));
  senior.forEach((c, i) => {
    const half = Math.ceil(c.studentIds.length / 2);
    c.groups = [
      { id: groupIds[i * 2]!, name: 'Группа 1', studentIds: c.studentIds.slice(0, half) },
      { id: groupIds[i * 2 + 1]!, name: 'Группа 2', studentIds: c.studentIds.slice(half) },
    ];
  });
  await insert('group_members', senior.flatMap((c) => c.groups.flatMap((g) => g.studentIds.map((s) => ({ school_id: school.id, group_id: g.id, student_person_id: s, from_date: yearStart, to_date: null })))));

  // Courses: primary teachers teach their class everything but English; subject teachers by specialisation, least loaded first.
  const load = new Map(subjectTeachers.map((t) => [t.personId, 0]));
  const pickTeacher = (subject: string, hours: number, avoid?: number) => {
    const candidates = subjectTeachers.filter((t) => t.personId !== avoid);
    const specialists = candidates.filter((t) => Array.isArray(t.specialisation) && t.specialisation.includes(subject) && load.get(t.personId)! + hours <= 26);
    const pool = specialists.length ? specialists : candidates.length ? candidates : subjectTeachers;
    const chosen = pool.reduce((best, t) => (load.get(t.personId)! < load.get(best.personId)! ? t : best), pool[0]!);
    load.set(chosen.personId, load.get(chosen.personId)! + hours);
    return chosen.personId;
  };
  const courseRows: Array<Omit<DemoCourse, 'id'>> = [];
  for (const c of classes) {
    for (const [subject, hours] of Object.entries(curricula[c.grade]!)) {
      const sid = subjectId.get(subject)!;
      if (c.grade <= 4 && subject !== 'Английский язык') {
        courseRows.push({ classId: c.id, groupId: null, subjectId: sid, subject, teacherIds: [c.classTeacherId], hoursPerWeek: hours });
      } else if (c.grade >= 5 && (groupSubjects as readonly string[]).includes(subject)) {
        const first = pickTeacher(subject, hours);
        const second = pickTeacher(subject, hours, first);
        courseRows.push({ classId: c.id, groupId: c.groups[0]!.id, subjectId: sid, subject, teacherIds: [first], hoursPerWeek: hours });
        courseRows.push({ classId: c.id, groupId: c.groups[1]!.id, subjectId: sid, subject, teacherIds: [second], hoursPerWeek: hours });
      } else {
        courseRows.push({ classId: c.id, groupId: null, subjectId: sid, subject, teacherIds: [pickTeacher(subject, hours)], hoursPerWeek: hours });
      }
    }
  }
  const courseIds = await insert(
    'courses',
    courseRows.map((c) => ({ school_id: school.id, academic_year_id: yearId!, class_id: c.classId, group_id: c.groupId, subject_id: c.subjectId, hours_per_week: c.hoursPerWeek })),
  );
  const courses: DemoCourse[] = courseRows.map((c, i) => ({ ...c, id: courseIds[i]! }));
  await insert('course_teachers', courses.flatMap((c) => c.teacherIds.map((t) => ({ school_id: school.id, course_id: c.id, teacher_person_id: t }))));
  school.classes = classes;
  school.courses = courses;

  await insert('bells', [1, ...(twoShifts ? [2] : [])].flatMap((shift) => demoBells[shift]!.map((b) => ({ ...b, school_id: school.id, shift }))));

  const { slots, unplaced } = weeklyTimetable(rnd, classes, courses);
  await insert('timetable_slots', slots.map((s) => ({ school_id: school.id, academic_year_id: yearId!, weekday: s.weekday, number: s.number, course_id: s.courseId, room: s.room, valid_from: yearStart, valid_to: null })));

  const planned = planLessons({
    terms: school.terms,
    holidays: calendar.holidays,
    classGrades: new Map(classes.map((c) => [c.id, c.grade])),
    slots: slots.map((s) => ({ ...s, validFrom: yearStart, validTo: null })),
    courseTeacher: new Map(courses.map((c) => [c.id, c.teacherIds[0]!])),
    fromDate: yearStart,
  });
  await insertLessons(db, planned.map((p) => ({ ...p, school_id: school.id, status: 'scheduled', origin: 'timetable' })));
  return { lessons: planned.length, unplaced };
}

interface Slot {
  classId: number;
  courseId: number;
  weekday: number;
  number: number;
  room: string;
}

/**
 * A clash-free week, greedily: each class fills its days from the first
 * lesson on, taking at each place the course (or the pair of parallel group
 * courses) with the most hours left whose teachers and rooms are free then,
 * at most once a day where the hours allow. What cannot be placed is counted.
 */
export function weeklyTimetable(rnd: Random, classes: DemoClass[], courses: DemoCourse[]): { slots: Slot[]; unplaced: number } {
  const busy = new Set<string>();
  const slots: Slot[] = [];
  let unplaced = 0;
  classes.forEach((c, classIndex) => {
    const room = String(101 + classIndex);
    const mine = courses.filter((x) => x.classId === c.id);
    // Units: a class-wide course, or the two group courses of a subject taught in parallel.
    const units = new Map<string, { courses: DemoCourse[]; left: number; perDay: number }>();
    for (const course of mine) {
      const key = course.groupId === null ? `c${course.id}` : `g${course.subjectId}`;
      const unit = units.get(key) ?? { courses: [], left: Math.round(course.hoursPerWeek), perDay: Math.ceil(Math.round(course.hoursPerWeek) / 5) };
      unit.courses.push(course);
      units.set(key, unit);
    }
    const roomOf = (course: DemoCourse, index: number) =>
      course.subject === 'Физическая культура' ? 'Спортзал' : index === 0 ? room : `${room}-${index + 1}`;
    const free = (unit: { courses: DemoCourse[] }, day: number, n: number) =>
      unit.courses.every((course, i) => course.teacherIds.every((t) => !busy.has(`t${t}:${day}:${c.shift}:${n}`)) && !busy.has(`r${roomOf(course, i)}:${day}:${c.shift}:${n}`));
    const place = (unit: { courses: DemoCourse[]; left: number }, day: number, n: number) => {
      unit.courses.forEach((course, i) => {
        for (const t of course.teacherIds) busy.add(`t${t}:${day}:${c.shift}:${n}`);
        busy.add(`r${roomOf(course, i)}:${day}:${c.shift}:${n}`);
        slots.push({ classId: c.id, courseId: course.id, weekday: day, number: n, room: roomOf(course, i) });
      });
      unit.left--;
    };
    const total = [...units.values()].reduce((n, u) => n + u.left, 0);
    const max = maxLessonsPerDay(c.grade);
    const perDay = Math.min(max, Math.ceil(total / 5));
    const usedToday = new Map<string, number>();
    const filled = [0, 0, 0, 0, 0, 0];
    const startDay = rnd.int(1, 5);
    for (let n = 1; n <= max; n++) {
      for (let k = 0; k < 5; k++) {
        const day = ((startDay + k - 1) % 5) + 1;
        if (filled[day]! >= perDay && n > perDay) continue;
        if (filled[day]! !== n - 1) continue; // keep a class's day without windows
        const candidates = [...units.entries()]
          .filter(([key, u]) => u.left > 0 && (usedToday.get(`${key}:${day}`) ?? 0) < u.perDay && free(u, day, n))
          .sort((a, b) => b[1].left - a[1].left);
        const chosen = candidates[0];
        if (!chosen) continue;
        place(chosen[1], day, n);
        usedToday.set(`${chosen[0]}:${day}`, (usedToday.get(`${chosen[0]}:${day}`) ?? 0) + 1);
        filled[day]!++;
      }
    }
    // Whatever is left goes to any free place of the class, Saturday last (a window is better than a lost hour).
    const classBusy = new Set(slots.filter((x) => x.classId === c.id).map((x) => `${x.weekday}:${x.number}`));
    for (const u of units.values()) {
      while (u.left > 0) {
        let placed = false;
        for (let day = 1; day <= 6 && !placed; day++) {
          for (let n = 1; n <= max + 1 && !placed; n++) {
            if (classBusy.has(`${day}:${n}`) || !free(u, day, n)) continue;
            place(u, day, n);
            classBusy.add(`${day}:${n}`);
            placed = true;
          }
        }
        if (!placed) {
          unplaced += u.left;
          u.left = 0;
        }
      }
    }
  });
  return { slots, unplaced };
}
