/**
 * Notices of term and year marks (четвертные, полугодовые, годовые), derived
 * from term_marks and year_marks by the notification job like the lesson
 * marks' notices (see notices.ts): the journal's write path stays untouched.
 *
 * A term mark can be set, changed (often a correction after the term lock)
 * and cleared. term_mark_notices records every value told to a guardian,
 * with the cell (course, period, pupil), so:
 * - a rescan of the overlap, or the same value set again, tells nothing
 *   (the guardian already knows that value);
 * - a change names the value the guardian knew («4 → 5 (изменена)»); a
 *   change of a mark they were never told of (set before they subscribed)
 *   says only «изменена»;
 * - a cleared mark tells nothing: the row is gone from the journal and
 *   there is no value to announce (usually a slip, put right by setting a
 *   value, which is then told as a change of what the guardian knew).
 * Instant notices and digests both record what they told, so a guardian who
 * switches from a digest to instant notices does not hear a value twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import * as oq from './outbox.queries.js';
import * as q from './term-notices.queries.js';

export interface PeriodNotice extends q.PeriodMark {
  guardianId: number;
  email: string | null;
  childName: string;
  childSurname: string;
  /** null for a mark new to the guardian; a change, with the value they knew if any. */
  change: null | { old: string | null };
}

type Told = Awaited<ReturnType<typeof q.toldOf>>[number];

const cellOf = (kind: string, courseId: number, periodId: number, studentId: number, guardianId: number) => `${kind}:${courseId}:${periodId}:${studentId}:${guardianId}`;

/** What a guardian is to hear of a mark, given what they were told of its cell before (oldest first): nothing, news, or a change. */
export function decide(mark: Pick<q.PeriodMark, 'value' | 'enteredAt'>, told: Array<Pick<Told, 'value'>>, windowStart: string): 'skip' | PeriodNotice['change'] {
  const last = told.at(-1);
  if (last) return last.value === mark.value ? 'skip' : { old: last.value };
  return mark.enteredAt > windowStart ? null : { old: null };
}

/** Term and year marks set or changed in (after, upTo], as notices to the guardians of `mode` who may hear of each pupil. */
export async function periodNoticesFor(db: Kysely<Database>, mode: 'instant' | 'daily' | 'weekly', after: string, upTo: string): Promise<PeriodNotice[]> {
  const marks = await q.periodMarksInWindow(db, after, upTo);
  if (marks.length === 0) return [];
  const byStudent = await oq.guardiansByStudent(db, mode, marks.map((m) => m.studentId));
  const pairs = marks.filter((m) => byStudent.has(m.studentId));
  const told = new Map<string, Told[]>();
  const seen = new Set<number>();
  for (const t of (await q.toldOf(db, pairs)).sort((a, b) => a.id - b.id)) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const key = cellOf(t.kind, t.course_id, (t.kind === 'term' ? t.term_id : t.academic_year_id) ?? 0, t.student_person_id, t.guardian_person_id);
    told.set(key, [...(told.get(key) ?? []), t]);
  }
  const notices: PeriodNotice[] = [];
  for (const m of pairs) {
    for (const g of byStudent.get(m.studentId)!) {
      const change = decide(m, told.get(cellOf(m.kind, m.courseId, m.periodId, m.studentId, g.guardianId)) ?? [], after);
      if (change === 'skip') continue;
      notices.push({ ...m, guardianId: g.guardianId, email: g.email, childName: g.childName, childSurname: g.childSurname, change });
    }
  }
  return notices.sort((a, b) => a.guardianId - b.guardianId || a.studentId - b.studentId || a.subject.localeCompare(b.subject, 'ru') || a.periodDate.localeCompare(b.periodDate));
}

/** Records what was told, inside the job's transaction (a second process telling the same version fails on the unique key and rolls back). */
export function recordTold(db: Kysely<Database>, notices: PeriodNotice[], nowIso: string) {
  return q.insertTold(
    db,
    notices.map((n) => ({
      school_id: n.schoolId,
      kind: n.kind,
      term_mark_id: n.kind === 'term' ? n.markId : null,
      year_mark_id: n.kind === 'year' ? n.markId : null,
      version: n.version,
      course_id: n.courseId,
      term_id: n.kind === 'term' ? n.periodId : null,
      academic_year_id: n.kind === 'year' ? n.periodId : null,
      student_person_id: n.studentId,
      guardian_person_id: n.guardianId,
      value: n.value,
      created_at: nowIso,
    })),
  );
}

export const PERIOD_SECTION = 'Четвертные и годовые отметки';

/** "Математика, 1 четверть: 5", "Математика, год: 4 → 5 (изменена)". */
export function periodLine(n: PeriodNotice): string {
  const head = `${n.subject}, ${n.periodName}`;
  if (!n.change) return `${head}: ${n.value}`;
  return n.change.old === null ? `${head}: ${n.value} (изменена)` : `${head}: ${n.change.old} → ${n.value} (изменена)`;
}

/** The subject of a message telling one term or year mark. */
export function periodSubject(n: PeriodNotice): string {
  const what = n.kind === 'year' ? 'годовая отметка' : `отметка за ${n.periodName}`;
  const value = n.change?.old ? `${n.change.old} → ${n.value}` : n.value;
  return n.change ? `Изменена ${what}: ${n.subject} ${value}` : `${what[0]!.toUpperCase()}${what.slice(1)}: ${n.subject} ${value}`;
}

/** Dedupe key part of a message whose first item is this notice. */
export const periodKey = (n: PeriodNotice) => `${n.kind}${n.markId}v${n.version}`;
