import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import { insertRows } from '../db/bulk.js';
import type { Db } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { generateActivationCode } from '../modules/accounts/activation-codes.js';
import { hashPassword, hashToken } from '../modules/accounts/passwords.js';
import { addDays, localDateOf } from '../../shared/dates.js';
import { allSchools, type DemoRegion, type DemoSchool } from './plan.js';
import type { Random } from './random.js';

/** Every demo login (README) signs in with this password. */
export const DEMO_PASSWORD = 'otmetka-demo';

/** Shares of accounts already activated in the demo (the rollout is under way, not finished). */
const ACTIVATED = { staff: 0.8, student: 0.35, guardian: 0.45 };
const CONSENT_SHARE = 0.9;

interface AccountPlan {
  personId: number;
  login: string | null;
  activatedAt: string | null;
}

/**
 * Grants, accounts and consents for the people of the demo region. The first
 * school of the first municipality is the demo school: its director, school
 * admin, deputy, a teacher, a primary teacher (`class-teacher`), a pupil and
 * a parent get the fixed logins of the README; `parent2` is a guardian with a
 * child in each of the first two schools. The `student`'s second guardian
 * stays pending, so that a school admin can hand them a code (e2e guardian
 * journey). Everyone else is activated at random (with a `u<id>` login) or
 * pending with a code that nobody knows; most pupils have consent on record.
 */
export async function generateAccounts(ctx: AppContext, rnd: Random, region: DemoRegion, yearStart: string): Promise<Record<string, number>> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = localDateOf(now, ctx.config.timeZone);
  // One hash for every activated demo account: scrypt is slow by design.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const schools = allSchools(region);
  const home = schools[0]!;
  const municipality = region.municipalities[0]!;
  const logins: Record<string, number> = {};

  await db.transaction().execute(async (trx) => {
    const person = async (surname: string, name: string, patronymic: string) =>
      (await trx.insertInto('persons').values({ surname, name, patronymic, birth_date: null, email: null, phone: null, external_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    logins.admin = await person('Системный', 'Администратор', '');
    logins.coordinator = await person('Забелина', 'Наталья', 'Александровна');
    logins.mouo = await person('Муниципалова', 'Ольга', 'Викторовна');
    await insertRows(ctx.db, trx, 'grants', [
      grantRow(logins.admin, 'admin', {}, at),
      grantRow(logins.coordinator, 'region_coordinator', { region_id: region.id }, at),
      grantRow(logins.mouo, 'municipal_officer', { region_id: region.id, municipality_id: municipality.id }, at),
    ]);
  });

  const staffOf = (s: DemoSchool, role: string) => s.staff.filter((x) => x.role === role);
  logins.director = staffOf(home, 'director')[0]!.personId;
  logins['school-admin'] = staffOf(home, 'school_admin')[0]!.personId;
  logins.deputy = staffOf(home, 'deputy')[0]!.personId;
  logins.teacher = home.staff.find((x) => x.role === 'teacher' && x.specialisation !== 'primary')!.personId;
  // A primary teacher leading a class of grades 2–4: grade 1 gets no marks, so «Мой класс» would show an empty table.
  const ledClass = home.classes?.find((c) => c.grade >= 2 && c.grade <= 4);
  logins['class-teacher'] = ledClass?.classTeacherId ?? home.staff.find((x) => x.role === 'teacher' && x.specialisation === 'primary')!.personId;
  const pupil = home.students.find((s) => s.grade >= 5 && s.guardianIds.length === 2) ?? home.students.find((s) => s.guardianIds.length > 0)!;
  logins.student = pupil.personId;
  logins.parent = pupil.guardianIds[0]!;
  const pendingGuardian = pupil.guardianIds[1];
  const second = schools[1];
  const sibling = home.students.find((s) => s !== pupil && s.grade >= 2 && s.guardianIds.length > 0)!;
  logins.parent2 = sibling.guardianIds[0]!;
  // parent2's second child goes to the second school: a guardian of two children in two schools.
  const elsewhere = second?.students.find((s) => s.grade >= 2);
  if (second && elsewhere) {
    await db.insertInto('guardianships').values({ school_id: second.id, guardian_person_id: logins.parent2, student_person_id: elsewhere.personId, relation: 'other', created_at: at }).execute();
    elsewhere.guardianIds.push(logins.parent2);
  }
  const fixed = new Map(Object.entries(logins).map(([login, id]) => [id, login]));
  const mustConsent = new Set([pupil.personId, sibling.personId, ...(elsewhere ? [elsewhere.personId] : [])]);

  const regional: AccountPlan[] = ['admin', 'coordinator', 'mouo'].map((l) => ({ personId: logins[l]!, login: l, activatedAt: at }));
  // A person tied to two schools (parent2) gets one account.
  const seen = new Set<number>();
  const activatedAt = () => `${addDays(yearStart, rnd.int(0, Math.max(0, Math.round((Date.parse(today) - Date.parse(yearStart)) / 86400000) - 1)))}T0${rnd.int(0, 9)}:${rnd.int(10, 59)}:00.000Z`;
  const plan = (personId: number, share: number, may: boolean): AccountPlan => {
    const login = fixed.get(personId);
    if (login) return { personId, login, activatedAt: at };
    if (personId === pendingGuardian || !may || !rnd.chance(share)) return { personId, login: null, activatedAt: null };
    return { personId, login: `u${personId}`, activatedAt: activatedAt() };
  };

  for (const school of schools) {
    await db.transaction().execute(async (trx) => {
      const place = { region_id: region.id, municipality_id: school.municipalityId, school_id: school.id };
      const consented = new Set(school.students.filter((s) => mustConsent.has(s.personId) || rnd.chance(CONSENT_SHARE)).map((s) => s.personId));
      const grants = [
        ...school.staff.map((s) => grantRow(s.personId, s.role, place, at)),
        ...school.students.map((s) => grantRow(s.personId, 'student', place, at)),
        ...[...new Set(school.students.flatMap((s) => s.guardianIds))].map((g) => grantRow(g, 'guardian', place, at)),
      ];
      await insertRows(ctx.db, trx, 'grants', grants);
      await insertRows(
        ctx.db,
        trx,
        'consents',
        school.students
          .filter((s) => consented.has(s.personId) && s.guardianIds.length > 0)
          .map((s, i) => ({
            school_id: school.id,
            student_person_id: s.personId,
            guardian_person_id: s.guardianIds[0]!,
            given_on: addDays(yearStart, rnd.int(0, 20)),
            document_number: `${i + 1}/${yearStart.slice(0, 4)}`,
            recorded_by: school.staff.find((x) => x.role === 'school_admin')?.personId ?? null,
            recorded_at: at,
          })),
      );
      const rows: AccountPlan[] = [];
      const add = (p: AccountPlan) => {
        if (!seen.has(p.personId)) rows.push(p);
        seen.add(p.personId);
      };
      for (const s of school.staff) add(plan(s.personId, ACTIVATED.staff, true));
      // Pupils of grade 1 have no diary accounts of their own in practice; they still get one, pending.
      for (const s of school.students) add(plan(s.personId, s.grade >= 2 ? ACTIVATED.student : 0, consented.has(s.personId)));
      for (const s of school.students) for (const g of s.guardianIds) add(plan(g, ACTIVATED.guardian, consented.has(s.personId)));
      await insertAccounts(ctx.db, trx, rows, passwordHash, at, now);
    });
  }
  // The three regional accounts, after the schools so their ids stay apart.
  await insertAccounts(ctx.db, db, regional, passwordHash, at, now);
  region.logins = logins;
  return logins;
}

function grantRow(personId: number, role: string, place: { region_id?: number; municipality_id?: number; school_id?: number }, at: string) {
  return {
    person_id: personId,
    role,
    region_id: place.region_id ?? null,
    municipality_id: place.municipality_id ?? null,
    school_id: place.school_id ?? null,
    class_id: null,
    granted_by: null,
    granted_at: at,
    revoked_by: null,
    revoked_at: null,
  };
}

async function insertAccounts(db: Db, trx: Kysely<Database>, rows: AccountPlan[], passwordHash: string, at: string, now: Date): Promise<void> {
  const codeExpires = new Date(now.getTime() + 60 * 24 * 3600 * 1000).toISOString();
  await insertRows(
    db,
    trx,
    'accounts',
    rows.map((r) => ({
      person_id: r.personId,
      login: r.login,
      password_hash: r.login ? passwordHash : null,
      status: r.login ? ('active' as const) : ('pending' as const),
      activated_at: r.activatedAt,
      // Pending accounts get a code nobody knows: a school admin reissues one to print a letter.
      activation_code_hash: hashToken(generateActivationCode() + r.personId),
      activation_code_expires_at: codeExpires,
      activation_code_used_at: r.login ? r.activatedAt : null,
      password_changed_at: r.activatedAt,
      failed_logins: 0,
      locked_until: null,
      last_login_at: r.login ? r.activatedAt : null,
      created_at: at,
      blocked_reason: null,
    })),
  );
}
