/**
 * The feed of the last two weeks: new marks, term and year marks, homework due
 * tomorrow, and corrections of marks the viewer had already seen. "Seen" is a
 * per-viewer marker (diary_seen.seen_up_to): marks entered up to it were seen;
 * a later change or removal of such a mark is a correction.
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { addDays } from '../../../shared/dates.js';
import type { DiaryFeed, FeedItem } from '../../../shared/contracts/diary.js';
import * as q from './diary.queries.js';
import { today } from './week.js';

const FEED_DAYS = 14;

export async function buildFeed(ctx: AppContext, viewerId: number, studentId: number): Promise<DiaryFeed> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - FEED_DAYS * 86_400_000).toISOString();
  const seen = (await q.seenUpTo(db, viewerId, studentId))?.seen_up_to ?? null;
  const rows = await q.memberships.all(ctx.db, [studentId]);
  if (rows.length === 0) throw new AppError('not_found', { field: '/params/studentId' });
  const schools = [...new Set(rows.map((r) => r.schoolId))];
  const items: FeedItem[] = [];

  for (const schoolId of schools) {
    for (const m of await q.marksChangedSince(db, schoolId, studentId, since)) {
      const corrected = m.version > 1 || m.deleted === 1;
      const wasSeen = seen !== null && m.enteredAt <= seen;
      if (corrected && wasSeen && m.updatedAt >= since) {
        items.push({
          kind: 'correction', at: m.updatedAt, date: m.date, subject: m.subject, value: m.deleted ? null : m.value, workType: m.workType,
          text: m.deleted ? 'removed' : 'changed', unseen: m.updatedAt > seen,
        });
      } else if (m.deleted === 0 && m.enteredAt >= since) {
        items.push({ kind: 'mark', at: m.enteredAt, date: m.date, subject: m.subject, value: m.value, workType: m.workType, text: '', unseen: seen === null || m.enteredAt > seen });
      }
    }
  }
  for (const t of await q.termMarksChangedSince(db, studentId, since)) {
    items.push({ kind: 'term_mark', at: t.at, date: t.date, subject: t.subject, value: t.value, workType: null, text: t.term, unseen: seen === null || t.at > seen });
  }
  for (const y of await q.yearMarksChangedSince(db, studentId, since)) {
    items.push({ kind: 'year_mark', at: y.at, date: y.date, subject: y.subject, value: y.value, workType: null, text: y.year, unseen: seen === null || y.at > seen });
  }
  const tomorrow = addDays(today(ctx), 1);
  for (const l of await q.lessonsBetween(ctx.db, studentId, tomorrow, tomorrow)) {
    if (l.homework.trim() === '' || l.status === 'cancelled') continue;
    items.push({ kind: 'homework', at: l.homeworkAt ?? now.toISOString(), date: l.date, subject: l.subject, value: null, workType: null, text: l.homework, unseen: false });
  }
  // Homework for tomorrow first, then the newest events.
  items.sort((a, b) => (a.kind === 'homework' ? -1 : 0) - (b.kind === 'homework' ? -1 : 0) || b.at.localeCompare(a.at));
  return { items, seenUpTo: seen };
}

/** Moves the viewer's "seen up to" marker forward (never back, never past now). */
export async function markSeen(ctx: AppContext, viewerId: number, studentId: number, schoolId: number, upTo: string): Promise<{ seenUpTo: string }> {
  const nowIso = ctx.clock.now().toISOString();
  const value = new Date(upTo).toISOString() > nowIso ? nowIso : new Date(upTo).toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await q.seenUpTo(trx, viewerId, studentId);
    if (!row) {
      await q.insertSeen(trx, { school_id: schoolId, viewer_person_id: viewerId, student_person_id: studentId, seen_up_to: value });
      return { seenUpTo: value };
    }
    if (row.seen_up_to >= value) return { seenUpTo: row.seen_up_to };
    await q.updateSeen(trx, row.id, value);
    return { seenUpTo: value };
  });
}
