/** SQL of the durable outbox: idempotent enqueue, leased claims, outcome of each attempt. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface NewMessage {
  schoolId: number | null;
  personId: number | null;
  kind: string;
  dedupeKey: string;
  to: string;
  subject: string;
  body: string;
}

/** Inserts unless a message with the same dedupe key exists; returns whether it was new. */
export async function enqueue(db: Q, m: NewMessage, now: string): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values({
      school_id: m.schoolId,
      person_id: m.personId,
      kind: m.kind,
      dedupe_key: m.dedupeKey,
      to_address: m.to,
      subject: m.subject,
      body: m.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims due messages: pending ones whose time has come, and ones left in
 * `sending` by a sender whose lease ran out (it crashed). The conditional
 * update makes two senders never claim the same row (PostgreSQL re-checks
 * the condition on the locked row; SQLite serializes writers).
 */
export async function claim(db: Q, now: string, leaseUntil: string, limit: number) {
  return db.transaction().execute(async (trx) => {
    const due = (eb: any) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
      ]);
    const ids = (await trx.selectFrom('outbox').select('id').where(due).orderBy('id').limit(limit).execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .where(due)
      .returning(['id', 'to_address', 'subject', 'body', 'attempts', 'kind'])
      .execute();
  });
}

export function markSent(db: Q, id: number, at: string) {
  return db.updateTable('outbox').set({ status: 'sent', sent_at: at, lease_until: null, last_error: null }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export function markRetry(db: Q, id: number, nextAt: string, error: string) {
  return db.updateTable('outbox').set({ status: 'pending', next_attempt_at: nextAt, lease_until: null, last_error: error }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export function markFailed(db: Q, id: number, error: string) {
  return db.updateTable('outbox').set({ status: 'failed', lease_until: null, last_error: error }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export async function readState(db: Q, name: string): Promise<string | null> {
  return (await db.selectFrom('job_state').select('value').where('name', '=', name).executeTakeFirst())?.value ?? null;
}

export async function writeState(db: Q, name: string, value: string): Promise<void> {
  const updated = await db.updateTable('job_state').set({ value }).where('name', '=', name).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('job_state').values({ name, value }).execute();
}

export interface GuardianOf {
  studentId: number;
  guardianId: number;
  email: string | null;
  childName: string;
  childSurname: string;
}

/**
 * The guardians of these pupils who chose `mode` and can receive mail (an
 * e-mail address and an active account), for pupils with a consent on
 * record: a guardian of two children keeps an active account while one
 * consent stands, and must still hear nothing of the other child.
 */
export async function guardiansByStudent(db: Q, mode: 'instant' | 'daily' | 'weekly', studentIds: number[]): Promise<Map<number, GuardianOf[]>> {
  const students = [...new Set(studentIds)];
  const guardians: GuardianOf[] = [];
  for (let i = 0; i < students.length; i += 500) {
    guardians.push(
      ...(await db
        .selectFrom('guardianships as g')
        .innerJoin('notification_settings as ns', 'ns.person_id', 'g.guardian_person_id')
        .innerJoin('persons as gp', 'gp.id', 'g.guardian_person_id')
        .innerJoin('accounts as a', 'a.person_id', 'g.guardian_person_id')
        .innerJoin('persons as sp', 'sp.id', 'g.student_person_id')
        .select(['g.student_person_id as studentId', 'g.guardian_person_id as guardianId', 'gp.email', 'sp.name as childName', 'sp.surname as childSurname'])
        .where('g.student_person_id', 'in', students.slice(i, i + 500))
        .where('ns.mode', '=', mode)
        .where('a.status', '=', 'active')
        .where('gp.email', 'is not', null)
        // As in the diary (accounts' childIdsOf): a child is the guardian's to hear of only while a consent is on record.
        .where((eb) =>
          eb.exists(eb.selectFrom('consents as co').select('co.id').whereRef('co.student_person_id', '=', 'g.student_person_id').where('co.withdrawn_at', 'is', null)),
        )
        .execute()),
    );
  }
  const byStudent = new Map<number, GuardianOf[]>();
  for (const g of guardians) byStudent.set(g.studentId, [...(byStudent.get(g.studentId) ?? []), g]);
  return byStudent;
}

/** Marks entered in a window, paired with each guardian who may hear of them (guardiansByStudent). */
export async function marksForGuardians(db: Q, mode: 'instant' | 'daily' | 'weekly', after: string, upTo: string) {
  // Two steps, so that each database starts from the marks of the window (index marks_entered_at)
  // and never plans a scan of all marks from the guardians' side; runs in the server's event loop.
  const marks = await db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('courses as c', 'c.id', 'l.course_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .leftJoin('work_types as w', 'w.id', 'm.work_type_id')
    .select(['m.id as markId', 'm.school_id as schoolId', 'm.student_person_id as studentId', 'm.value', 'm.weight', 'm.comment', 'l.date', 's.name as subject', 'w.name as workType'])
    .where('m.entered_at', '>', after)
    .where('m.entered_at', '<=', upTo)
    .where('m.deleted', '=', 0)
    .orderBy('m.id')
    .execute();
  const byStudent = await guardiansByStudent(db, mode, marks.map((m) => m.studentId));
  return marks
    .flatMap((m) => (byStudent.get(m.studentId) ?? []).map((g) => ({ ...m, guardianId: g.guardianId, email: g.email, childName: g.childName, childSurname: g.childSurname })))
    .sort((a, b) => a.guardianId - b.guardianId || a.markId - b.markId);
}

export async function noticedMarkIds(db: Q, markIds: number[]) {
  if (markIds.length === 0) return [];
  return db.selectFrom('mark_notices').select(['mark_id', 'guardian_person_id']).where('mark_id', 'in', markIds).execute();
}

export function recordMarkNotice(db: Q, row: { school_id: number; mark_id: number; guardian_person_id: number; created_at: string }) {
  return db.insertInto('mark_notices').values(row).execute();
}
