import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { addDays } from '../../../shared/dates.js';
import type { ClassMemberBody, CreateGroupBody, GroupMemberBody } from '../../../shared/contracts/school-setup.js';
import { loadClass } from './school-setup.service.js';
import * as q from './school-setup.queries.js';

/** Pupils in classes and groups over dates: a move ends the old membership the day before and keeps it as history. */

/**
 * Puts a pupil into a class from a date. A pupil already in another class of
 * the year moves: the old membership ends the day before (kept as history),
 * and so do the memberships of that class's groups.
 */
export async function addClassMember(ctx: AppContext, actor: Actor, classId: number, input: ClassMemberBody) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  const db = ctx.db.kysely;
  if (!(await q.isEnrolled(db, cls.school_id, input.studentPersonId, input.fromDate))) {
    throw new AppError('not_enrolled', { field: '/body/studentPersonId' });
  }
  const year = (await q.findYear(db, cls.academic_year_id))!;
  if (input.fromDate < year.starts_on || input.fromDate > year.ends_on) {
    throw new AppError('membership_date_invalid', { field: '/body/fromDate', detail: `outside the year ${year.starts_on}…${year.ends_on}` });
  }
  await db.transaction().execute(async (trx) => {
    const open = await q.openClassMembership(trx, cls.academic_year_id, input.studentPersonId);
    if (open) {
      if (open.class_id === classId) throw new AppError('membership_date_invalid', { field: '/body/studentPersonId', detail: 'already in this class' });
      if (open.from_date >= input.fromDate) {
        throw new AppError('membership_date_invalid', { field: '/body/fromDate', detail: `the pupil joined the current class on ${open.from_date}` });
      }
      const dayBefore = addDays(input.fromDate, -1);
      await q.closeClassMember(trx, open.id, dayBefore);
      const oldGroups = (await q.groupsOf(trx, open.class_id)).map((g) => g.id);
      for (const m of await q.openGroupMemberships(trx, input.studentPersonId, oldGroups)) {
        await q.closeGroupMember(trx, m.id, m.from_date > dayBefore ? m.from_date : dayBefore);
      }
    }
    await q.insertClassMember(trx, { school_id: cls.school_id, class_id: classId, student_person_id: input.studentPersonId, from_date: input.fromDate });
  });
  return membershipHistory(ctx, input.studentPersonId);
}

export async function membershipHistory(ctx: AppContext, studentId: number) {
  const [classes, groups] = await q.membershipHistory(ctx.db.kysely, studentId);
  return {
    studentPersonId: studentId,
    classes: classes.map((c) => ({ classId: c.class_id, name: c.name, fromDate: c.from_date, toDate: c.to_date })),
    groups: groups.map((g) => ({ groupId: g.group_id, classId: g.class_id, name: g.name, fromDate: g.from_date, toDate: g.to_date })),
  };
}

export async function createGroup(ctx: AppContext, actor: Actor, classId: number, input: CreateGroupBody) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  try {
    const { id } = await q.insertGroup(ctx.db.kysely, { school_id: cls.school_id, class_id: classId, name: input.name.trim() });
    return { id, classId, name: input.name.trim() };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('duplicate_name', { field: '/body/name' });
    throw error;
  }
}

/** Puts a pupil of the class into a group from a date; `replacesGroupId` ends their membership of a sibling group the day before. */
export async function addGroupMember(ctx: AppContext, actor: Actor, groupId: number, input: GroupMemberBody) {
  const db = ctx.db.kysely;
  const group = await q.findGroup(db, groupId);
  if (!group) throw new AppError('not_found', { field: '/params/id' });
  await loadClass(ctx, actor, 'setup.manage', group.class_id);
  const inClass = await q.classMembersOn(db, group.class_id, input.fromDate);
  if (!inClass.some((m) => m.personId === input.studentPersonId)) {
    throw new AppError('membership_date_invalid', { field: '/body/studentPersonId', detail: 'the pupil is not in the group’s class on that date' });
  }
  await db.transaction().execute(async (trx) => {
    const already = await q.openGroupMemberships(trx, input.studentPersonId, [groupId]);
    if (already.length) throw new AppError('membership_date_invalid', { field: '/body/studentPersonId', detail: 'already in this group' });
    if (input.replacesGroupId !== undefined) {
      const sibling = await q.findGroup(trx, input.replacesGroupId);
      if (!sibling || sibling.class_id !== group.class_id) throw new AppError('reference_invalid', { field: '/body/replacesGroupId' });
      const [open] = await q.openGroupMemberships(trx, input.studentPersonId, [sibling.id]);
      if (!open) throw new AppError('membership_date_invalid', { field: '/body/replacesGroupId', detail: 'the pupil is not in that group' });
      if (open.from_date >= input.fromDate) throw new AppError('membership_date_invalid', { field: '/body/fromDate', detail: `the pupil joined that group on ${open.from_date}` });
      await q.closeGroupMember(trx, open.id, addDays(input.fromDate, -1));
    }
    await q.insertGroupMember(trx, { school_id: group.school_id, group_id: groupId, student_person_id: input.studentPersonId, from_date: input.fromDate });
  });
  return membershipHistory(ctx, input.studentPersonId);
}

