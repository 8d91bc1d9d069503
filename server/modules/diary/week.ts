/**
 * The week view (Monday–Saturday) of one pupil: the hottest read of the
 * system. Prepared queries only (db/hot.ts), all starting from the pupil:
 * memberships (class, year bounds), lessons, and the viewer's confirmation;
 * marks, attendance and homework files of the week's lessons (their ids as
 * one JSON parameter) only when the week has lessons. The days are kept
 * between requests while nothing they are built from has changed.
 */
import type { AppContext } from '../../context.js';
import { KeptReads } from '../../db/change-token.js';
import type { KeptStart } from '../../http/json-body.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { addDays, localDateOf, mondayOf } from '../../../shared/dates.js';
import type { DiaryLesson, DiaryWeek } from '../../../shared/contracts/diary.js';
import { neighbourWeeks, weekToShow } from '../../../shared/weeks.js';
import * as q from './diary.queries.js';
import { keptDays, membershipsOf } from './week-cache.js';

export type Membership = q.Membership;

export function today(ctx: AppContext): string {
  return localDateOf(ctx.clock.now(), ctx.config.timeZone);
}

/** The week asked for (its Monday), refused with a 4xx naming the field when outside every academic year. */
export function resolveWeek(rows: Membership[], week: string | undefined, now: string, field: string): string {
  const monday = weekToShow(rows, week, now);
  if (monday === null) throw new AppError('week_outside_year', { field, detail: `the week of ${mondayOf(week!)} is outside the academic year` });
  return monday;
}

export function teacherName(surname: string | null, name: string | null, patronymic: string | null): string | null {
  if (!surname) return null;
  return [surname, name ? `${name[0]}.` : '', patronymic ? `${patronymic[0]}.` : ''].join(' ').trim().replace(/\. /g, '.');
}

/** The week's answer: its kept start (the days) and, per viewer, the rest of the object. */
export interface WeekAnswer {
  start: KeptStart;
  end: string;
}

/** A guardian's confirmation of a week, read again only once the database's change token has moved. */
const confirmations = new KeptReads<string, { confirmed_at: string } | undefined>(20_000);

/**
 * The week of a pupil as JSON, for a viewer already allowed to see them.
 * The days (lessons, marks, attendance, files) are the same for every viewer
 * and kept (week-cache.ts); the rest is per viewer and per request.
 */
export async function weekJson(ctx: AppContext, actor: Actor, studentId: number, week: string | undefined): Promise<WeekAnswer> {
  const rows = await membershipsOf(ctx, actor, studentId);
  // Not a pupil of any class (an admin may ask for any person): nothing to show.
  if (rows.length === 0) throw new AppError('not_found', { field: '/params/studentId' });
  const now = today(ctx);
  const monday = resolveWeek(rows, week, now, '/querystring/week');
  const saturday = addDays(monday, 5);
  const start = await keptDays(ctx, actor, studentId, monday, () => buildDays(ctx, studentId, monday));

  const current = rows.filter((r) => r.fromDate <= saturday && (r.toDate === null || r.toDate >= monday)).at(-1) ?? rows.at(-1);
  const isGuardian = actor.childIds.includes(studentId);
  const mine = isGuardian
    ? await confirmations.get(ctx.db, `${actor.personId}:${studentId}:${monday}`, () => q.myConfirmation.first(ctx.db, [studentId, monday, actor.personId]))
    : undefined;
  const head: Omit<DiaryWeek, 'days'> = {
    student: {
      personId: studentId,
      name: current ? `${current.name} ${current.surname}` : '',
      className: current?.className ?? '',
      schoolId: current?.schoolId ?? 0,
    },
    week: monday,
    ...neighbourWeeks(rows, monday),
    today: now,
    confirmedByMe: mine?.confirmed_at ?? null,
    canConfirm: isGuardian && mayConfirm(monday, now),
  };
  // The days come first in the object: they are the kept start, the head is this viewer's end.
  return { start, end: `,${JSON.stringify(head).slice(1)}` };
}

/** Monday to Saturday of the pupil's lessons with their marks, attendance and homework files, as JSON text. */
async function buildDays(ctx: AppContext, studentId: number, monday: string): Promise<string> {
  const lessons = await q.lessonsBetween(ctx.db, studentId, monday, addDays(monday, 5));
  const byLesson = new Map<number, DiaryLesson>();
  const days: DiaryWeek['days'] = Array.from({ length: 6 }, (_, i) => ({ date: addDays(monday, i), lessons: [] as DiaryLesson[] }));
  for (const l of lessons) {
    const lesson: DiaryLesson = {
      id: l.id,
      number: l.number,
      subject: l.subject,
      teacher: teacherName(l.tSurname, l.tName, l.tPatronymic),
      topic: l.topic,
      homework: l.homework,
      cancelled: l.status === 'cancelled',
      files: [],
      marks: [],
      attendance: null,
    };
    byLesson.set(l.id, lesson);
    days.find((d) => d.date === l.date)?.lessons.push(lesson);
  }

  if (lessons.length > 0) {
    const ids = JSON.stringify([...byLesson.keys()]);
    const [marks, attendance, files] = await Promise.all([
      q.marksOfLessons.all(ctx.db, [ids, studentId]),
      q.attendanceOfLessons.all(ctx.db, [ids, studentId]),
      q.filesOf.all(ctx.db, [ids]),
    ]);
    for (const m of marks) {
      byLesson.get(m.lessonId)?.marks.push({ id: m.id, value: m.value, weight: m.weight, workType: m.workType, comment: m.comment, enteredAt: m.enteredAt });
    }
    for (const a of attendance) {
      const lesson = byLesson.get(a.lessonId);
      if (lesson) lesson.attendance = a.code;
    }
    for (const f of files) {
      byLesson.get(f.lessonId)?.files.push({ id: f.id, name: f.name, size: f.size, url: `/api/journal/files/${f.id}` });
    }
  }
  return JSON.stringify(days);
}

/** A finished week, or the current one from its Friday. */
export function mayConfirm(monday: string, now: string): boolean {
  return now >= addDays(monday, 4);
}
