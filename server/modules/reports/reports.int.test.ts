import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { makeClass } from '../../test/structure-factories.js';
import { pdfText } from './pdf-text.js';
import { reportsFixture } from './reports-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof reportsFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await reportsFixture(env);
});
afterAll(async () => env.close());

const raw = (url: string, cookie: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });

describe('class results for a term', () => {
  it('every figure matches the hand computation', async () => {
    const res = await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/results?termId=${f.term1}`, { cookie: f.deputy.cookie });
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v.subjects.map((s: { name: string }) => s.name)).toEqual(['Математика', 'Русский язык']);
    expect(v.pupils.map((p: { name: string; marks: string[] }) => [p.name, ...p.marks])).toEqual([
      ['Ученик01 Класс5А', '5', '5'],
      ['Ученик02 Класс5А', '4', '5'],
      ['Ученик03 Класс5А', '3', '4'],
      ['Ученик04 Класс5А', '2', 'н/а'],
    ]);
    // Pupil averages over numeric term marks: (5+5)/2 = 5; (4+5)/2 = 4.5; (3+4)/2 = 3.5; 2 (н/а has no number).
    expect(v.pupils.map((p: { average: number }) => p.average)).toEqual([5, 4.5, 3.5, 2]);
    expect(v.pupils.map((p: { passes: boolean; quality: boolean }) => [p.passes, p.quality])).toEqual([[true, true], [true, true], [true, false], [false, false]]);
    // Maths 5,4,3,2: N=4; pass 3/4 = 0.75; quality 2/4 = 0.5; СОУ (1+0.64+0.36+0.16)/4 = 2.16/4 = 0.54; average 14/4 = 3.5.
    expect(v.bySubject[0]).toMatchObject({ subject: 'Математика', passRate: 0.75, qualityRate: 0.5, sou: 0.54, average: 3.5, counts: { n: 4, n5: 1, n4: 1, n3: 1, n2: 1 } });
    // Russian 5,5,4,н/а: N=4; pass 3/4 = 0.75; quality 3/4 = 0.75; СОУ (2+0.64)/4 = 2.64/4 = 0.66; average 14/3 = 4.666… → 4.67.
    expect(v.bySubject[1]).toMatchObject({ subject: 'Русский язык', passRate: 0.75, qualityRate: 0.75, sou: 0.66, average: 4.67, counts: { n: 4, n5: 2, n4: 1, notCertified: 1 } });
    // Class: 4 pupils with marks, 3 pass (0.75), 2 of quality (0.5); over all 8 marks: n5=3, n4=2, n3=1, n2=1, н/а=1:
    // СОУ (3+1.28+0.36+0.16)/8 = 4.8/8 = 0.6; average (15+8+3+2)/7 = 28/7 = 4.
    expect(v.total).toMatchObject({ pupils: 4, pupilsWithMarks: 4, pupilsPassing: 3, pupilsQuality: 2, passRate: 0.75, qualityRate: 0.5, sou: 0.6, average: 4 });
  });

  it('for the year, from the year marks', async () => {
    const res = await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/results?year=true`, { cookie: f.classTeacher.cookie });
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ kind: 'year', name: '2026/2027' });
    // Maths 5,4,3,3: pass 4/4 = 1; quality 2/4 = 0.5; СОУ (1+0.64+0.36+0.36)/4 = 2.36/4 = 0.59; average 15/4 = 3.75.
    expect(res.body.bySubject[0]).toMatchObject({ passRate: 1, qualityRate: 0.5, sou: 0.59, average: 3.75 });
    // Russian 5,5,4,2: pass 3/4; quality 3/4; СОУ (2+0.64+0.16)/4 = 2.8/4 = 0.7; average 16/4 = 4.
    expect(res.body.bySubject[1]).toMatchObject({ passRate: 0.75, qualityRate: 0.75, sou: 0.7, average: 4 });
  });

  it('as XLSX, read back with exceljs', async () => {
    const res = await raw(`/api/reports/classes/${f.classA.classId}/results?termId=${f.term1}&format=xlsx`, f.deputy.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const marks = book.getWorksheet('Отметки')!;
    const rows = marks.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual([1, 'Ученик01 Класс5А', '5', '5', 5]);
    expect(rows).toContainEqual([4, 'Ученик04 Класс5А', '2', 'н/а', 2]);
    const bySubject = book.getWorksheet('По предметам')!;
    const subjectRows = bySubject.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(subjectRows).toContainEqual(['Русский язык', 4, 2, 1, 0, 0, 0, 1, 0.75, 0.75, 0.66, 4.67]);
    expect(subjectRows).toContainEqual(['Класс', 8, 3, 2, 1, 1, 0, 1, 0.75, 0.5, 0.6, 4]);
  });

  it('as PDF: the text shows the names, the marks and the rates', async () => {
    const res = await raw(`/api/reports/classes/${f.classA.classId}/results?termId=${f.term1}&format=pdf`, f.deputy.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Итоги успеваемости класса 5А');
    expect(text).toMatch(/Ученик04 Класс5А\s+2\s+н\/а\s+2,00/);
    expect(text).toMatch(/Русский язык\s+4\s+2\s+1\s+0\s+0\s+0\s+1\s+75,0 %\s+75,0 %\s+66,0 %\s+4,67/);
    expect(text).toContain('Стр. 1 из 1');
  });
});

describe('a subject across the classes, and the aggregate without names', () => {
  it('maths in 5А and 5Б, totals from counts', async () => {
    const res = await call(env.app, 'GET', `/api/reports/subjects/${f.math}/results?termId=${f.term1}`, { cookie: f.director.cookie });
    expect(res.status).toBe(200);
    // 5Б: 5 and 3 → pass 1, quality 0.5, СОУ (1+0.36)/2 = 0.68, average 4.
    expect(res.body.classes.map((c: { className: string; passRate: number; sou: number }) => [c.className, c.passRate, c.sou])).toEqual([['5А', 0.75, 0.54], ['5Б', 1, 0.68]]);
    expect(res.body.classes[0].teachers).toBe('Учителева А. П.');
    // All 6: n5=2, n4=1, n3=2, n2=1 → pass 5/6 = 0.8333; quality 3/6 = 0.5; СОУ (2+0.64+0.72+0.16)/6 = 3.52/6 = 0.5867; average 22/6 = 3.67.
    expect(res.body.total).toMatchObject({ passRate: 0.8333, qualityRate: 0.5, sou: 0.5867, average: 3.67 });
  });

  it('the municipality and the region get the rates per grade and subject, with no name in them', async () => {
    for (const who of [f.officer, f.coordinator, f.deputy]) {
      const res = await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/aggregate?termId=${f.term1}`, { cookie: who.cookie });
      expect(res.status).toBe(200);
      // Grade 5, all 10 term marks: n5=4, n4=2, n3=2, n2=1, н/а=1 → pass 8/10 = 0.8; quality 6/10 = 0.6;
      // СОУ (4+1.28+0.72+0.16)/10 = 6.16/10 = 0.616; average 36/9 = 4.
      expect(res.body.byGrade).toEqual([expect.objectContaining({ grade: 5, passRate: 0.8, qualityRate: 0.6, sou: 0.616, average: 4 })]);
      expect(res.body.total).toMatchObject({ passRate: 0.8, sou: 0.616 });
      const text = JSON.stringify(res.body);
      for (const name of ['Ученик', 'Класс5', 'Учителева', 'Словесникова', 'Анна', 'Фамилия']) expect(text).not.toContain(name);
    }
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'municipal_officer', { municipalityId: other.municipality.id });
    expect((await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/aggregate`, { cookie: foreign.cookie })).status).toBe(404);
  });

  it('municipal and regional staff get nothing else', async () => {
    for (const who of [f.officer, f.coordinator]) {
      expect((await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/results`, { cookie: who.cookie })).status).toBe(403);
      expect((await call(env.app, 'GET', `/api/control/schools/${f.schoolId}`, { cookie: who.cookie })).status).toBe(403);
      expect((await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/report-cards`, { cookie: who.cookie })).status).toBe(403);
    }
  });
});

describe('attendance over a date range', () => {
  it('per pupil and class: lessons and whole days missed by reason, late arrivals', async () => {
    const url = `/api/reports/schools/${f.schoolId}/attendance?classId=${f.classA.classId}&from=2026-09-01&to=2026-10-14`;
    const res = await call(env.app, 'GET', url, { cookie: f.classTeacher.cookie });
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.pupils.map((p: { name: string }) => [p.name.slice(0, 8), p]));
    // Each pupil had 8 lessons (maths 5, Russian 3).
    // P1: late on 10-05 → late 1, nothing missed.
    expect(by.Ученик01).toMatchObject({ lessons: 8, missed: 0, late: 1, daysMissed: 0 });
    // P2: ill on 10-12, the only lesson of that day → 1 lesson, 1 day ill.
    expect(by.Ученик02).toMatchObject({ missed: 1, missedByReason: { ill: 1 }, daysMissed: 1, daysByReason: { ill: 1, absent: 0, excused: 0 } });
    // P3: absent from both lessons of 09-07 → 2 lessons, 1 whole day without reason.
    expect(by.Ученик03).toMatchObject({ missed: 2, missedByReason: { absent: 2 }, daysMissed: 1, daysByReason: { absent: 1 } });
    // P4: excused on 09-10 (Russian, the day's only lesson) → 1 lesson, 1 day excused.
    expect(by.Ученик04).toMatchObject({ missed: 1, missedByReason: { excused: 1 }, daysMissed: 1, daysByReason: { excused: 1 } });
    // Class: 32 lessons, 4 missed (Н 2, Б 1, У 1), late 1, 3 days (one of each reason).
    expect(res.body.classes[0]).toMatchObject({ className: '5А', pupils: 4, lessons: 32, missed: 4, missedByReason: { absent: 2, ill: 1, excused: 1 }, late: 1, daysMissed: 3 });

    const school = await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/attendance?from=2026-09-01&to=2026-10-14`, { cookie: f.deputy.cookie });
    expect(school.body.pupils).toEqual([]);
    expect(school.body.classes.map((c: { className: string; missed: number }) => [c.className, c.missed])).toEqual([['5А', 4], ['5Б', 0]]);

    const pdf = await raw(`${url}&format=pdf`, f.deputy.cookie);
    expect(pdfText(pdf.rawPayload)).toMatch(/Ученик03 Класс5А\s+5А\s+8\s+2\s+2\s+0\s+0\s+0\s+1\s+1/);
  });

  it('a range backwards or longer than a year, or a class of another school, names the field', async () => {
    const base = `/api/reports/schools/${f.schoolId}/attendance`;
    const back = await call(env.app, 'GET', `${base}?from=2026-10-14&to=2026-09-01`, { cookie: f.deputy.cookie });
    expect([back.status, back.body.code, back.body.field]).toEqual([422, 'date_range_backwards', '/querystring/to']);
    const long = await call(env.app, 'GET', `${base}?from=2026-09-01&to=2027-09-02`, { cookie: f.deputy.cookie });
    expect([long.status, long.body.code, long.body.field]).toEqual([422, 'date_range_too_long', '/querystring/to']);
    const bad = await call(env.app, 'GET', `${base}?from=2026-02-30&to=2026-03-01`, { cookie: f.deputy.cookie });
    expect([bad.status, bad.body.field]).toEqual([400, '/querystring/from']);
    const other = await makeRegionTree(env.ctx);
    const year = await env.ctx.db.kysely.insertInto('academic_years').values({ school_id: other.school.id, name: '2026/2027', starts_on: '2026-09-01', ends_on: '2027-05-31' }).returning('id').executeTakeFirstOrThrow();
    const foreignClass = await makeClass(env.ctx, other.school.id, year.id, { students: 1 });
    const res = await call(env.app, 'GET', `${base}?classId=${foreignClass.classId}&from=2026-09-01&to=2026-10-01`, { cookie: f.deputy.cookie });
    expect([res.status, res.body.field]).toEqual([404, '/querystring/classId']);
    expect((await call(env.app, 'GET', `/api/reports/classes/${foreignClass.classId}/results`, { cookie: f.deputy.cookie })).status).toBe(404);
  });

  it('a term of another academic year is refused, naming the field', async () => {
    const y = await env.ctx.db.kysely.insertInto('academic_years').values({ school_id: f.schoolId, name: '2025/2026', starts_on: '2025-09-01', ends_on: '2026-05-31' }).returning('id').executeTakeFirstOrThrow();
    const t = await env.ctx.db.kysely.insertInto('terms').values({ school_id: f.schoolId, academic_year_id: y.id, kind: 'quarter', number: 1, name: '1 четверть', starts_on: '2025-09-01', ends_on: '2025-10-25', grade_from: 1, grade_to: 11 }).returning('id').executeTakeFirstOrThrow();
    const res = await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/results?termId=${t.id}`, { cookie: f.deputy.cookie });
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'term_of_other_year', '/querystring/termId']);
  });
});

describe('a teacher’s load and report cards', () => {
  it('the teacher’s summary over their courses', async () => {
    const res = await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/teachers/${f.a.personId}?termId=${f.term1}`, { cookie: f.a.cookie });
    expect(res.status).toBe(200);
    // 5А and 5Б maths, 4 hours each = 8; lessons only in 5А: 5 past, shares as on the control page.
    expect(res.body).toMatchObject({ hoursPerWeek: 8, total: { pastLessons: 5, topicShare: 0.4, homeworkShare: 0.2, attendanceShare: 1, marks: 5, lateEntries: 2 } });
    expect(res.body.courses).toHaveLength(2);
    expect((await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/teachers/${f.a.personId}`, { cookie: f.b.cookie })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/results`, { cookie: f.b.cookie })).status).toBe(404);
  });

  it('report cards: one page per pupil with term and year marks and attendance', async () => {
    const one = await call(env.app, 'GET', `/api/reports/classes/${f.classA.classId}/report-cards?studentId=${f.pupils.p4}`, { cookie: f.classTeacher.cookie });
    expect(one.status).toBe(200);
    expect(one.body.cards).toHaveLength(1);
    expect(one.body.cards[0].subjects).toEqual([
      { subject: 'Математика', terms: ['2', null, null, null], year: '3' },
      { subject: 'Русский язык', terms: ['н/а', null, null, null], year: '2' },
    ]);
    expect(one.body.cards[0].attendance).toMatchObject({ lessons: 8, missed: 1, daysMissed: 1 });
    const pdf = await raw(`/api/reports/classes/${f.classA.classId}/report-cards?format=pdf`, f.classTeacher.cookie);
    const text = pdfText(pdf.rawPayload);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(4);
    expect(pages[3]).toContain('Ученик04 Класс5А');
    expect(pages[3]).toMatch(/Математика\s+2\s+—\s+—\s+—\s+3/);
    const foreign = await call(env.app, 'GET', `/api/reports/classes/${f.classB.classId}/report-cards`, { cookie: f.classTeacher.cookie });
    expect(foreign.status).toBe(404);
  });
});
