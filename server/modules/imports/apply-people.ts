/**
 * Writes planned students, guardians and staff inside the caller's single
 * transaction: new people in multi-row inserts, changed people updated one by
 * one (a re-import of the same file changes nothing), links added only where
 * missing, and an account with an activation code for everyone who has none.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { issueActivationCodes } from '../accounts/accounts.service.js';
import type { PersonFields, StaffPlan, StudentPlan } from './plan-people.js';
import * as q from './imports.queries.js';

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
  guardiansCreated: number;
  accountsCreated: number;
  moved: number;
}

export type Progress = (done: number, total: number) => void;

function personRow(f: PersonFields, now: string) {
  return {
    surname: f.surname,
    name: f.name,
    patronymic: f.patronymic,
    birth_date: f.birthDate,
    email: f.email,
    phone: f.phone,
    external_id: f.externalId,
    created_at: now,
  };
}

/** The fields that differ from what is stored; empty cells never erase stored contacts or ids. */
function changes(f: PersonFields, stored: { surname: string; name: string; patronymic: string; birth_date: string | null; external_id: string | null; phone: string | null; email: string | null }) {
  const patch: Record<string, string | null> = {};
  if (f.surname !== stored.surname) patch.surname = f.surname;
  if (f.name !== stored.name) patch.name = f.name;
  if (f.patronymic !== stored.patronymic) patch.patronymic = f.patronymic;
  if (f.birthDate && f.birthDate !== stored.birth_date) patch.birth_date = f.birthDate;
  if (f.externalId && f.externalId !== stored.external_id) patch.external_id = f.externalId;
  if (f.phone && f.phone !== stored.phone) patch.phone = f.phone;
  if (f.email && f.email !== stored.email) patch.email = f.email;
  return patch;
}

type StoredPerson = Parameters<typeof changes>[1] & { id: number };

async function upsertPeople(db: Db, trx: Kysely<Database>, items: Array<{ personId: number | null; fields: PersonFields }>, stored: Map<number, StoredPerson>, now: string) {
  const fresh = items.filter((i) => i.personId === null);
  const ids = await q.insertPersons(db, trx, fresh.map((i) => personRow(i.fields, now)));
  fresh.forEach((item, i) => (item.personId = ids[i]!));
  const freshSet = new Set(fresh);
  let updated = 0;
  for (const item of items) {
    const before = item.personId !== null && !freshSet.has(item) ? stored.get(item.personId) : undefined;
    if (!before) continue;
    const patch = changes(item.fields, before);
    if (Object.keys(patch).length > 0) {
      await q.updatePerson(trx, before.id, patch);
      updated++;
    }
  }
  return { created: fresh.length, updated };
}

/** Accounts with activation codes for the people who have none (re-imports leave existing accounts and codes alone). */
async function ensureAccounts(db: Db, trx: Kysely<Database>, personIds: number[], now: Date): Promise<number> {
  const unique = [...new Set(personIds)];
  const have = await q.personsWithAccounts(trx, unique);
  const missing = unique.filter((id) => !have.has(id));
  // The plain codes are not kept: letters (letters.service.ts) issue the codes people receive.
  await issueActivationCodes(db, trx, missing, now, new Set());
  return missing.length;
}

function grantRow(personId: number, role: string, schoolId: number, classId: number | null, by: number | null, at: string) {
  return { person_id: personId, role, region_id: null, municipality_id: null, school_id: schoolId, class_id: classId, granted_by: by, granted_at: at, revoked_by: null, revoked_at: null };
}

export async function applyStudents(db: Db, trx: Kysely<Database>, schoolId: number, plans: StudentPlan[], today: string, now: Date, actorPersonId: number | null, progress: Progress): Promise<ApplyCounts> {
  const at = now.toISOString();
  const [students, guardians, members, grants] = await Promise.all([
    q.studentsOfSchool(trx, schoolId),
    q.guardiansOfSchool(trx, schoolId),
    q.currentClassMembers(trx, schoolId),
    q.liveGrantsOfSchool(trx, schoolId),
  ]);
  const total = plans.length * 3;
  const stored = new Map<number, StoredPerson>();
  for (const p of [...students, ...guardians]) stored.set(p.id, p);
  const existingIds = new Set(plans.map((p) => p.personId).filter((id): id is number => id !== null));

  const studentResult = await upsertPeople(db, trx, plans, stored, at);
  // Guardians named in several rows (siblings) become one person.
  const guardianByKey = new Map<string, { personId: number | null; fields: PersonFields }>();
  for (const plan of plans) for (const g of plan.guardians) if (!guardianByKey.has(g.fileKey)) guardianByKey.set(g.fileKey, { personId: g.personId, fields: g.fields });
  const guardianItems = [...guardianByKey.values()];
  const guardianResult = await upsertPeople(db, trx, guardianItems, stored, at);
  progress(plans.length, total);

  const enrolled = new Set(students.filter((s) => s.ended_on === null).map((s) => s.id));
  const memberOf = new Map(members.map((m) => [m.student_person_id, m]));
  const pairs = new Map(guardians.map((g) => [`${g.id}|${g.student_person_id}`, g]));
  const granted = new Set(grants.map((g) => `${g.person_id}|${g.role}`));
  const enrolRows = [], memberRows = [], guardianshipRows = [], grantRows = [];
  let moved = 0;
  for (const plan of plans) {
    const id = plan.personId!;
    if (!enrolled.has(id)) {
      enrolRows.push({ school_id: schoolId, person_id: id, started_on: today, ended_on: null, end_reason: null });
      enrolled.add(id);
    }
    const current = memberOf.get(id);
    if (current?.class_id !== plan.classId) {
      // A move keeps the old membership with its end date (history), unless it began today.
      if (current) {
        await q.closeClassMembership(trx, current.id, today);
        moved++;
      }
      memberRows.push({ school_id: schoolId, class_id: plan.classId, student_person_id: id, from_date: today, to_date: null });
    }
    if (!granted.has(`${id}|student`)) (grantRows.push(grantRow(id, 'student', schoolId, null, actorPersonId, at)), granted.add(`${id}|student`));
    for (const g of plan.guardians) {
      const gid = guardianByKey.get(g.fileKey)!.personId!;
      const pair = pairs.get(`${gid}|${id}`);
      if (!pair) {
        guardianshipRows.push({ school_id: schoolId, guardian_person_id: gid, student_person_id: id, relation: g.relation, created_at: at });
        pairs.set(`${gid}|${id}`, { relation: g.relation } as never);
      } else if (pair.relation !== g.relation) await q.updateGuardianRelation(trx, pair.guardianship_id, g.relation);
      if (!granted.has(`${gid}|guardian`)) (grantRows.push(grantRow(gid, 'guardian', schoolId, null, actorPersonId, at)), granted.add(`${gid}|guardian`));
    }
  }
  await q.insertMany(db, trx, 'enrolments', enrolRows);
  await q.insertMany(db, trx, 'class_members', memberRows);
  await q.insertMany(db, trx, 'guardianships', guardianshipRows);
  await q.insertMany(db, trx, 'grants', grantRows);
  progress(plans.length * 2, total);

  const everyone = [...plans.map((p) => p.personId!), ...guardianItems.map((g) => g.personId!)];
  const accountsCreated = await ensureAccounts(db, trx, everyone, now);
  progress(total, total);
  return {
    created: studentResult.created,
    updated: studentResult.updated,
    unchanged: existingIds.size - studentResult.updated,
    guardiansCreated: guardianResult.created,
    accountsCreated,
    moved,
  };
}

export async function applyStaff(db: Db, trx: Kysely<Database>, schoolId: number, plans: StaffPlan[], today: string, now: Date, actorPersonId: number | null, progress: Progress): Promise<ApplyCounts> {
  const at = now.toISOString();
  const [staff, grants] = await Promise.all([q.staffOfSchool(trx, schoolId), q.liveGrantsOfSchool(trx, schoolId)]);
  const stored = new Map<number, StoredPerson>(staff.map((s) => [s.id, s]));
  const existing = plans.filter((p) => p.personId !== null).length;
  const result = await upsertPeople(db, trx, plans, stored, at);
  progress(plans.length, plans.length * 2);
  const staffRow = new Map(staff.map((s) => [s.id, s]));
  const granted = new Set(grants.map((g) => `${g.person_id}|${g.role}`));
  const staffRows = [], grantRows = [];
  for (const plan of plans) {
    const id = plan.personId!;
    const row = staffRow.get(id);
    if (!row) staffRows.push({ school_id: schoolId, person_id: id, position: plan.position, started_on: today, ended_on: null });
    else if ((plan.position && row.position !== plan.position) || row.ended_on !== null) await q.updateStaffPosition(trx, row.staff_id, plan.position || row.position);
    for (const role of plan.roles) {
      if (granted.has(`${id}|${role}`)) continue;
      grantRows.push(grantRow(id, role, schoolId, null, actorPersonId, at));
      granted.add(`${id}|${role}`);
    }
  }
  await q.insertMany(db, trx, 'staff', staffRows);
  await q.insertMany(db, trx, 'grants', grantRows);
  const accountsCreated = await ensureAccounts(db, trx, plans.map((p) => p.personId!), now);
  progress(plans.length * 2, plans.length * 2);
  return { created: result.created, updated: result.updated, unchanged: existing - result.updated, guardiansCreated: 0, accountsCreated, moved: 0 };
}
