import { sql, type Kysely } from 'kysely';
import { containsInsensitive, type DialectName } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function insertPerson(
  db: Q,
  row: { surname: string; name: string; patronymic: string; birth_date: string | null; email: string | null; phone: string | null; created_at: string },
) {
  return db.insertInto('persons').values({ ...row, external_id: null }).returning('id').executeTakeFirstOrThrow();
}

export function findPerson(db: Q, id: number) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updatePerson(db: Q, id: number, patch: Partial<{ surname: string; name: string; patronymic: string; birth_date: string | null; email: string | null; phone: string | null }>) {
  return db.updateTable('persons').set(patch).where('id', '=', id).execute();
}

export function insertStaff(db: Q, row: { school_id: number; person_id: number; position: string; started_on: string }) {
  return db.insertInto('staff').values({ ...row, ended_on: null }).execute();
}

export function currentStaff(db: Q, personId: number, schoolId: number) {
  return db.selectFrom('staff').select('id').where('person_id', '=', personId).where('school_id', '=', schoolId).where('ended_on', 'is', null).executeTakeFirst();
}

export function insertEnrolment(db: Q, row: { school_id: number; person_id: number; started_on: string }) {
  return db.insertInto('enrolments').values({ ...row, ended_on: null, end_reason: null }).execute();
}

export function currentEnrolments(db: Q, personId: number, today: string) {
  return db
    .selectFrom('enrolments')
    .select(['id', 'school_id', 'started_on'])
    .where('person_id', '=', personId)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .execute();
}

export function endEnrolment(db: Q, id: number, endedOn: string, reason: string) {
  return db.updateTable('enrolments').set({ ended_on: endedOn, end_reason: reason }).where('id', '=', id).execute();
}

export function insertClassMember(db: Q, row: { school_id: number; class_id: number; student_person_id: number; from_date: string }) {
  return db.insertInto('class_members').values({ ...row, to_date: null }).execute();
}

export function endClassMemberships(db: Q, personId: number, schoolId: number, toDate: string) {
  return db.updateTable('class_members').set({ to_date: toDate }).where('student_person_id', '=', personId).where('school_id', '=', schoolId).where('to_date', 'is', null).execute();
}

export function findClass(db: Q, id: number) {
  return db.selectFrom('classes').select(['id', 'school_id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function insertGuardianship(db: Q, row: { school_id: number; guardian_person_id: number; student_person_id: number; relation: 'mother' | 'father' | 'other'; created_at: string }) {
  return db.insertInto('guardianships').values(row).execute();
}

export function findGuardianship(db: Q, guardianId: number, studentId: number) {
  return db.selectFrom('guardianships').select('id').where('guardian_person_id', '=', guardianId).where('student_person_id', '=', studentId).executeTakeFirst();
}

export function moveGuardianships(db: Q, studentId: number, schoolId: number) {
  return db.updateTable('guardianships').set({ school_id: schoolId }).where('student_person_id', '=', studentId).execute();
}

export function guardiansOf(db: Q, studentId: number) {
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.guardian_person_id')
    .select(['persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'guardianships.relation'])
    .where('guardianships.student_person_id', '=', studentId)
    .orderBy('persons.id')
    .execute();
}

export function childrenOf(db: Q, guardianId: number) {
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.student_person_id')
    .select(['persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'guardianships.relation', 'guardianships.school_id'])
    .where('guardianships.guardian_person_id', '=', guardianId)
    .orderBy('persons.id')
    .execute();
}

/** Every place a person is tied to: staff rows, enrolments (past too), guardianships, grants in force. */
export async function affiliations(db: Q, personId: number) {
  const [staff, enrolments, guardianships, grants] = await Promise.all([
    db.selectFrom('staff').select(['school_id', 'position', 'started_on', 'ended_on']).where('person_id', '=', personId).orderBy('started_on').execute(),
    db.selectFrom('enrolments').select(['school_id', 'started_on', 'ended_on', 'end_reason']).where('person_id', '=', personId).orderBy('started_on').execute(),
    db.selectFrom('guardianships').select(['school_id']).where('guardian_person_id', '=', personId).execute(),
    activeGrants(db, personId),
  ]);
  return { staff, enrolments, guardianships, grants };
}

export function activeGrants(db: Q, personId: number) {
  return db
    .selectFrom('grants')
    .select(['id', 'role', 'region_id', 'municipality_id', 'school_id', 'class_id', 'granted_at'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
}

export function findGrant(db: Q, id: number) {
  return db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSameGrant(db: Q, g: { person_id: number; role: string; region_id: number | null; municipality_id: number | null; school_id: number | null; class_id: number | null }) {
  const eqOrNull = (col: 'region_id' | 'municipality_id' | 'school_id' | 'class_id', v: number | null) =>
    v == null ? sql<boolean>`${sql.ref(col)} is null` : sql<boolean>`${sql.ref(col)} = ${v}`;
  return db
    .selectFrom('grants')
    .select('id')
    .where('person_id', '=', g.person_id)
    .where('role', '=', g.role)
    .where('revoked_at', 'is', null)
    .where(eqOrNull('region_id', g.region_id))
    .where(eqOrNull('municipality_id', g.municipality_id))
    .where(eqOrNull('school_id', g.school_id))
    .where(eqOrNull('class_id', g.class_id))
    .executeTakeFirst();
}

export function insertGrant(
  db: Q,
  g: { person_id: number; role: string; region_id: number | null; municipality_id: number | null; school_id: number | null; class_id: number | null; granted_by: number | null; granted_at: string },
) {
  return db.insertInto('grants').values({ ...g, revoked_by: null, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
}

export function revokeGrant(db: Q, id: number, by: number | null, at: string) {
  return db.updateTable('grants').set({ revoked_by: by, revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
}

export function revokeRoleInSchool(db: Q, personId: number, role: string, schoolId: number, by: number | null, at: string) {
  return db
    .updateTable('grants')
    .set({ revoked_by: by, revoked_at: at })
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function schoolsByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('schools').select(['id', 'region_id', 'municipality_id', 'name', 'short_name']).where('id', 'in', ids).execute();
}

export function municipalitiesByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('municipalities').select(['id', 'region_id', 'name']).where('id', 'in', ids).execute();
}

export function regionsByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids).execute();
}

export function accountOf(db: Q, personId: number) {
  return db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

/** One page of a school's staff, students or guardians, with the account of each. */
export function listPeople(
  db: Q,
  dialect: DialectName,
  input: { kind: 'staff' | 'students' | 'guardians'; schoolId: number; today: string; words: string[]; status?: string; limit: number; offset: number },
) {
  let query = db
    .selectFrom('persons')
    .leftJoin('accounts', 'accounts.person_id', 'persons.id')
    .where((eb) => {
      const { schoolId, today } = input;
      if (input.kind === 'staff') {
        return eb.exists(eb.selectFrom('staff').select('staff.id').whereRef('staff.person_id', '=', 'persons.id').where('staff.school_id', '=', schoolId).where('staff.ended_on', 'is', null));
      }
      if (input.kind === 'students') {
        return eb.exists(
          eb
            .selectFrom('enrolments')
            .select('enrolments.id')
            .whereRef('enrolments.person_id', '=', 'persons.id')
            .where('enrolments.school_id', '=', schoolId)
            .where('enrolments.started_on', '<=', today)
            .where((e2) => e2.or([e2('enrolments.ended_on', 'is', null), e2('enrolments.ended_on', '>', today)])),
        );
      }
      return eb.exists(eb.selectFrom('guardianships').select('guardianships.id').whereRef('guardianships.guardian_person_id', '=', 'persons.id').where('guardianships.school_id', '=', schoolId));
    });
  for (const word of input.words) {
    query = query.where((eb) =>
      eb.or([
        containsInsensitive(dialect, 'persons.surname', word),
        containsInsensitive(dialect, 'persons.name', word),
        containsInsensitive(dialect, 'persons.patronymic', word),
        containsInsensitive(dialect, 'accounts.login', word),
      ]),
    );
  }
  if (input.status === 'none') query = query.where('accounts.id', 'is', null);
  else if (input.status) query = query.where('accounts.status', '=', input.status as 'pending');
  const page = query
    .select([
      'persons.id',
      'persons.surname',
      'persons.name',
      'persons.patronymic',
      'persons.birth_date',
      'accounts.status',
      'accounts.login',
      'accounts.activated_at',
      'accounts.activation_code_expires_at',
      'accounts.blocked_reason',
    ])
    .orderBy('persons.surname')
    .orderBy('persons.name')
    .orderBy('persons.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const total = query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Promise.all([page, total]);
}

export function grantsInSchool(db: Q, personIds: number[], schoolId: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('grants').select(['person_id', 'role']).where('person_id', 'in', personIds).where('school_id', '=', schoolId).where('revoked_at', 'is', null).execute();
}

export function staffPositions(db: Q, personIds: number[], schoolId: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff').select(['person_id', 'position']).where('person_id', 'in', personIds).where('school_id', '=', schoolId).where('ended_on', 'is', null).execute();
}

export function currentClasses(db: Q, personIds: number[], today: string) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('class_members')
    .innerJoin('classes', 'classes.id', 'class_members.class_id')
    .select(['class_members.student_person_id', 'classes.name', 'classes.school_id'])
    .where('class_members.student_person_id', 'in', personIds)
    .where('class_members.from_date', '<=', today)
    .where((eb) => eb.or([eb('class_members.to_date', 'is', null), eb('class_members.to_date', '>', today)]))
    .execute();
}

export function childrenInSchool(db: Q, guardianIds: number[], schoolId: number) {
  if (guardianIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.student_person_id')
    .select(['guardianships.guardian_person_id', 'persons.surname', 'persons.name'])
    .where('guardianships.guardian_person_id', 'in', guardianIds)
    .where('guardianships.school_id', '=', schoolId)
    .execute();
}

export async function withConsent(db: Q, studentIds: number[]): Promise<Set<number>> {
  if (studentIds.length === 0) return new Set();
  const rows = await db.selectFrom('consents').select('student_person_id').where('student_person_id', 'in', studentIds).where('withdrawn_at', 'is', null).execute();
  return new Set(rows.map((r) => r.student_person_id));
}

/** Grants in force of the given roles under a scope, with the person and the account status. */
export function appointments(db: Q, roles: string[], scope: { regionIds: number[] | null; municipalityIds: number[] | null; schoolIds: number[] | null }) {
  let query = db
    .selectFrom('grants')
    .innerJoin('persons', 'persons.id', 'grants.person_id')
    .leftJoin('accounts', 'accounts.person_id', 'grants.person_id')
    .leftJoin('schools', 'schools.id', 'grants.school_id')
    .leftJoin('municipalities', 'municipalities.id', 'grants.municipality_id')
    .select([
      'grants.id',
      'grants.person_id',
      'grants.role',
      'grants.granted_at',
      'grants.region_id',
      'grants.municipality_id',
      'grants.school_id',
      'persons.surname',
      'persons.name',
      'persons.patronymic',
      'accounts.status',
      'schools.short_name as school_name',
      'schools.municipality_id as school_municipality_id',
      'schools.region_id as school_region_id',
      'municipalities.name as municipality_name',
      'municipalities.region_id as municipality_region_id',
    ])
    .where('grants.revoked_at', 'is', null)
    .where('grants.role', 'in', roles.length ? roles : ['-']);
  if (scope.schoolIds) query = query.where('grants.school_id', 'in', scope.schoolIds.length ? scope.schoolIds : [-1]);
  if (scope.municipalityIds) {
    const ids = scope.municipalityIds.length ? scope.municipalityIds : [-1];
    query = query.where((eb) => eb.or([eb('grants.municipality_id', 'in', ids), eb('schools.municipality_id', 'in', ids)]));
  }
  if (scope.regionIds) {
    const ids = scope.regionIds.length ? scope.regionIds : [-1];
    query = query.where((eb) => eb.or([eb('grants.region_id', 'in', ids), eb('municipalities.region_id', 'in', ids), eb('schools.region_id', 'in', ids)]));
  }
  return query.orderBy('persons.surname').orderBy('grants.id').limit(1000).execute();
}

export function anyActiveGrantOf(db: Q, role: string) {
  return db.selectFrom('grants').select('id').where('role', '=', role).where('revoked_at', 'is', null).executeTakeFirst();
}
