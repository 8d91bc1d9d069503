/**
 * A pupil's week days and a course's grid are kept between requests; every
 * change they are built from must show on the very next read: a journal write,
 * a lesson added, cancelled, moved or given a substitute by the timetable, a
 * move between groups. And what is kept is really reused: a change that goes
 * around all of those (straight into the database) is not seen until a
 * revision moves.
 */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makePerson } from '../../test/factories.js';
import { SHARED_MS } from '../../db/change-token.js';
import { diaryFixture, writeJournal } from './diary-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof diaryFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await diaryFixture(env.ctx);
});
afterAll(async () => env.close());

type Lesson = { id: number; subject: string; teacher: string | null; cancelled: boolean; marks: Array<{ value: string }> };
type Week = { days: Array<{ date: string; lessons: Lesson[] }> };
const WEEK = '2026-10-12';
const week = async (): Promise<Week> => {
  const res = await call(env.app, 'GET', `/api/diary/students/${f.childA}/week?week=${WEEK}`, { cookie: f.guardian.cookie });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.body as Week;
};
const lessonsOf = (w: Week) => w.days.flatMap((d) => d.lessons.map((l) => ({ ...l, date: d.date })));
const gridLessonIds = async () => {
  const res = await call(env.app, 'GET', `/api/journal/courses/${f.a.courseId}?termId=${f.a.termId}`, { cookie: f.a.teacher.cookie });
  expect(res.status).toBe(200);
  return (res.body as { lessons: Array<[number]> }).lessons.map((l) => l[0]);
};
const wed14 = () => f.a.lessonIds[3]!;

describe('the next read shows', () => {
  it('a mark written through the journal', async () => {
    expect(lessonsOf(await week()).find((l) => l.id === wed14())!.marks).toEqual([]);
    await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: wed14(), studentId: f.childA, value: '4' }]);
    expect(lessonsOf(await week()).find((l) => l.id === wed14())!.marks.map((m) => m.value)).toEqual(['4']);
  });

  it('a lesson added by hand, in the diary and in the grid', async () => {
    const before = await week();
    await gridLessonIds();
    const res = await call(env.app, 'POST', `/api/courses/${f.a.courseId}/lessons`, { cookie: f.a.deputy.cookie, body: { date: '2026-10-16', number: 5 } });
    expect(res.status).toBe(201);
    const added = lessonsOf(await week()).filter((l) => !lessonsOf(before).some((b) => b.id === l.id));
    expect(added).toEqual([expect.objectContaining({ id: res.body.id, date: '2026-10-16', subject: 'Математика' })]);
    expect(await gridLessonIds()).toContain(res.body.id);
  });

  it('a lesson cancelled, then given a substitute', async () => {
    // Wednesday's lesson holds a mark, so it cannot be cancelled: a lesson without entries is.
    const added = await call(env.app, 'POST', `/api/courses/${f.a.courseId}/lessons`, { cookie: f.a.deputy.cookie, body: { date: '2026-10-16', number: 6 } });
    expect(added.status).toBe(201);
    const lesson = added.body.id as number;
    await week();
    expect((await call(env.app, 'POST', `/api/lessons/${lesson}/cancel`, { cookie: f.a.deputy.cookie })).status).toBe(200);
    expect(lessonsOf(await week()).find((l) => l.id === lesson)!.cancelled).toBe(true);
    const substitute = await makePerson(env.ctx, { surname: 'Заменова', name: 'Ольга', patronymic: 'Петровна' });
    await env.ctx.db.kysely.insertInto('staff').values({ school_id: f.a.schoolId, person_id: substitute, position: 'учитель', started_on: '2026-09-01', ended_on: null }).execute();
    const res = await call(env.app, 'PUT', `/api/lessons/${lesson}/teacher`, { cookie: f.a.deputy.cookie, body: { teacherPersonId: substitute } });
    expect(res.status).toBe(200);
    expect(lessonsOf(await week()).find((l) => l.id === lesson)!.teacher).toBe('Заменова О.П.');
  });

  it('a lesson moved to another day', async () => {
    const thu15 = f.a.lessonIds[4]!;
    expect(lessonsOf(await week()).find((l) => l.id === thu15)!.date).toBe('2026-10-15');
    const res = await call(env.app, 'POST', `/api/lessons/${thu15}/move`, { cookie: f.a.deputy.cookie, body: { date: '2026-10-13', number: 6 } });
    expect(res.status).toBe(200);
    expect(lessonsOf(await week()).find((l) => l.id === thu15)!.date).toBe('2026-10-13');
  });

  it('a pupil who left the class mid-week (changed by hand in the database)', async () => {
    expect(lessonsOf(await week()).some((l) => l.date >= '2026-10-14')).toBe(true);
    await env.ctx.db.kysely.updateTable('class_members').set({ to_date: '2026-10-13' }).where('student_person_id', '=', f.childA).execute();
    const after = lessonsOf(await week());
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((l) => l.date >= '2026-10-14')).toEqual([]);
    await env.ctx.db.kysely.updateTable('class_members').set({ to_date: null }).where('student_person_id', '=', f.childA).execute();
  });
});

describe('what is kept is reused', () => {
  it('a mark changed around the journal is not seen until a revision of the class moves', async () => {
    const value = () => lessonsOf(w).find((l) => l.id === wed14())!.marks.map((m) => m.value);
    let w = await week();
    expect(value()).toEqual(['4']);
    await env.ctx.db.kysely.updateTable('marks').set({ value: '2' }).where('lesson_id', '=', wed14()).where('student_person_id', '=', f.childA).execute();
    w = await week();
    expect(value()).toEqual(['4']);
    await env.ctx.db.kysely.updateTable('journal_revisions').set({ rev: sql`rev + 1` }).where('course_id', '=', f.a.courseId).execute();
    w = await week();
    expect(value()).toEqual(['2']);
  });
});

describe('a change committed by another process (SQLite)', () => {
  it('shows at most SHARED_MS after its commit: a journal write, a confirmation', async () => {
    const sqlite = env.ctx.db.sqlite;
    if (!sqlite) return; // PostgreSQL reads the stamp and the confirmation on every request
    const mon12 = () => f.a.lessonIds[2]!;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const value = (w: Week) => lessonsOf(w).find((l) => l.id === mon12())!.marks.map((m) => m.value);
    const confirmed = async () => {
      const res = await call(env.app, 'GET', `/api/diary/students/${f.childA}/week?week=${WEEK}`, { cookie: f.guardian.cookie });
      return (res.body as { confirmedByMe: string | null }).confirmedByMe;
    };
    await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: mon12(), studentId: f.childA, value: '5' }]);
    expect(value(await week())).toEqual(['5']);
    expect(await confirmed()).toBeNull();

    // What the journal of another server process commits in one transaction: the mark and its course's revision.
    const other = new Database(sqlite.name);
    try {
      other.transaction(() => {
        other.prepare('update marks set value = ? where lesson_id = ? and student_person_id = ?').run('3', mon12(), f.childA);
        other.prepare('update journal_revisions set rev = rev + 1 where course_id = ?').run(f.a.courseId);
        other
          .prepare('insert into diary_confirmations (school_id, student_person_id, guardian_person_id, week, confirmed_at) values (?, ?, ?, ?, ?)')
          .run(f.a.schoolId, f.childA, f.guardian.personId, WEEK, '2026-10-17T09:00:00.000Z');
      })();
    } finally {
      other.close();
    }
    await pause(SHARED_MS + 1);
    expect(value(await week())).toEqual(['3']);
    expect(await confirmed()).toBe('2026-10-17T09:00:00.000Z');
  });
});
