/**
 * The writers of the crash-safety test (bench/crash-safety.ts): each writer
 * loop owns a disjoint set of journal cells (lesson × pupil) of its teacher's
 * course and keeps, per cell, the marks it knows with their acknowledged
 * value and version. A loop has at most one request in flight; when the
 * server dies, that request stays "pending": it may or may not have been
 * committed, but never half.
 */
import type { AppContext } from '../../server/context.js';
import { Random } from '../../server/demo/random.js';
import { markingCourses } from './marking-courses.js';
import { isLocked, isMember } from '../../server/modules/journal/journal.queries.js';
import { sessionCookie } from '../../server/test/factories.js';

export interface Cell {
  lessonId: number;
  studentId: number;
}

export interface KnownMark {
  value: string;
  version: number;
}

/** One change of a request, with what it becomes once acknowledged. */
export interface PlannedChange {
  cell: Cell;
  /** Absent for a new mark. */
  markId?: number;
  /** The new value; null deletes the mark. */
  value: string | null;
  /** The value before (for an audit record of a delete). */
  oldValue?: string;
  version?: number;
}

/** A change the server acknowledged (2xx): it must be in the database from then on. */
export interface AckedChange {
  action: 'create' | 'update' | 'delete';
  markId: number;
  /** New value (create, update) or the deleted value (delete). */
  value: string;
  version: number;
}

export interface Writer {
  index: number;
  teacherPersonId: number;
  cookie: string;
  cells: Cell[];
  /** Live marks by cell key, then by mark id. */
  live: Map<string, Map<number, KnownMark>>;
  /** Marks this writer deleted (acknowledged), with the version of the delete. */
  deleted: Map<number, number>;
  pending: PlannedChange[] | null;
  rnd: Random;
}

export const keyOf = (c: Cell) => `L${c.lessonId}:S${c.studentId}`;
const VALUES = ['2', '3', '4', '5'];

/**
 * Teachers with an active account, each on one of their courses (marks 2–5:
 * no pass/fail subject, no grade 1), with past lessons of an unlocked term and
 * the pupils enrolled on each lesson's date. Cells are dealt out to `writers`
 * loops (round robin over the teachers), never shared.
 */
export async function prepareWriters(ctx: AppContext, options: { today: string; teachers: number; writers: number; cellsPerWriter: number; seed: number }): Promise<Writer[]> {
  const db = ctx.db.kysely;
  const candidates = await markingCourses(ctx, { classCoursesOnly: false });
  const rnd = new Random(options.seed);
  const seen = new Set<number>();
  const teachers: Array<{ personId: number; cookie: string; cells: Cell[] }> = [];
  for (const c of candidates) {
    if (teachers.length >= options.teachers) break;
    if (seen.has(c.teacher)) continue;
    const lessons = await db
      .selectFrom('lessons')
      .select(['id', 'date', 'term_id'])
      .where('course_id', '=', c.courseId)
      .where('teacher_person_id', '=', c.teacher)
      .where('status', '=', 'scheduled')
      .where('date', '<', options.today)
      .orderBy('date', 'desc')
      .limit(12)
      .execute();
    const cells: Cell[] = [];
    for (const l of lessons) {
      if (await isLocked(ctx.db, c.schoolId, l.term_id, c.classId, c.courseId)) continue;
      const pupils = await db.selectFrom('class_members').select('student_person_id as id').where('class_id', '=', c.classId).distinct().execute();
      for (const p of pupils) if (await isMember(ctx.db, { class_id: c.classId, group_id: c.groupId }, p.id, l.date)) cells.push({ lessonId: l.id, studentId: p.id });
    }
    const needed = Math.ceil(options.writers / options.teachers) * options.cellsPerWriter;
    if (cells.length < needed) continue;
    seen.add(c.teacher);
    teachers.push({ personId: c.teacher, cookie: await sessionCookie(ctx, c.accountId), cells: shuffle(cells, rnd) });
  }
  if (teachers.length === 0) throw new Error('no teacher with enough writable cells in the dataset');
  const writers: Writer[] = [];
  for (let i = 0; i < options.writers; i++) {
    const t = teachers[i % teachers.length]!;
    const cells = t.cells.splice(0, options.cellsPerWriter);
    if (cells.length === 0) break;
    writers.push({ index: i, teacherPersonId: t.personId, cookie: t.cookie, cells, live: new Map(), deleted: new Map(), pending: null, rnd: rnd.fork(`writer${i}`) });
  }
  return writers;
}

function shuffle<T>(items: T[], rnd: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** One user action of 1–3 changes on distinct cells: new marks, changes and deletes of known marks. */
export function planRequest(w: Writer): PlannedChange[] {
  const count = w.rnd.chance(0.7) ? 1 : w.rnd.int(2, 3);
  const cells = new Set<Cell>();
  while (cells.size < Math.min(count, w.cells.length)) cells.add(w.rnd.pick(w.cells));
  return [...cells].map((cell) => {
    const marks = [...(w.live.get(keyOf(cell))?.entries() ?? [])];
    if (marks.length === 0 || (marks.length < 3 && w.rnd.chance(0.4))) return { cell, value: w.rnd.pick(VALUES) };
    const [markId, m] = w.rnd.pick(marks);
    if (w.rnd.chance(0.3)) return { cell, markId, value: null, oldValue: m.value, version: m.version };
    return { cell, markId, value: w.rnd.pick(VALUES.filter((v) => v !== m.value)), version: m.version };
  });
}

/** Applies an acknowledged request to the writer's model; returns the acknowledged changes. */
export function applyAck(w: Writer, changes: PlannedChange[], results: Array<{ id: number | null; version: number; value: string | null }>): AckedChange[] {
  if (results.length !== changes.length) throw new Error(`writer ${w.index}: ${changes.length} changes but ${results.length} results`);
  return changes.map((c, i) => {
    const r = results[i]!;
    const cellMarks = w.live.get(keyOf(c.cell)) ?? new Map<number, KnownMark>();
    w.live.set(keyOf(c.cell), cellMarks);
    if (c.markId === undefined) {
      if (r.id === null || r.version !== 1 || r.value !== c.value) throw new Error(`writer ${w.index}: odd answer to a new mark: ${JSON.stringify(r)}`);
      cellMarks.set(r.id, { value: c.value!, version: 1 });
      return { action: 'create', markId: r.id, value: c.value!, version: 1 };
    }
    if (r.version !== c.version! + 1) throw new Error(`writer ${w.index}: mark ${c.markId} answered version ${r.version}, expected ${c.version! + 1}`);
    if (c.value === null) {
      cellMarks.delete(c.markId);
      w.deleted.set(c.markId, r.version);
      return { action: 'delete', markId: c.markId, value: c.oldValue!, version: r.version };
    }
    cellMarks.set(c.markId, { value: c.value, version: r.version });
    return { action: 'update', markId: c.markId, value: c.value, version: r.version };
  });
}

export function requestBody(changes: PlannedChange[]): string {
  return JSON.stringify({
    changes: changes.map((c) =>
      c.markId === undefined
        ? { kind: 'mark', lessonId: c.cell.lessonId, studentId: c.cell.studentId, value: c.value }
        : { kind: 'mark', lessonId: c.cell.lessonId, studentId: c.cell.studentId, markId: c.markId, version: c.version, value: c.value },
    ),
  });
}

export interface LoopStats {
  acked: AckedChange[];
  requests: number;
  /** Answers other than 2xx while the server was up: none are expected. */
  refused: Array<{ writer: number; status: number; body: string }>;
}

/** Runs one writer until `stop()` is true or its request fails because the server is gone. */
export async function runWriter(url: string, w: Writer, stopped: () => boolean, stats: LoopStats): Promise<void> {
  while (!stopped()) {
    const changes = planRequest(w);
    w.pending = changes;
    let res: Response;
    try {
      res = await fetch(`${url}/api/journal/changes`, {
        method: 'POST',
        headers: { cookie: w.cookie, 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
        body: requestBody(changes),
        signal: AbortSignal.timeout(60_000),
      });
      stats.requests++;
    } catch {
      return; // the server is gone: this request stays pending (committed or not, never half)
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      return; // the connection died while the answer was on its way: still not acknowledged
    }
    if (res.status >= 200 && res.status < 300) {
      stats.acked.push(...applyAck(w, changes, (JSON.parse(text) as { results: Array<{ id: number | null; version: number; value: string | null }> }).results));
      w.pending = null;
    } else {
      stats.refused.push({ writer: w.index, status: res.status, body: text.slice(0, 300) });
      w.pending = null;
      return;
    }
  }
}
