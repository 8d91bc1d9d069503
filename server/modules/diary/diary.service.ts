/**
 * The diary (issue 6) for pupils and guardians. Access: a pupil sees
 * themselves, a guardian their children while consent is on record
 * (Actor.childIds, decided by the accounts module); anything else is 404.
 * Nothing here names another pupil, except the class teacher's list of
 * confirmations of their own class.
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertCan } from '../../policy/policy.js';
import { addDays, mondayOf } from '../../../shared/dates.js';
import { inYears, neighbourWeeks } from '../../../shared/weeks.js';
import type { ClassConfirmations, DiaryChild, NotificationMode, NotificationSettings } from '../../../shared/contracts/diary.js';
import * as q from './diary.queries.js';
import { buildFeed, markSeen } from './feed.js';
import { buildSubjects } from './subjects.js';
import { mayConfirm, resolveWeek, teacherName, today, weekJson, type WeekAnswer } from './week.js';

function assertPupil(actor: Actor, studentId: number, permission: 'diary.read' | 'diary.confirm' = 'diary.read') {
  assertCan(actor, permission, { personId: studentId });
}

/** The pupils the viewer may open: themselves, or their children (one switch for several schools). */
export async function children(ctx: AppContext, actor: Actor): Promise<DiaryChild[]> {
  const ids = [...new Set([...(actor.grants.some((g) => g.role === 'student') ? [actor.personId] : []), ...actor.childIds])];
  const rows = await q.peopleWithClass(ctx.db.kysely, ids, today(ctx));
  const seen = new Set<number>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ personId: r.id, name: `${r.name} ${r.surname}`, schoolId: r.schoolId, schoolName: r.schoolName, className: r.className }));
}

/** The week as JSON (DiaryWeek): its days are kept between requests as the start of a gzip answer. */
export async function week(ctx: AppContext, actor: Actor, studentId: number, weekDate: string | undefined): Promise<WeekAnswer> {
  assertPupil(actor, studentId);
  return weekJson(ctx, actor, studentId, weekDate);
}

export async function subjects(ctx: AppContext, actor: Actor, studentId: number, termId: number | undefined) {
  assertPupil(actor, studentId);
  return buildSubjects(ctx, studentId, termId);
}

export async function feed(ctx: AppContext, actor: Actor, studentId: number) {
  assertPupil(actor, studentId);
  return buildFeed(ctx, actor.personId, studentId);
}

export async function seen(ctx: AppContext, actor: Actor, studentId: number, upTo: string) {
  assertPupil(actor, studentId);
  const rows = await q.memberships.all(ctx.db, [studentId]);
  const schoolId = rows.at(-1)?.schoolId;
  if (schoolId === undefined) throw new AppError('not_found', { field: '/params/studentId' });
  return markSeen(ctx, actor.personId, studentId, schoolId, upTo);
}

/** «Дневник просмотрен»: a guardian confirms a finished week, or the current one from Friday. Idempotent. */
export async function confirmWeek(ctx: AppContext, actor: Actor, studentId: number, weekDate: string) {
  assertPupil(actor, studentId, 'diary.confirm');
  const rows = await q.memberships.all(ctx.db, [studentId]);
  const monday = resolveWeek(rows, weekDate, today(ctx), '/body/week');
  if (!mayConfirm(monday, today(ctx))) {
    throw new AppError('week_not_finished', { field: '/body/week', detail: `the week of ${monday} can be confirmed from ${addDays(monday, 4)}` });
  }
  const saturday = addDays(monday, 5);
  const membership = rows.filter((r) => r.fromDate <= saturday && (r.toDate === null || r.toDate >= monday)).at(-1);
  if (!membership) throw new AppError('week_outside_year', { field: '/body/week', detail: 'the pupil was in no class that week' });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await q.myConfirmation.first(ctx.db, [studentId, monday, actor.personId], trx);
    if (existing) return { week: monday, confirmedAt: existing.confirmed_at };
    const at = ctx.clock.now().toISOString();
    await q.insertConfirmation(trx, { school_id: membership.schoolId, student_person_id: studentId, guardian_person_id: actor.personId, week: monday, confirmed_at: at });
    return { week: monday, confirmedAt: at };
  });
}

/** The class teacher's view: each pupil of the class and the guardians who confirmed the week. */
export async function classConfirmations(ctx: AppContext, actor: Actor, classId: number, weekDate: string | undefined): Promise<ClassConfirmations> {
  const cls = await q.classWithYear(ctx.db.kysely, classId);
  if (!cls) throw new AppError('not_found', { field: '/params/id' });
  assertCan(actor, 'diary.class', { schoolId: cls.schoolId, classId });
  const now = today(ctx);
  // Default: the last week that may be confirmed (this week from Friday, else the previous one).
  const monday = weekDate ? mondayOf(weekDate) : mayConfirm(mondayOf(now), now) ? mondayOf(now) : addDays(mondayOf(now), -7);
  const years = [{ yearStart: cls.yearStart, yearEnd: cls.yearEnd }];
  if (weekDate && !inYears(years, monday, addDays(monday, 5))) {
    throw new AppError('week_outside_year', { field: '/querystring/week' });
  }
  const { pupils, confirmations } = await q.classConfirmations(ctx.db.kysely, classId, monday, addDays(monday, 5));
  return {
    className: cls.name,
    week: monday,
    ...neighbourWeeks(years, monday),
    pupils: pupils.map((p) => ({
      personId: p.id,
      name: `${p.surname} ${p.name}`,
      confirmations: confirmations
        .filter((c) => c.studentId === p.id)
        .map((c) => ({ guardian: teacherName(c.surname, c.name, c.patronymic) ?? '', at: c.at })),
    })),
  };
}

export async function notificationSettings(ctx: AppContext, actor: Actor): Promise<NotificationSettings> {
  const { mode, email } = await q.notificationSettingsOf(ctx.db.kysely, actor.personId);
  return { mode: mode ?? 'none', email };
}

export async function setNotificationMode(ctx: AppContext, actor: Actor, mode: NotificationMode): Promise<NotificationSettings> {
  await ctx.db.kysely.transaction().execute((trx) => q.saveNotificationMode(trx, actor.personId, mode, ctx.clock.now().toISOString()));
  return notificationSettings(ctx, actor);
}
