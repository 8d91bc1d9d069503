import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_PROBLEMS_LISTED } from '../../../shared/imports.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { count, schoolForImports, STUDENT_HEADER, upload } from './imports.test-support.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

/** 700 pupils in the class «9Я» the school does not have, then 10 pupils of 5А without a mistake. */
function systematicMistake(): string {
  const lines = [STUDENT_HEADER];
  for (let i = 0; i < 710; i++) lines.push(`M-${i};Петров;Имя${i};;01.02.2015;${i < 700 ? '9Я' : '5А'};;;;;;;;;;;;`);
  return lines.join('\n');
}

describe('imports: a file with more problems than the report lists', () => {
  it('the dry run counts all 700, summarises them in one entry and lists the first 500 by row; the refused run carries the same report and writes nothing', async () => {
    const s = await schoolForImports(env.ctx);
    const file = systematicMistake();
    const tables = ['persons', 'enrolments', 'class_members', 'accounts', 'grants'] as const;
    const before = await Promise.all(tables.map((t) => count(env.ctx, t)));

    const check = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'pupils.csv', file);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ kind: 'students', ok: false, rows: 710, validRows: 10, problemsTotal: 700 });
    expect(check.body.summary).toEqual([{ column: 'Класс', code: 'unknown_class', count: 700, rows: [2, 3, 4, 5, 6] }]);
    expect(check.body.problems).toHaveLength(IMPORT_PROBLEMS_LISTED);
    expect(check.body.problems[0]).toEqual({ row: 2, column: 'Класс', code: 'unknown_class', value: '9Я' });
    // The first 500 by row: sheet rows 2…501.
    expect(check.body.problems.map((p: { row: number }) => p.row)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));

    const run = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'pupils.csv', file);
    expect(run.status).toBe(422);
    expect(run.headers['content-type']).toContain('application/problem+json');
    expect(run.body).toMatchObject({ code: 'import_has_problems', field: '/body/file' });
    expect(run.body.report).toEqual(check.body);
    expect(await Promise.all(tables.map((t) => count(env.ctx, t)))).toEqual(before);
  });

  it('a file without a required column reports the column once, and its data rows stay counted as rows', async () => {
    const s = await schoolForImports(env.ctx);
    const res = await upload(env.app, `${s.base}/imports/students/check`, s.admin.cookie, 'x.csv', 'Фамилия;Имя;Дата рождения\nИванов;Иван;01.01.2015\nПетров;Пётр;02.02.2015');
    expect(res.body).toMatchObject({ ok: false, rows: 2, validRows: 2, problemsTotal: 1 });
    expect(res.body.summary).toEqual([{ column: 'Класс', code: 'missing_column', count: 1, rows: [1] }]);
  });
});
