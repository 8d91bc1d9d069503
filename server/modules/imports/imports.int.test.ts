import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { signedIn } from '../../test/factories.js';
import { count, schoolForImports, streamed, STUDENT_HEADER, upload } from './imports.test-support.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const GOOD = [
  STUDENT_HEADER,
  'S-001;Иванов;Пётр;Сергеевич;12.03.2015;5А;Иванова;Мария;Петровна;мать;+7 914 000-00-01;maria@example.ru;Иванов;Сергей;Павлович;отец;+7 914 000-00-02;',
  'S-002;Иванова;Анна;Сергеевна;2014-01-30;6А;Иванова;Мария;Петровна;мать;+7 914 000-00-01;maria@example.ru;;;;;;',
  'S-003;Смирнов;Олег;;01.09.2015;5Б;Смирнова;Елена;;опекун;;;;;;;;',
].join('\r\n');

describe('imports: students with guardians', () => {
  it('a clean CSV (UTF-8 with BOM, «;») imports pupils, guardians, enrolments, classes, grants and accounts with codes', async () => {
    const s = await schoolForImports(env.ctx);
    const check = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'pupils.csv', `\ufeff${GOOD}`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ ok: true, rows: 3, validRows: 3, problems: [] });
    expect(await count(env.ctx, 'enrolments')).toBe(0);
    const epoch = async () => Number((await env.ctx.db.kysely.selectFrom('access_epoch').select('value').executeTakeFirstOrThrow()).value);
    const epochBefore = await epoch();

    const run = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'pupils.csv', `\ufeff${GOOD}`);
    expect(run.status).toBe(200);
    expect(run.headers['content-type']).toContain('application/x-ndjson');
    const { last, progress } = streamed(run.text);
    expect(progress.length).toBeGreaterThan(0);
    expect(last).toMatchObject({ type: 'done', result: { created: 3, guardiansCreated: 3, accountsCreated: 6 } });
    // Kept actors see the new grants and children: one bump for the whole import, not one per row or statement.
    expect(await epoch()).toBe(epochBefore + 1);

    const db = env.ctx.db.kysely;
    const petr = await db.selectFrom('persons').selectAll().where('external_id', '=', 'S-001').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(petr).toMatchObject({ surname: 'Иванов', name: 'Пётр', patronymic: 'Сергеевич', birth_date: '2015-03-12' });
    const member = await db.selectFrom('class_members').selectAll().where('student_person_id', '=', petr.id).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ class_id: s.classes['5А'], to_date: null, school_id: s.schoolId });
    const guardians = await db
      .selectFrom('guardianships')
      .innerJoin('persons', 'persons.id', 'guardianships.guardian_person_id')
      .select(['persons.name', 'guardianships.relation', 'guardianships.student_person_id'])
      .where('guardianships.school_id', '=', s.schoolId)
      .orderBy('persons.name')
      .execute();
    // The mother of two siblings is one person with two guardianships.
    expect(guardians.filter((g) => g.name === 'Мария')).toHaveLength(2);
    expect(guardians.find((g) => g.name === 'Сергей')?.relation).toBe('father');
    expect(guardians.find((g) => g.name === 'Елена')?.relation).toBe('other');
    const account = await db.selectFrom('accounts').selectAll().where('person_id', '=', petr.id).executeTakeFirstOrThrow();
    expect(account.status).toBe('pending');
    expect(account.activation_code_hash).toBeTruthy();
    const grants = await db.selectFrom('grants').select(['role']).where('school_id', '=', s.schoolId).where('role', 'in', ['student', 'guardian']).execute();
    expect(grants.filter((g) => g.role === 'student')).toHaveLength(3);
    expect(grants.filter((g) => g.role === 'guardian')).toHaveLength(3);
  });

  it('a second import of the same file updates instead of duplicating (by external id, else by full name and birth date)', async () => {
    const s = await schoolForImports(env.ctx);
    await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'pupils.csv', GOOD);
    const before = { persons: await count(env.ctx, 'persons'), accounts: await count(env.ctx, 'accounts'), links: await count(env.ctx, 'guardianships'), members: await count(env.ctx, 'class_members') };
    const again = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'pupils.csv', GOOD);
    expect(streamed(again.text).last).toMatchObject({ type: 'done', result: { created: 0, updated: 0, unchanged: 3, guardiansCreated: 0, accountsCreated: 0 } });
    expect(await count(env.ctx, 'persons')).toBe(before.persons);
    expect(await count(env.ctx, 'accounts')).toBe(before.accounts);
    expect(await count(env.ctx, 'guardianships')).toBe(before.links);
    expect(await count(env.ctx, 'class_members')).toBe(before.members);

    // Without an external id: matched by full name + birth date, so nothing new.
    const noIds = [STUDENT_HEADER, ';Смирнов;Олег;;01.09.2015;5Б;;;;;;;;;;;;'].join('\n');
    const same = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'same.csv', noIds);
    expect(streamed(same.text).last.result).toMatchObject({ created: 0, unchanged: 1 });

    const byId = [STUDENT_HEADER, 'S-003;Смирнов;Олег;;2015-09-01;6А;;;;;;;;;;;;'].join('\n');
    const res = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'move.csv', byId);
    expect(streamed(res.text).last.result).toMatchObject({ created: 0, moved: 1 });
    const oleg = await env.ctx.db.kysely
      .selectFrom('persons')
      .innerJoin('enrolments', 'enrolments.person_id', 'persons.id')
      .select('persons.id')
      .where('external_id', '=', 'S-003')
      .where('enrolments.school_id', '=', s.schoolId)
      .executeTakeFirstOrThrow();
    const history = await env.ctx.db.kysely.selectFrom('class_members').selectAll().where('student_person_id', '=', oleg.id).orderBy('id').execute();
    expect(history.map((h) => [h.class_id, h.to_date])).toEqual([
      [s.classes['5Б'], '2026-10-14'],
      [s.classes['6А'], null],
    ]);
  });

  it('the dry run lists every problem by row and column and writes nothing; the real run refuses the file with the same report', async () => {
    const s = await schoolForImports(env.ctx);
    const bad = [
      STUDENT_HEADER,
      'B-1;Петров;Иван;;2015-01-01;9Я;;;;;;;;;;;;', // unknown class
      'B-2;Сидоров;Иван;;2023-02-30;5А;;;;;;;;;;;;', // impossible date
      'B-3;Петров;Иван;;2015-01-01;5А;;;;;;;;;;;;', // fine by itself
      'B-3;Кузнецов;Илья;;2015-02-02;5А;;;;;;;;;;;;', // duplicate external id within the file
      'B-5;;Ольга;;2015-02-02;5А;;;;;;;;;;;;', // missing surname
      'B-6;Орлова;Ольга;;2015-02-03;5А;Орлов;Пётр;;дядя;;;;;;;;', // bad relation
      'B-7;Орлова;Инна;;2015-02-04;5А;Орлов;;;отец;;;;;;;;', // guardian without a name
      'B-8;Орлова;Вера;;вчера;5А;;;;;;;;;;;;', // unreadable date
    ].join('\n');
    const before = await count(env.ctx, 'persons');
    const check = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'bad.csv', bad);
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [2, 'Класс', 'unknown_class'],
      [3, 'Дата рождения', 'impossible_date'],
      [5, 'Внешний ID', 'duplicate_in_file'],
      [6, 'Фамилия', 'required'],
      [7, 'Родитель 1: кем приходится', 'bad_relation'],
      [8, 'Родитель 1: имя', 'guardian_incomplete'],
      [9, 'Дата рождения', 'bad_date'],
    ]);
    const run = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'bad.csv', bad);
    expect(run.status).toBe(422);
    expect(run.headers['content-type']).toContain('application/problem+json');
    expect(run.body).toMatchObject({ code: 'import_has_problems', field: '/body/file' });
    expect(run.body.report.problems).toHaveLength(7);
    expect(await count(env.ctx, 'persons')).toBe(before);
  });

  it('a person already stored under another external id with the same name and birth date is a duplicate against the database', async () => {
    const s = await schoolForImports(env.ctx);
    await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'pupils.csv', GOOD);
    const clash = [STUDENT_HEADER, 'OTHER-9;Иванов;Пётр;Сергеевич;2015-03-12;5А;;;;;;;;;;;;'].join('\n');
    const check = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'clash.csv', clash);
    expect(check.body.problems).toEqual([{ row: 2, column: 'Внешний ID', code: 'duplicate_in_db', value: 'Иванов Пётр Сергеевич' }]);
  });

  it('reads Windows-1251 with «,» and English headers', async () => {
    const s = await schoolForImports(env.ctx);
    const text = ['External ID,Surname,Name,Patronymic,Birth date,Class', 'W-1,Ёлкина,Дарья,Андреевна,05.05.2015,5А'].join('\r\n');
    const cp1251 = Buffer.from(
      [...text].map((ch) => {
        const code = ch.charCodeAt(0);
        if (code < 128) return code;
        if (ch === 'Ё') return 0xa8;
        if (ch === 'ё') return 0xb8;
        return code - 0x410 + 0xc0;
      }),
    );
    const run = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'win.csv', cp1251);
    expect(streamed(run.text).last).toMatchObject({ type: 'done', result: { created: 1 } });
    const row = await env.ctx.db.kysely.selectFrom('persons').selectAll().where('external_id', '=', 'W-1').executeTakeFirstOrThrow();
    expect([row.surname, row.name, row.birth_date]).toEqual(['Ёлкина', 'Дарья', '2015-05-05']);
  });
});

describe('imports: bad files are a report, not a crash', () => {
  it('a file that is not CSV/XLSX is 415, an empty file 400, a 50 MB file 413; nothing is stored', async () => {
    const s = await schoolForImports(env.ctx);
    const before = await count(env.ctx, 'persons');
    const png = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expect(png.status).toBe(415);
    expect(png.body).toMatchObject({ code: 'import_unsupported_file', field: '/body/file' });
    const fakeXlsx = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'x.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(fakeXlsx.status).toBe(415);
    const empty = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'empty.csv', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('import_file_empty');
    const headerOnly = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'h.csv', STUDENT_HEADER);
    expect(headerOnly.body.problems).toEqual([{ row: 0, column: '', code: 'no_rows' }]);
    const huge = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'huge.csv', Buffer.alloc(50 * 1024 * 1024, 0x41));
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    expect(huge.body.code).toBe('payload_too_large');
    expect(await count(env.ctx, 'persons')).toBe(before);
  });

  it('a file missing a required column names the column', async () => {
    const s = await schoolForImports(env.ctx);
    const res = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'x.csv', 'Фамилия;Имя\nИванов;Иван');
    expect(res.body.problems.map((p: any) => [p.column, p.code])).toEqual([
      ['Дата рождения', 'missing_column'],
      ['Класс', 'missing_column'],
    ]);
  });

  it('only the school admin of that school may import: a teacher gets 403, another school’s admin 404', async () => {
    const s = await schoolForImports(env.ctx);
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId: s.schoolId });
    expect((await upload(env.app, `${s.base}/imports/students/check`, teacher.cookie, 'p.csv', GOOD)).status).toBe(403);
    const other = await schoolForImports(env.ctx);
    expect((await upload(env.app, `${s.base}/imports/students/check`, other.admin.cookie, 'p.csv', GOOD)).status).toBe(404);
  });
});

