/** Writes planned classes, courses and timetable slots inside the caller's transaction; re-imports update in place. */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import type { ApplyCounts } from './apply-people.js';
import type { ClassPlan, CoursePlan, SlotPlan } from './plan-structure.js';
import * as q from './imports.queries.js';
import type { Snapshot } from './snapshot.js';

const counts = (created: number, updated: number, unchanged: number): ApplyCounts => ({ created, updated, unchanged, guardiansCreated: 0, accountsCreated: 0, moved: 0 });

export async function applyClasses(db: Db, trx: Kysely<Database>, snap: Snapshot, plans: ClassPlan[], actorPersonId: number | null, at: string): Promise<ApplyCounts> {
  const yearId = snap.year!.id;
  const grants = await q.liveGrantsOfSchool(trx, snap.schoolId);
  const classTeacherGrants = new Set(grants.filter((g) => g.role === 'class_teacher').map((g) => `${g.person_id}|${g.class_id}`));
  let created = 0, updated = 0, unchanged = 0;
  const grantRows = [];
  for (const plan of plans) {
    let classId = plan.classId;
    if (classId === null) {
      classId = (await q.insertClass(trx, { school_id: snap.schoolId, academic_year_id: yearId, grade: plan.grade, letter: plan.letter, name: plan.name, shift: plan.shift, class_teacher_person_id: plan.classTeacherPersonId })).id;
      created++;
    } else {
      const stored = [...snap.classes.values()].find((c) => c.id === classId)!;
      const teacher = plan.classTeacherPersonId ?? stored.classTeacherPersonId;
      if (teacher !== stored.classTeacherPersonId || stored.shift !== plan.shift) {
        await q.updateClass(trx, classId, { shift: plan.shift, class_teacher_person_id: teacher });
        updated++;
      } else unchanged++;
    }
    const teacher = plan.classTeacherPersonId;
    if (teacher !== null && !classTeacherGrants.has(`${teacher}|${classId}`)) {
      grantRows.push({ person_id: teacher, role: 'class_teacher', region_id: null, municipality_id: null, school_id: snap.schoolId, class_id: classId, granted_by: actorPersonId, granted_at: at, revoked_by: null, revoked_at: null });
      classTeacherGrants.add(`${teacher}|${classId}`);
    }
  }
  await q.insertMany(db, trx, 'grants', grantRows);
  return counts(created, updated, unchanged);
}

export async function applyCourses(db: Db, trx: Kysely<Database>, snap: Snapshot, plans: CoursePlan[]): Promise<ApplyCounts & { subjectsCreated: number }> {
  const yearId = snap.year!.id;
  const newGroups = new Map<string, number>();
  const newSubjects = new Map<string, number>();
  const newCourses = new Map<string, number>();
  const teachersOf = new Map<number, Set<number>>();
  for (const c of snap.courses.values()) teachersOf.set(c.id, new Set(c.teacherIds));
  const hoursOf = new Map([...snap.courses.values()].map((c) => [c.id, c.hoursPerWeek]));
  let created = 0, updated = 0, unchanged = 0;
  for (const plan of plans) {
    let groupId = plan.groupId;
    if (plan.newGroupName) {
      const key = `${plan.classId}|${plan.newGroupName.toLowerCase()}`;
      groupId = newGroups.get(key) ?? (await q.insertGroup(trx, { school_id: snap.schoolId, class_id: plan.classId, name: plan.newGroupName })).id;
      newGroups.set(key, groupId);
    }
    let subjectId = plan.subjectId;
    if (plan.newSubjectName) {
      const key = plan.newSubjectName.toLowerCase();
      subjectId =
        newSubjects.get(key) ??
        (await q.insertSubject(trx, { school_id: snap.schoolId, name: plan.newSubjectName, short_name: plan.newSubjectName.slice(0, 12), double_marks: 0, pass_fail: 0, no_marks_grade1: 1 })).id;
      newSubjects.set(key, subjectId);
    }
    const key = `${plan.classId}|${groupId ?? 0}|${subjectId}`;
    let courseId = plan.courseId ?? newCourses.get(key) ?? null;
    if (courseId === null) {
      courseId = (await q.insertCourse(trx, { school_id: snap.schoolId, academic_year_id: yearId, class_id: plan.classId, group_id: groupId, subject_id: subjectId!, hours_per_week: plan.hoursPerWeek })).id;
      newCourses.set(key, courseId);
      hoursOf.set(courseId, plan.hoursPerWeek);
      created++;
    } else if (hoursOf.get(courseId) !== plan.hoursPerWeek) {
      await q.updateCourseHours(trx, courseId, plan.hoursPerWeek);
      hoursOf.set(courseId, plan.hoursPerWeek);
      updated++;
    } else unchanged++;
    const teachers = teachersOf.get(courseId) ?? new Set<number>();
    teachersOf.set(courseId, teachers);
    if (!teachers.has(plan.teacherPersonId)) {
      await q.insertMany(db, trx, 'course_teachers', [{ school_id: snap.schoolId, course_id: courseId, teacher_person_id: plan.teacherPersonId }]);
      teachers.add(plan.teacherPersonId);
    }
  }
  return { ...counts(created, updated, unchanged), subjectsCreated: newSubjects.size };
}

/**
 * Slots are matched by course × weekday × lesson number: a known slot gets its
 * room updated, a new one is valid from today (or the year's first day).
 * Lessons are generated from the slots by the timetable module, not here.
 */
export async function applyTimetable(db: Db, trx: Kysely<Database>, snap: Snapshot, plans: SlotPlan[]): Promise<ApplyCounts> {
  const year = snap.year!;
  const open = await q.openSlots(trx, snap.schoolId, year.id);
  const byKey = new Map(open.map((s) => [`${s.course_id}|${s.weekday}|${s.number}`, s]));
  const validFrom = snap.today > year.startsOn ? snap.today : year.startsOn;
  const rows = [];
  let updated = 0, unchanged = 0;
  for (const plan of plans) {
    const slot = byKey.get(`${plan.courseId}|${plan.weekday}|${plan.number}`);
    if (!slot) rows.push({ school_id: snap.schoolId, academic_year_id: year.id, weekday: plan.weekday, number: plan.number, course_id: plan.courseId, room: plan.room, valid_from: validFrom, valid_to: null });
    else if (slot.room !== plan.room) (await q.updateSlotRoom(trx, slot.id, plan.room), updated++);
    else unchanged++;
  }
  await q.insertMany(db, trx, 'timetable_slots', rows);
  return counts(rows.length, updated, unchanged);
}
