import type { AppContext } from '../../server/context.js';
import * as q from '../../server/modules/journal/journal.queries.js';
import { makeAccount, sessionCookie } from '../../server/test/factories.js';
import { againstBaseline, load, plainRow, type Scenario } from '../lib/env.js';
import { durableLimit, plainLimit } from '../lib/plain.js';
import { BENCH_NOW } from '../lib/dataset.js';
import { fmt, type Row } from '../lib/results.js';

const TODAY = BENCH_NOW.slice(0, 10);
/** How many teachers (each with one of their courses) write at once in the write scenario. */
const WRITERS = 64;

interface WriterCourse {
  cookie: string;
  lessonIds: number[];
  studentIds: number[];
}

/** Filled by prepare (same process as run): the grid's course and the writers' courses. */
export const state: { grid?: { courseId: number; termId: number; cookie: string; students: number; lessons: number }; writers: WriterCourse[]; rawGridMs?: number } = { writers: [] };

/** A session of the person's account; a teacher who has not activated yet is activated in the working copy. */
async function teacherCookie(ctx: AppContext, personId: number): Promise<string> {
  const account = await ctx.db.kysely.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirst();
  const accountId = account?.id ?? (await makeAccount(ctx, personId, { password: null })).accountId;
  await ctx.db.kysely.updateTable('accounts').set({ status: 'active' }).where('id', '=', accountId).execute();
  return sessionCookie(ctx, accountId);
}

/** Courses of the current term with their past lessons, the largest first. */
async function currentCourses(ctx: AppContext, limit: number) {
  return ctx.db.kysely
    .selectFrom('lessons')
    .innerJoin('terms', 'terms.id', 'lessons.term_id')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .select((eb) => ['lessons.course_id', 'lessons.term_id', 'lessons.school_id', 'courses.class_id', 'courses.group_id', eb.fn.countAll<number>().as('n')])
    .where('terms.starts_on', '<=', TODAY)
    .where('terms.ends_on', '>=', TODAY)
    .where('lessons.date', '<=', TODAY)
    .where('lessons.status', '=', 'scheduled')
    .where('lessons.teacher_person_id', 'is not', null)
    .groupBy(['lessons.course_id', 'lessons.term_id', 'lessons.school_id', 'courses.class_id', 'courses.group_id'])
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The database limit: the grid's own queries, prepared once and run with
 * better-sqlite3 directly in this process (no HTTP, no JSON), one after another.
 */
function rawGridReadMs(ctx: AppContext, courseId: number, termId: number, classId: number, groupId: number | null): number {
  const sqlite = ctx.db.sqlite!;
  const k = ctx.db.kysely;
  const queries = [
    q.lessonsOfQuery(k, courseId, termId),
    q.marksOfQuery(k, courseId, termId),
    q.attendanceOfQuery(k, courseId, termId),
    q.termMarksOfQuery(k, courseId, termId),
    q.courseStudentsQuery(k, { class_id: classId, group_id: groupId }, TODAY, TODAY),
  ].map((query) => {
    const c = query.compile();
    return { stmt: sqlite.prepare(c.sql), params: c.parameters as unknown[] };
  });
  const read = () => queries.reduce((n, { stmt, params }) => n + stmt.all(...params).length, 0);
  for (let i = 0; i < 50; i++) read();
  const rounds = 2000;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) read();
  return (performance.now() - started) / rounds;
}

/**
 * The teacher's journal (issue 5): the grid of the largest course of the
 * current term against the same bytes from memory (serving limit) and against
 * the raw database read (database limit).
 */
export const journalScenario: Scenario = {
  name: 'journal',
  postgres: true,
  async prepare(ctx) {
    const courses = await currentCourses(ctx, 400);
    if (courses.length === 0) return;
    // The issue's grid: 30 pupils × 45 lessons. The course nearest to that: at least 45 lessons if any, then the most pupils up to 30.
    let top = courses[0]!;
    let best = -1;
    for (const c of courses.slice(0, 200)) {
      const pupils = (await q.courseStudents(ctx.db.kysely, c, TODAY, TODAY)).length;
      const fit = Math.min(pupils, 30) * 100 + Math.min(Number(c.n), 45);
      if (fit > best) [best, top] = [fit, c];
    }
    const gridTeacher = await ctx.db.kysely.selectFrom('lessons').select('teacher_person_id').where('course_id', '=', top.course_id).where('teacher_person_id', 'is not', null).executeTakeFirstOrThrow();
    const students = await q.courseStudents(ctx.db.kysely, top, TODAY, TODAY);
    state.grid = { courseId: top.course_id, termId: top.term_id, cookie: await teacherCookie(ctx, gridTeacher.teacher_person_id!), students: students.length, lessons: Number(top.n) };
    if (ctx.db.sqlite) state.rawGridMs = rawGridReadMs(ctx, top.course_id, top.term_id, top.class_id, top.group_id);
  },
  async run(env) {
    const grid = state.grid;
    if (!grid) return [{ scenario: 'journal grid', measured: 'no course in the current term', target: '—', verdict: 'n/a' }];
    const path = `/api/journal/courses/${grid.courseId}?termId=${grid.termId}`;
    // As a browser asks for it (accept-encoding: gzip): the route and both baselines answer the same gzipped bytes.
    const { route, baseline, plain, bytes } = await againstBaseline(env, path, grid.cookie, { plain: true, gzip: true });
    const ratio = route.rps / baseline.rps;
    return [
      plainRow('the grid’s bytes', plain!),
      { scenario: 'baseline: the grid’s bytes from memory', measured: `${fmt.rps(baseline.rps)}, p99 ${fmt.ms(baseline.p99)}`, target: 'serving limit', verdict: '1.00', note: '64 connections', rps: baseline.rps },
      ...(state.rawGridMs
        ? [{ scenario: 'baseline: raw better-sqlite3 read of one grid', measured: `${fmt.ms(state.rawGridMs)} per grid (${fmt.rps(1000 / state.rawGridMs)} on one core)`, target: 'database limit', verdict: 'info', note: 'the grid’s five queries, prepared once, no HTTP', rps: 1000 / state.rawGridMs }]
        : []),
      {
        scenario: `journal grid ${grid.students} pupils × ${grid.lessons} lessons held`,
        measured: `${fmt.rps(route.rps)}, p99 ${fmt.ms(route.p99)}`,
        target: '≥ 0.5 of baseline, p99 ≤ 20 ms, ≤ 40 KB',
        verdict: `${ratio.toFixed(2)} of baseline; ${ratio >= 0.5 && route.p99 <= 20 && bytes <= 40 * 1024 ? 'met' : 'missed'}`,
        note: `${fmt.kb(bytes)} of JSON, ${fmt.kb(route.bytesPerRequest)} as sent (gzip), errors ${route.errors + route.non2xx}`,
        rps: route.rps,
      },
    ];
  },
};

/** Durable, audited mark writes (issue 5) from 64 teachers of different schools at once, each request one new mark. */
export const markWrites: Scenario = {
  name: 'writes',
  postgres: true,
  async prepare(ctx) {
    const courses = await currentCourses(ctx, 400);
    // Spread over the region: the first course of every school, then the second of every school, and so on.
    const rank = new Map<number, number>();
    const spread = courses.map((c) => {
      const r = rank.get(c.school_id) ?? 0;
      rank.set(c.school_id, r + 1);
      return { c, r };
    });
    spread.sort((a, b) => a.r - b.r);
    const teachers = new Set<number>();
    for (const { c } of spread) {
      if (state.writers.length >= WRITERS) break;
      const lessons = await ctx.db.kysely.selectFrom('lessons').select(['id', 'teacher_person_id']).where('course_id', '=', c.course_id).where('term_id', '=', c.term_id).where('date', '<=', TODAY).where('status', '=', 'scheduled').execute();
      const pupils = await q.courseStudents(ctx.db.kysely, c, TODAY, TODAY);
      const teacher = lessons.find((l) => l.teacher_person_id !== null)?.teacher_person_id;
      // Only courses that take number marks (not grade 1, not pass/fail subjects).
      const numeric = await ctx.db.kysely.selectFrom('marks').select('marks.id').where('lesson_id', 'in', lessons.slice(0, 20).map((l) => l.id)).where('numeric', 'is not', null).limit(1).executeTakeFirst();
      if (!teacher || !numeric || pupils.length === 0 || teachers.has(teacher)) continue;
      teachers.add(teacher);
      state.writers.push({ cookie: await teacherCookie(ctx, teacher), lessonIds: lessons.filter((l) => l.teacher_person_id === teacher).map((l) => l.id), studentIds: pupils.map((p) => p.id) });
    }
  },
  async run(env) {
    const rows: Row[] = [];
    const writers = state.writers;
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    const oneMark = () => {
      const w = pick(writers);
      const body = JSON.stringify({ changes: [{ kind: 'mark', lessonId: pick(w.lessonIds), studentId: pick(w.studentIds), value: String(2 + Math.floor(Math.random() * 4)) }] });
      return { headers: { cookie: w.cookie, 'content-type': 'application/json', 'x-otmetka-csrf': '1' }, body };
    };
    // Random marks made up front: the load process picks one for each request.
    const marks = Array.from({ length: 20_000 }, oneMark);
    const drive = (path: string, url = env.server.url) =>
      load({ url, connections: 64, duration: env.duration, method: 'POST', pool: marks.map((m) => ({ method: 'POST', path, ...m })) });
    // The serving limit for writes: the same requests (body validated, session and permission checked) answered from memory with a real write's reply.
    const sample = oneMark();
    const reply = await (await fetch(`${env.server.url}/api/journal/changes`, { method: 'POST', ...sample })).text();
    await fetch(`${env.server.url}/api/bench/echo`, {
      method: 'PUT',
      headers: { cookie: env.cookies.admin!, 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
      body: JSON.stringify({ json: reply }),
    });
    const baseline = await drive('/api/bench/echo');
    const writes = await drive('/api/journal/changes');
    const plain = await plainLimit(reply, { duration: env.duration, method: 'POST', headers: sample.headers, body: sample.body });
    rows.push(plainRow('the same POSTs answered', plain));
    // The database limit (SQLite): the same requests' marks, audit records and chain heads, group-committed behind plain node:http.
    const durable = env.sqliteFile
      ? await durableLimit(env.sqliteFile, { duration: env.duration, method: 'POST', pool: marks.map((m) => ({ method: 'POST', path: '/', ...m })) })
      : null;
    const perSecond = writes.requests / env.duration;
    const baselinePerSecond = baseline.requests / env.duration;
    rows.push({
      scenario: 'baseline: the same write requests answered from memory',
      measured: `${fmt.rps(baselinePerSecond)}, p99 ${fmt.ms(baseline.p99)}`,
      target: 'serving limit for writes',
      verdict: '1.00',
      note: `64 connections, errors ${baseline.errors + baseline.non2xx}`,
      rps: baselinePerSecond,
    });
    // One event loop pays both our stack's cost per request and the database's (the durable limit's time less its plain HTTP part).
    const ceiling = durable ? 1 / (1 / baselinePerSecond + 1 / (durable.requests / env.duration) - 1 / plain.rps) : null;
    if (durable && ceiling) {
      rows.push({
        scenario: 'database limit: the same marks and audit records, group-committed behind plain node:http',
        measured: `${fmt.rps(durable.requests / env.duration)}, p99 ${fmt.ms(durable.p99)}`,
        target: 'database limit for writes',
        verdict: 'info',
        note: `synchronous=FULL, no session or validation; errors ${durable.errors + durable.non2xx}`,
        rps: durable.requests / env.duration,
      });
      rows.push({
        scenario: 'ceiling for one event loop: our serving cost plus the database’s',
        measured: fmt.rps(ceiling),
        target: '≥ 5 000/s leaves room for the journal’s rules',
        verdict: ceiling >= 5000 ? 'info' : 'below target',
        note: '1 / (1/serving limit + 1/database limit − 1/machine limit), all measured above in this run',
        rps: ceiling,
      });
    }
    rows.push({
      scenario: `mark writes, ${writers.length} teachers at once (durable, audited)`,
      measured: `${fmt.rps(perSecond)}, p99 ${fmt.ms(writes.p99)}`,
      target: '≥ 5 000/s',
      verdict: `${(perSecond / baselinePerSecond).toFixed(2)} of baseline${ceiling ? `, ${(perSecond / ceiling).toFixed(2)} of the ceiling` : ''}; ${perSecond >= 5000 ? 'met' : 'missed'}`,
      note: `${writes.requests} acknowledged, errors ${writes.errors + writes.non2xx}`,
      rps: perSecond,
    });
    return rows;
  },
};
