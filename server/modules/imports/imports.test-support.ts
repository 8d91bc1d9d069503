/** Helpers for the imports tests: multipart uploads through app.inject and a school ready for imports. */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { CSRF_HEADER } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { makeClass, makeSchoolYear } from '../../test/structure-factories.js';

export async function upload(app: App, url: string, cookie: string, filename: string, bytes: Buffer | string) {
  const boundary = `----otmetka${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await app.inject({ method: 'POST', url, payload, headers: { cookie, [CSRF_HEADER]: '1', 'content-type': `multipart/form-data; boundary=${boundary}` } });
  const text = response.body;
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* NDJSON or empty */
  }
  return { status: response.statusCode, body, text, headers: response.headers };
}

/** The last line of a streamed run, and every progress line before it. */
export function streamed(text: string) {
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  return { last: lines.at(-1), progress: lines.filter((l) => l.type === 'progress') };
}

/** A school with the 2026/27 year, empty classes 5А, 5Б, 6А and a signed-in school admin. */
export async function schoolForImports(ctx: AppContext) {
  const tree = await makeRegionTree(ctx);
  const schoolId = tree.school.id;
  const { yearId } = await makeSchoolYear(ctx, schoolId);
  const classes: Record<string, number> = {};
  for (const [grade, letter] of [[5, 'А'], [5, 'Б'], [6, 'А']] as const) {
    classes[`${grade}${letter}`] = (await makeClass(ctx, schoolId, yearId, { grade, letter, students: 0 })).classId;
  }
  const admin = await signedIn(ctx, 'school_admin', { schoolId });
  return { ...tree, schoolId, yearId, classes, admin, base: `/api/schools/${schoolId}` };
}

export async function count(ctx: AppContext, table: 'persons' | 'enrolments' | 'class_members' | 'guardianships' | 'accounts' | 'grants' | 'staff' | 'classes' | 'courses' | 'timetable_slots' | 'subjects') {
  const row = await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const STUDENT_HEADER =
  'Внешний ID;Фамилия;Имя;Отчество;Дата рождения;Класс;Родитель 1: фамилия;Родитель 1: имя;Родитель 1: отчество;Родитель 1: кем приходится;Родитель 1: телефон;Родитель 1: email;Родитель 2: фамилия;Родитель 2: имя;Родитель 2: отчество;Родитель 2: кем приходится;Родитель 2: телефон;Родитель 2: email';
