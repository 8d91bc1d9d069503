import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, TEST_NOW, uploadFile, type TestEnv } from '../../test/harness.js';
import { makePerson, signedIn } from '../../test/factories.js';
import { makeCourse, makeLessons, makeSubject } from '../../test/structure-factories.js';
import { diaryFixture, workTypes, writeJournal } from './diary-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof diaryFixture>>;
let marks: { five: number; three: number; answer: number; test: number };

beforeAll(async () => {
  env = await createTestEnv();
  f = await diaryFixture(env.ctx);
  const types = await workTypes(env.app, f.a.teacher.cookie, f.a.schoolId);
  const [, wed7, , wed14, thu15] = f.a.lessonIds as [number, number, number, number, number];
  const lesson = await call(env.app, 'GET', `/api/journal/lessons/${wed14}`, { cookie: f.a.teacher.cookie });
  await call(env.app, 'PATCH', `/api/journal/lessons/${wed14}`, { cookie: f.a.teacher.cookie, body: { version: lesson.body.version, topic: 'Дроби', homework: '№ 12, 14' } });
  const next = await call(env.app, 'GET', `/api/journal/lessons/${thu15}`, { cookie: f.a.teacher.cookie });
  await call(env.app, 'PATCH', `/api/journal/lessons/${thu15}`, { cookie: f.a.teacher.cookie, body: { version: next.body.version, homework: 'Выучить таблицу' } });
  const results = await writeJournal(env.app, f.a.teacher.cookie, [
    { kind: 'mark', lessonId: wed14, studentId: f.childA, value: '5', workTypeId: types.answer!.id, comment: 'Отличный ответ' },
    { kind: 'mark', lessonId: wed7, studentId: f.childA, value: '3', workTypeId: types.test!.id },
    { kind: 'attendance', lessonId: wed7, studentId: f.a.studentIds[1]!, version: 0, code: 'ill' },
    { kind: 'mark', lessonId: wed14, studentId: f.a.studentIds[1]!, value: '4' },
    { kind: 'termMark', courseId: f.a.courseId, termId: f.a.termId, studentId: f.childA, version: 0, value: '4' },
  ]);
  marks = { five: results[0]!.id!, three: results[1]!.id!, answer: types.answer!.weight, test: types.test!.weight };
  const typesB = await workTypes(env.app, f.b.teacher.cookie, f.b.schoolId);
  await writeJournal(env.app, f.b.teacher.cookie, [{ kind: 'mark', lessonId: f.b.lessonIds[3]!, studentId: f.childB, value: '2', workTypeId: typesB.dictation!.id }]);
});
afterAll(async () => env.close());

const get = (cookie: string, url: string) => call(env.app, 'GET', url, { cookie });

describe('the guardian of two children in two schools', () => {
  it('lists both children with their schools and classes', async () => {
    const res = await get(f.guardian.cookie, '/api/diary/children');
    expect(res.status).toBe(200);
    expect(res.body.map((c: { personId: number }) => c.personId).sort()).toEqual([f.childA, f.childB].sort());
    expect(res.body.find((c: { personId: number }) => c.personId === f.childB)).toMatchObject({ schoolId: f.b.schoolId, className: '5А' });
  });

  it('sees the week with topic, homework, marks with work type and weight, comment; Monday to Saturday', async () => {
    const res = await get(f.guardian.cookie, `/api/diary/students/${f.childA}/week`);
    expect(res.status).toBe(200);
    const w = res.body;
    expect(w.week).toBe('2026-10-12');
    expect(w.days.map((d: { date: string }) => d.date)).toEqual(['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-17']);
    const wed = w.days[2].lessons[0];
    expect(wed).toMatchObject({ subject: 'Математика', topic: 'Дроби', homework: '№ 12, 14', teacher: 'Учителева А.П.', attendance: null });
    expect(wed.marks).toEqual([expect.objectContaining({ id: marks.five, value: '5', workType: 'Ответ на уроке', weight: marks.answer, comment: 'Отличный ответ' })]);
    expect(w.days[3].lessons[0].homework).toBe('Выучить таблицу');
    expect(w.prevWeek).toBe('2026-10-05');
    expect(w.nextWeek).toBe('2026-10-19');
    // nothing of the other pupils: their mark of the same lesson is not there
    expect(JSON.stringify(w)).not.toContain('Ученик02');
    expect(w.days.flatMap((d: { lessons: Array<{ marks: unknown[] }> }) => d.lessons.flatMap((l) => l.marks))).toHaveLength(1);
  });

  it('switches to the child of the other school', async () => {
    const res = await get(f.guardian.cookie, `/api/diary/students/${f.childB}/week?week=2026-10-14`);
    expect(res.status).toBe(200);
    expect(res.body.student).toMatchObject({ personId: f.childB, schoolId: f.b.schoolId });
    expect(res.body.days[2].lessons[0].marks[0]).toMatchObject({ value: '2', workType: 'Диктант', weight: 2 });
  });

  it('lists the homework files of the week’s lessons, each with its own lesson, and drops a deleted one', async () => {
    const [, , , wed14, thu15] = f.a.lessonIds as [number, number, number, number, number];
    const upload = async (lessonId: number, name: string, content: string) => {
      const res = await uploadFile(env.app, `/api/journal/lessons/${lessonId}/files`, f.a.teacher.cookie, name, content);
      expect(res.statusCode).toBe(201);
      return JSON.parse(res.body).id as number;
    };
    const sheet = await upload(wed14, 'дроби.pdf', '%PDF-1.4 дроби');
    const table = await upload(thu15, 'таблица.txt', '2 × 2 = 4');
    const draft = await upload(thu15, 'черновик.txt', 'x');
    expect((await call(env.app, 'DELETE', `/api/journal/files/${draft}`, { cookie: f.a.teacher.cookie })).status).toBe(204);
    const w = (await get(f.guardian.cookie, `/api/diary/students/${f.childA}/week`)).body;
    expect(w.days[2].lessons[0].files).toEqual([{ id: sheet, name: 'дроби.pdf', size: Buffer.byteLength('%PDF-1.4 дроби'), url: `/api/journal/files/${sheet}` }]);
    expect(w.days[3].lessons[0].files).toEqual([{ id: table, name: 'таблица.txt', size: Buffer.byteLength('2 × 2 = 4'), url: `/api/journal/files/${table}` }]);
    const file = await env.app.inject({ method: 'GET', url: `/api/journal/files/${sheet}`, headers: { cookie: f.guardian.cookie } });
    expect([file.statusCode, file.body]).toEqual([200, '%PDF-1.4 дроби']);
  });

  it('a child who is not theirs is 404; a week outside the year is 422 naming the field; a bad date 400', async () => {
    expect((await get(f.guardian.cookie, `/api/diary/students/${f.a.studentIds[1]}/week`)).status).toBe(404);
    expect((await get(f.guardian.cookie, `/api/diary/students/${f.a.studentIds[1]}/subjects`)).status).toBe(404);
    expect((await get(f.guardian.cookie, `/api/diary/students/${f.a.studentIds[1]}/feed`)).status).toBe(404);
    const summer = await get(f.guardian.cookie, `/api/diary/students/${f.childA}/week?week=2026-07-08`);
    expect(summer.status).toBe(422);
    expect(summer.body).toMatchObject({ code: 'week_outside_year', field: '/querystring/week' });
    const bad = await get(f.guardian.cookie, `/api/diary/students/${f.childA}/week?week=2026-13-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('/querystring/week');
  });
});

describe('marks by subject', () => {
  it('lists every mark with date and work type, the weighted average, the term mark and the weekly series', async () => {
    const res = await get(f.guardian.cookie, `/api/diary/students/${f.childA}/subjects`);
    expect(res.status).toBe(200);
    expect(res.body.term).toMatchObject({ id: f.a.termId, name: '1 четверть' });
    expect(res.body.terms).toHaveLength(4);
    const math = res.body.subjects[0];
    expect(math.marks.map((m: { date: string; value: string; workType: string }) => [m.date, m.value, m.workType])).toEqual([
      ['2026-10-07', '3', 'Контрольная работа'],
      ['2026-10-14', '5', 'Ответ на уроке'],
    ]);
    // (3·3 + 5·1) / 4 = 3.5
    expect(math.average).toBe(3.5);
    expect(math.termMark).toBe('4');
    expect(math.weekly).toEqual([{ week: '2026-10-05', average: 3 }, { week: '2026-10-12', average: 3.5 }]);
  });
});

describe('the pupil', () => {
  it('sees their own week (with their attendance) and nothing of others', async () => {
    const own = await get(f.pupil.cookie, `/api/diary/students/${f.pupil.personId}/week?week=2026-10-07`);
    expect(own.status).toBe(200);
    expect(own.body.days[2].lessons[0].attendance).toBe('ill');
    expect(own.body.canConfirm).toBe(false);
    expect((await get(f.pupil.cookie, `/api/diary/students/${f.childA}/week`)).status).toBe(404);
    const children = await get(f.pupil.cookie, '/api/diary/children');
    expect(children.body.map((c: { personId: number }) => c.personId)).toEqual([f.pupil.personId]);
  });

  it('cannot confirm a week or read the class list', async () => {
    expect((await call(env.app, 'POST', `/api/diary/students/${f.pupil.personId}/confirmations`, { cookie: f.pupil.cookie, body: { week: '2026-10-05' } })).status).toBe(403);
    expect((await get(f.pupil.cookie, `/api/diary/classes/${f.a.classId}/confirmations`)).status).toBe(403);
  });
});

describe('«Дневник просмотрен»', () => {
  it('a finished week is confirmed once; the current one only from Friday; the class teacher sees who', async () => {
    const confirm = (week: string) => call(env.app, 'POST', `/api/diary/students/${f.childA}/confirmations`, { cookie: f.guardian.cookie, body: { week } });
    const early = await confirm('2026-10-14');
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'week_not_finished', field: '/body/week' });
    const done = await confirm('2026-10-07');
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ week: '2026-10-05', confirmedAt: TEST_NOW });
    expect((await confirm('2026-10-05')).body.confirmedAt).toBe(TEST_NOW);
    expect(await env.ctx.db.kysely.selectFrom('diary_confirmations').selectAll().where('student_person_id', '=', f.childA).execute()).toHaveLength(1);
    expect((await call(env.app, 'POST', `/api/diary/students/${f.a.studentIds[2]}/confirmations`, { cookie: f.guardian.cookie, body: { week: '2026-10-05' } })).status).toBe(404);

    const week = await get(f.guardian.cookie, `/api/diary/students/${f.childA}/week?week=2026-10-05`);
    expect(week.body).toMatchObject({ confirmedByMe: TEST_NOW, canConfirm: true });

    const list = await get(f.classTeacher.cookie, `/api/diary/classes/${f.a.classId}/confirmations?week=2026-10-05`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ week: '2026-10-05', prevWeek: '2026-09-28', nextWeek: '2026-10-12' });
    expect(list.body.pupils).toHaveLength(3);
    expect(list.body.pupils.find((p: { personId: number }) => p.personId === f.childA).confirmations).toEqual([{ guardian: 'Родителева М.И.', at: TEST_NOW }]);
    expect(list.body.pupils.filter((p: { confirmations: unknown[] }) => p.confirmations.length === 0)).toHaveLength(2);
    const other = await signedIn(env.ctx, 'class_teacher', { schoolId: f.b.schoolId, classId: f.b.classId });
    expect((await get(other.cookie, `/api/diary/classes/${f.a.classId}/confirmations`)).status).toBe(404);

    env.clock.set('2026-10-16T01:00:00.000Z'); // Friday
    try {
      expect((await confirm('2026-10-12')).status).toBe(200);
    } finally {
      env.clock.set(TEST_NOW);
    }
  });
});

describe('the feed', () => {
  it('shows new marks, the term mark and homework for tomorrow; after "seen", a correction of a seen mark', async () => {
    const url = `/api/diary/students/${f.childA}/feed`;
    const first = await get(f.guardian.cookie, url);
    expect(first.status).toBe(200);
    const kinds = first.body.items.map((i: { kind: string; value: string | null }) => `${i.kind}:${i.value ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['mark:5', 'mark:3', 'term_mark:4', 'homework:']));
    expect(first.body.items[0]).toMatchObject({ kind: 'homework', date: '2026-10-15', text: 'Выучить таблицу' });
    expect(first.body.items.filter((i: { unseen: boolean; kind: string }) => i.kind === 'mark').every((i: { unseen: boolean }) => i.unseen)).toBe(true);

    expect((await call(env.app, 'POST', `/api/diary/students/${f.childA}/seen`, { cookie: f.guardian.cookie, body: { upTo: TEST_NOW } })).status).toBe(200);
    env.clock.advance(60_000);
    try {
      const current = await env.ctx.db.kysely.selectFrom('marks').select('version').where('id', '=', marks.five).executeTakeFirstOrThrow();
      await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: f.a.lessonIds[3]!, studentId: f.childA, markId: marks.five, version: current.version, value: '4' }]);
      const after = await get(f.guardian.cookie, url);
      const correction = after.body.items.find((i: { kind: string }) => i.kind === 'correction');
      expect(correction).toMatchObject({ value: '4', text: 'changed', unseen: true, subject: 'Математика' });
      expect(after.body.items.filter((i: { kind: string; unseen: boolean }) => i.kind === 'mark' && i.unseen)).toHaveLength(0);
      // the pupil has their own marker: for them the mark is simply new
      const pupilFeed = await get(f.pupil.cookie, `/api/diary/students/${f.pupil.personId}/feed`);
      expect(pupilFeed.body.items.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)).toContain('mark:4');
    } finally {
      env.clock.set(TEST_NOW);
    }
  });
});

describe('the feed: year marks', () => {
  it('a year mark set by the teacher shows with its academic year; one of another pupil does not', async () => {
    const url = `/api/diary/students/${f.childA}/feed`;
    const yearMark = (studentId: number, value: string) => ({ kind: 'yearMark', courseId: f.a.courseId, studentId, version: 0, value });
    // After the guardian's "seen" marker (set in the test above): new to them.
    env.clock.advance(120_000);
    try {
      const at = env.ctx.clock.now().toISOString();
      await writeJournal(env.app, f.a.teacher.cookie, [yearMark(f.childA, '5'), yearMark(f.a.studentIds[2]!, '3')]);
      const items = (await get(f.guardian.cookie, url)).body.items.filter((i: { kind: string }) => i.kind === 'year_mark');
      expect(items).toEqual([{ kind: 'year_mark', at, date: '2027-05-31', subject: 'Математика', value: '5', workType: null, text: '2026/2027', unseen: true }]);
    } finally {
      env.clock.set(TEST_NOW);
    }
  });
});

describe('notification settings', () => {
  it('a guardian chooses a mode; a wrong one is refused naming the field', async () => {
    expect((await get(f.guardian.cookie, '/api/diary/notifications')).body).toEqual({ mode: 'none', email: null });
    const put = await call(env.app, 'PUT', '/api/diary/notifications', { cookie: f.guardian.cookie, body: { mode: 'daily' } });
    expect(put.body.mode).toBe('daily');
    expect((await get(f.guardian.cookie, '/api/diary/notifications')).body.mode).toBe('daily');
    const bad = await call(env.app, 'PUT', '/api/diary/notifications', { cookie: f.guardian.cookie, body: { mode: 'hourly' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('/body/mode');
    expect((await call(env.app, 'PUT', '/api/diary/notifications', { cookie: f.pupil.cookie, body: { mode: 'daily' } })).status).toBe(403);
  });
});

describe('group courses', () => {
  it('a pupil sees the lessons of their own group on each date, also across a move between groups, and none of other groups', async () => {
    const db = env.ctx.db.kysely;
    const { schoolId, classId, yearId, termId } = f.a;
    const [childA, pupil, third] = [f.childA, f.a.studentIds[1]!, f.a.studentIds[2]!];
    const subjectId = await makeSubject(env.ctx, schoolId, 'Английский язык');
    const teacherPersonId = await makePerson(env.ctx, { surname: 'Инглишева', name: 'Ольга', patronymic: 'Игоревна' });
    const groups: number[] = [];
    for (const name of ['1 группа', '2 группа']) {
      const { id } = await db.insertInto('class_groups').values({ school_id: schoolId, class_id: classId, name }).returning('id').executeTakeFirstOrThrow();
      groups.push(id);
    }
    const member = (groupId: number, studentId: number, from: string, to: string | null) =>
      db.insertInto('group_members').values({ school_id: schoolId, group_id: groupId, student_person_id: studentId, from_date: from, to_date: to }).execute();
    // childA moves from the first group to the second on Wednesday 14 October; the pupil is in the second all along; the third pupil in none.
    await member(groups[0]!, childA, '2026-09-01', '2026-10-13');
    await member(groups[1]!, childA, '2026-10-14', null);
    await member(groups[1]!, pupil, '2026-09-01', null);
    const lessons: Record<string, number[]> = {};
    for (const [i, groupId] of groups.entries()) {
      const courseId = await makeCourse(env.ctx, { schoolId, yearId, classId, subjectId, teacherPersonId, groupId });
      lessons[`g${i + 1}`] = await makeLessons(env.ctx, { schoolId, courseId, termId, teacherPersonId, dates: ['2026-10-12', '2026-10-15'], number: 2 + i });
    }
    const english = async (cookie: string, studentId: number) => {
      const res = await get(cookie, `/api/diary/students/${studentId}/week?week=2026-10-12`);
      expect(res.status).toBe(200);
      return res.body.days.flatMap((d: { date: string; lessons: Array<{ id: number; subject: string }> }) => d.lessons.filter((l) => l.subject === 'Английский язык').map((l) => [d.date, l.id]));
    };
    expect(await english(f.guardian.cookie, childA)).toEqual([['2026-10-12', lessons.g1![0]], ['2026-10-15', lessons.g2![1]]]);
    expect(await english(f.pupil.cookie, pupil)).toEqual([['2026-10-12', lessons.g2![0]], ['2026-10-15', lessons.g2![1]]]);
    const admin = await signedIn(env.ctx, 'admin');
    expect(await english(admin.cookie, third)).toEqual([]);
  });
});
