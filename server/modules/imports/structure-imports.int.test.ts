import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../accounts/passwords.js';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { count, schoolForImports, streamed, STUDENT_HEADER, upload } from './imports.test-support.js';

let env: TestEnv;
const work = mkdtempSync(join(tmpdir(), 'otmetka-imports-'));
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env.close();
  rmSync(work, { recursive: true, force: true });
});

const STAFF = [
  'Внешний ID;Фамилия;Имя;Отчество;Должность;Роли;Телефон;Email',
  'T-1;Кузнецова;Анна;Викторовна;учитель математики;учитель, завуч;;anna@example.ru',
  'T-2;Орлов;Пётр;Иванович;учитель истории;учитель;;',
  'T-3;Лебедева;Нина;;директор;директор;;',
].join('\n');

async function school() {
  const s = await schoolForImports(env.ctx);
  const run = async (kind: string, text: string | Buffer, name = `${kind}.csv`) => upload(env.app, `${s.base}/imports/${kind}/run`, s.admin.cookie, name, text);
  return { ...s, run };
}

describe('imports: staff, classes, courses and timetable', () => {
  it('staff with roles get staff rows, role grants in the school and accounts; unknown roles are reported', async () => {
    const s = await school();
    expect(streamed((await s.run('staff', STAFF)).text).last.result).toMatchObject({ created: 3, accountsCreated: 3 });
    const grants = await env.ctx.db.kysely
      .selectFrom('grants')
      .innerJoin('persons', 'persons.id', 'grants.person_id')
      .select(['persons.surname', 'grants.role'])
      .where('grants.school_id', '=', s.schoolId)
      .where('grants.role', '!=', 'school_admin')
      .orderBy('persons.surname')
      .orderBy('grants.role')
      .execute();
    expect(grants.map((g) => `${g.surname}:${g.role}`)).toEqual(['Кузнецова:deputy', 'Кузнецова:teacher', 'Лебедева:director', 'Орлов:teacher']);
    const again = await s.run('staff', STAFF);
    expect(streamed(again.text).last.result).toMatchObject({ created: 0, unchanged: 3, accountsCreated: 0 });
    const bad = await upload(env.app, `${s.base}/imports/staff/check`, s.admin.cookie, 's.csv', 'Фамилия;Имя;Роли\nСидоров;Иван;учитель, вахтёр');
    expect(bad.body.problems).toEqual([{ row: 2, column: 'Роли', code: 'unknown_role', value: 'вахтёр' }]);
  });

  it('classes, courses and timetable import, resolve teachers and subjects, report unknown ones, and re-import without duplicates', async () => {
    const s = await school();
    await s.run('staff', STAFF);
    const classes = 'Класс;Смена;Классный руководитель\n5А;1;Кузнецова Анна Викторовна\n7В;2;Орлов П.И.';
    expect(streamed((await s.run('classes', classes)).text).last.result).toMatchObject({ created: 1, updated: 1 });
    const seventh = await env.ctx.db.kysely.selectFrom('classes').selectAll().where('school_id', '=', s.schoolId).where('name', '=', '7В').executeTakeFirstOrThrow();
    expect(seventh).toMatchObject({ grade: 7, letter: 'В', shift: 2 });
    const classTeacher = await env.ctx.db.kysely.selectFrom('grants').select('class_id').where('role', '=', 'class_teacher').where('class_id', '=', seventh.id).execute();
    expect(classTeacher).toHaveLength(1);

    const courses = 'Класс;Группа;Предмет;Учитель;Часов в неделю\n5А;;Математика;Кузнецова Анна Викторовна;5\n5А;1 группа;Английский язык;Орлов Пётр Иванович;3\n7В;;История;Орлов П.И.;2';
    expect(streamed((await s.run('courses', courses)).text).last.result).toMatchObject({ created: 3 });
    expect(streamed((await s.run('courses', courses)).text).last.result).toMatchObject({ created: 0, unchanged: 3 });
    const badCourses = await upload(env.app, `${s.base}/imports/courses/check`, s.admin.cookie, 'c.csv', 'Класс;Предмет;Учитель;Часов в неделю\n5А;Физика;Неизвестный Учитель;x\n9Я;Физика;Орлов П.И.;2');
    expect(badCourses.body.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [2, 'Учитель', 'unknown_teacher'],
      [2, 'Часов в неделю', 'bad_number'],
      [3, 'Класс', 'unknown_class'],
    ]);

    const timetable = 'Класс;Группа;День недели;Номер урока;Предмет;Учитель;Кабинет\n5А;;пн;1;Математика;;12\n5А;1 группа;Вторник;2;Английский язык;Орлов П.И.;21\n7В;;3;1;История;;14';
    expect(streamed((await s.run('timetable', timetable)).text).last.result).toMatchObject({ created: 3 });
    const slots = await env.ctx.db.kysely.selectFrom('timetable_slots').selectAll().where('school_id', '=', s.schoolId).orderBy('weekday').execute();
    expect(slots.map((x) => [x.weekday, x.number, x.room, x.valid_from])).toEqual([
      [1, 1, '12', '2026-10-14'],
      [2, 2, '21', '2026-10-14'],
      [3, 1, '14', '2026-10-14'],
    ]);
    const moved = timetable.replace(';12', ';15');
    expect(streamed((await s.run('timetable', moved)).text).last.result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const badTimetable = await upload(env.app, `${s.base}/imports/timetable/check`, s.admin.cookie, 't.csv', 'Класс;День недели;Номер урока;Предмет\n5А;вс;1;Математика\n5А;пн;1;Химия\n7В;пн;2;Математика');
    expect(badTimetable.body.problems.map((p: any) => [p.row, p.code])).toEqual([
      [2, 'bad_weekday'],
      [3, 'unknown_subject'],
      [4, 'unknown_course'],
    ]);
  });
});

describe('exports are re-importable, letters carry the name and code', () => {
  it('the students export (XLSX) imports back with nothing changed', async () => {
    const s = await school();
    const csv = [STUDENT_HEADER, 'S-1;Иванов;Пётр;;12.03.2015;5А;Иванова;Мария;;мать;+79140000001;;Иванов;Сергей;;отец;;', 'S-2;Смирнова;Ольга;;01.09.2015;5Б;;;;;;;;;;;;'].join('\n');
    await s.run('students', csv);
    const exported = await env.app.inject({ method: 'GET', url: `${s.base}/exports/students`, headers: { cookie: s.admin.cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 7)).toEqual(['Внешний ID', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс']);
    expect(rows[1]!.slice(1, 11)).toEqual(['S-1', 'Иванов', 'Пётр', '', '2015-03-12', '5А', 'Иванова', 'Мария', '', 'мать']);
    const back = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'export.xlsx', exported.rawPayload);
    expect(streamed(back.text).last.result).toMatchObject({ created: 0, updated: 0, unchanged: 2, guardiansCreated: 0 });
    for (const kind of ['staff', 'classes', 'courses', 'timetable']) {
      const res = await env.app.inject({ method: 'GET', url: `${s.base}/exports/${kind}`, headers: { cookie: s.admin.cookie } });
      expect(res.statusCode).toBe(200);
    }
  });

  it('letters for a class: one PDF, a letter per pupil and per guardian with the access text, the activation URL and a code that is the stored one', async () => {
    const s = await school();
    await call(env.app, 'PATCH', `/api/schools/${s.schoolId}`, { cookie: s.admin.cookie, body: { accessInstructions: 'Вопросы — в кабинет 105.' } });
    const csv = [STUDENT_HEADER, 'S-1;Иванов;Пётр;;12.03.2015;5А;Иванова;Мария;;мать;+79140000001;;Иванов;Сергей;;отец;;', 'S-2;Смирнова;Ольга;;01.09.2015;5Б;;;;;;;;;;;;'].join('\n');
    await s.run('students', csv);
    const classes = await call(env.app, 'GET', `${s.base}/letters/classes`, { cookie: s.admin.cookie });
    expect(classes.body.classes.find((c: any) => c.name === '5А')).toMatchObject({ students: 1, pending: 3 });

    const res = await env.app.inject({ method: 'POST', url: `${s.base}/letters`, payload: { classId: s.classes['5А'] }, headers: { cookie: s.admin.cookie, 'x-otmetka-csrf': '1' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-letters-count']).toBe('3');
    const file = join(work, 'letters.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Иванов Пётр');
    expect(pages[0]).toContain('Вопросы — в кабинет 105.');
    expect(pages[0]).toContain(`${env.ctx.config.publicUrl}/activate`);
    expect(text).not.toContain('Смирнова');
    const code = /[A-Z0-9]{5}-[A-Z0-9]{5}/.exec(pages[0]!)![0];
    const pupil = await env.ctx.db.kysely
      .selectFrom('persons')
      .innerJoin('enrolments', 'enrolments.person_id', 'persons.id')
      .innerJoin('accounts', 'accounts.person_id', 'persons.id')
      .select('accounts.activation_code_hash')
      .where('enrolments.school_id', '=', s.schoolId)
      .where('persons.external_id', '=', 'S-1')
      .executeTakeFirstOrThrow();
    expect(pupil.activation_code_hash).toBe(hashToken(code.replace('-', '')));

    // Printing again issues new codes: the first one no longer matches.
    await env.app.inject({ method: 'POST', url: `${s.base}/letters`, payload: {}, headers: { cookie: s.admin.cookie, 'x-otmetka-csrf': '1' } });
    const after = await env.ctx.db.kysely.selectFrom('accounts').select('activation_code_hash').where('activation_code_hash', '=', hashToken(code.replace('-', ''))).execute();
    expect(after).toHaveLength(0);

    const unknown = await env.app.inject({ method: 'POST', url: `${s.base}/letters`, payload: { classId: 999999 }, headers: { cookie: s.admin.cookie, 'x-otmetka-csrf': '1' } });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'class_not_found', field: '/body/classId' });
    expect(await count(env.ctx, 'accounts')).toBeGreaterThan(0);
  });
});

describe('the documented example files', () => {
  it('docs/examples import cleanly in order: staff, classes, courses, timetable, pupils (CSV and XLSX)', async () => {
    const s = await school();
    const dir = join(import.meta.dirname, '..', '..', '..', 'docs', 'examples');
    for (const kind of ['staff', 'classes', 'courses', 'timetable', 'students']) {
      const res = await s.run(kind, readFileSync(join(dir, `${kind}.csv`)));
      expect(streamed(res.text).last.type, `${kind}: ${res.text}`).toBe('done');
    }
    const xlsx = await s.run('students', readFileSync(join(dir, 'students.xlsx')), 'students.xlsx');
    expect(streamed(xlsx.text).last.result).toMatchObject({ created: 0, unchanged: 3 });
  });
});
