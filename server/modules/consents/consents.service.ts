import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertCan } from '../../policy/policy.js';
import { SCAN_MAX_BYTES, SCAN_TYPES, type ConsentView, type CoverageView, type RecordConsentBody, type WithdrawConsentBody } from '../../../shared/contracts/consents.js';
import { localDateOf } from '../../../shared/dates.js';
import * as structure from '../structure/structure.service.js';
import * as q from './consents.queries.js';

/**
 * Personal data consents (152-ФЗ, order appendix 1). A student's and their
 * guardians' diary accounts work only while a guardian's consent is on record;
 * a withdrawal blocks them at once and ends their sessions. Staff accounts of
 * the same people are never blocked by it: the school's journal keeps working.
 */

export type ConsentStanding = 'not_needed' | 'on_record' | 'missing';

/**
 * Does this person's account depend on a consent, and is one on record?
 * Anyone holding a staff or higher role does not depend on it; a student needs
 * consent for themselves, a guardian for at least one of their children.
 */
export async function consentStanding(db: Kysely<Database>, personId: number): Promise<ConsentStanding> {
  const roles = new Set((await q.activeRoles(db, personId)).map((r) => r.role));
  if ([...roles].some((r) => r !== 'student' && r !== 'guardian')) return 'not_needed';
  if (roles.size === 0) return 'not_needed';
  if (roles.has('student') && (await q.studentsWithConsent(db, [personId])).has(personId)) return 'on_record';
  if (roles.has('guardian')) {
    const children = (await q.childrenOf(db, personId)).map((c) => c.student_person_id);
    if ((await q.studentsWithConsent(db, children)).size > 0) return 'on_record';
  }
  return 'missing';
}

async function studentPlace(ctx: AppContext, studentId: number) {
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const enrolment = await q.currentEnrolment(ctx.db.kysely, studentId, today);
  if (!enrolment) throw new AppError('person_not_found', { field: '/params/id' });
  const scope = await structure.schoolScope(ctx, enrolment.school_id);
  return scope!;
}

function fullName(p: { surname: string; name: string; patronymic: string }) {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

export async function listConsents(ctx: AppContext, actor: Actor, studentId: number): Promise<ConsentView[]> {
  const place = await studentPlace(ctx, studentId);
  assertCan(actor, 'consents.read', place);
  const rows = await q.consentsOf(ctx.db.kysely, studentId);
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    studentId: r.student_person_id,
    guardianId: r.guardian_person_id,
    guardianName: fullName(r),
    givenOn: r.given_on,
    documentNumber: r.document_number,
    hasScan: r.scan_file != null,
    recordedAt: r.recorded_at,
    withdrawnOn: r.withdrawn_on,
    withdrawnAt: r.withdrawn_at,
  }));
}

export async function recordConsent(ctx: AppContext, actor: Actor, studentId: number, input: RecordConsentBody): Promise<ConsentView> {
  const place = await studentPlace(ctx, studentId);
  assertCan(actor, 'consents.manage', place);
  const db = ctx.db.kysely;
  const guardians = await q.guardiansOf(db, studentId);
  if (!guardians.some((g) => g.id === input.guardianId)) throw new AppError('not_a_guardian', { field: '/body/guardianId' });
  const now = ctx.clock.now().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await q.insertConsent(trx, {
      school_id: place.schoolId,
      student_person_id: studentId,
      guardian_person_id: input.guardianId,
      given_on: input.givenOn,
      document_number: input.documentNumber.trim(),
      recorded_by: actor.personId || null,
      recorded_at: now,
    });
    // Accounts blocked by an earlier withdrawal work again.
    for (const account of await q.accountsOf(trx, [studentId, ...guardians.map((g) => g.id)])) {
      if (account.blocked_reason === 'consent') await q.unblockConsent(trx, account.id, account.login ? 'active' : 'pending');
    }
    await q.insertSecurityEvent(trx, { account_id: null, person_id: studentId, kind: 'consent_recorded', detail: `consent ${id} by ${actor.personId}`, at: now });
    return id;
  });
  return (await listConsents(ctx, actor, studentId)).find((c) => c.id === id)!;
}

export async function withdrawConsent(ctx: AppContext, actor: Actor, consentId: number, input: WithdrawConsentBody): Promise<ConsentView> {
  const db = ctx.db.kysely;
  const consent = await q.findConsent(db, consentId);
  if (!consent) throw new AppError('consent_not_found', { field: '/params/id' });
  const place = await structure.schoolScope(ctx, consent.school_id);
  assertCan(actor, 'consents.manage', place!);
  if (consent.withdrawn_at) throw new AppError('consent_already_withdrawn', { field: '/params/id' });
  const now = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await q.withdraw(trx, consentId, { withdrawn_on: input.withdrawnOn, withdrawn_by: actor.personId || null, withdrawn_at: now, withdrawal_note: input.note ?? null });
    const studentId = consent.student_person_id;
    const people = [studentId, ...(await q.guardiansOf(trx, studentId)).map((g) => g.id)];
    const accounts = await q.accountsOf(trx, people);
    for (const account of accounts) {
      if ((await consentStanding(trx, account.person_id)) === 'missing') await q.blockForConsent(trx, account.id);
    }
    // Every session of the student and their guardians ends at once; a guardian
    // who still may sign in (another child, a staff role) sees the rest afresh.
    await q.revokeSessions(trx, accounts.map((a) => a.id), now);
    await q.insertSecurityEvent(trx, { account_id: null, person_id: studentId, kind: 'consent_withdrawn', detail: `consent ${consentId} by ${actor.personId}`, at: now });
  });
  return (await listConsents(ctx, actor, consent.student_person_id)).find((c) => c.id === consentId)!;
}

const MAGIC: Record<(typeof SCAN_TYPES)[number], { bytes: number[]; ext: string }> = {
  'application/pdf': { bytes: [0x25, 0x50, 0x44, 0x46], ext: 'pdf' },
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47], ext: 'png' },
};

/**
 * The absolute path of a stored scan, or null when the recorded name would
 * lead outside DATA_DIR/consents (a tampered or restored-from-elsewhere row):
 * such a path is never read nor removed.
 */
function scanPath(ctx: AppContext, relative: string): string | null {
  const root = resolve(ctx.config.dataDir, 'consents');
  const absolute = resolve(ctx.config.dataDir, relative);
  return absolute.startsWith(root + sep) && !relative.includes('\0') ? absolute : null;
}

/** The largest scan accepted: the contract's 5 MB, or the installation's smaller UPLOAD_LIMIT. */
export function scanLimit(ctx: AppContext): number {
  return Math.min(SCAN_MAX_BYTES, ctx.config.uploadLimit);
}

/** Stores a consent's scan under DATA_DIR/consents; the type is checked by its first bytes, not only its name. */
export async function storeScan(ctx: AppContext, actor: Actor, consentId: number, file: { data: Buffer; mimetype: string }): Promise<ConsentView> {
  const db = ctx.db.kysely;
  const consent = await q.findConsent(db, consentId);
  if (!consent) throw new AppError('consent_not_found', { field: '/params/id' });
  const place = await structure.schoolScope(ctx, consent.school_id);
  assertCan(actor, 'consents.manage', place!);
  const kind = MAGIC[file.mimetype as keyof typeof MAGIC];
  if (!kind || !kind.bytes.every((b, i) => file.data[i] === b)) throw new AppError('scan_type_refused', { field: '/body/file' });
  if (file.data.length > scanLimit(ctx)) throw new AppError('scan_too_large', { field: '/body/file' });
  const relative = join('consents', String(consent.school_id), `${consentId}-${randomBytes(8).toString('hex')}.${kind.ext}`);
  const absolute = join(ctx.config.dataDir, relative);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, file.data, { mode: 0o600 });
  try {
    await q.setScan(db, consentId, relative, file.mimetype, file.data.length);
  } catch (error) {
    rmSync(absolute, { force: true });
    throw error;
  }
  const previous = consent.scan_file ? scanPath(ctx, consent.scan_file) : null;
  if (previous) rmSync(previous, { force: true });
  return (await listConsents(ctx, actor, consent.student_person_id)).find((c) => c.id === consentId)!;
}

/** Where the scan lies on disk, for those allowed to read consents of the school. */
export async function scanFile(ctx: AppContext, actor: Actor, consentId: number): Promise<{ path: string; type: string }> {
  const consent = await q.findConsent(ctx.db.kysely, consentId);
  if (!consent) throw new AppError('consent_not_found', { field: '/params/id' });
  const place = await structure.schoolScope(ctx, consent.school_id);
  assertCan(actor, 'consents.read', place!);
  const path = consent.scan_file ? scanPath(ctx, consent.scan_file) : null;
  if (!path || !consent.scan_type || !existsSync(path)) throw new AppError('not_found', { field: '/params/id' });
  return { path, type: consent.scan_type };
}

/**
 * Consent coverage per school: enrolled students and how many have consent on
 * record. For the monitoring module (no actor: it checks its own access) and
 * for the school's own screen through `coverageForSchool`.
 */
export async function consentCoverage(ctx: AppContext, schoolIds: number[] | null): Promise<CoverageView[]> {
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const rows = await q.coverage(ctx.db.kysely, schoolIds, today);
  const bySchool = new Map(rows.map((r) => [r.school_id, r]));
  const ids = schoolIds ?? rows.map((r) => r.school_id);
  return ids.map((schoolId) => {
    const r = bySchool.get(schoolId);
    const students = Number(r?.students ?? 0);
    const withConsent = Number(r?.with_consent ?? 0);
    return { schoolId, students, withConsent, share: students === 0 ? 0 : withConsent / students };
  });
}

export async function coverageForSchool(ctx: AppContext, actor: Actor, schoolId: number): Promise<CoverageView> {
  const place = await structure.schoolScope(ctx, schoolId);
  if (!place) throw new AppError('school_not_found', { field: '/params/id' });
  assertCan(actor, 'consents.coverage', place);
  return (await consentCoverage(ctx, [schoolId]))[0]!;
}

/** Students with consent on record per school on a date: the monitoring module's consent figure. */
export async function consentCountsBySchool(db: Kysely<Database>, input: { schoolIds: number[]; date: string }): Promise<Map<number, number>> {
  const rows = await q.coverage(db, input.schoolIds, input.date);
  return new Map(rows.map((r) => [r.school_id, Number(r.with_consent ?? 0)]));
}
