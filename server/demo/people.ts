import type { AppContext } from '../context.js';
import { insertRows } from '../db/bulk.js';
import type { Db } from '../db/dialect.js';
import { fatherNames, femaleNames, femaleSurname, maleNames, patronymic, subjectNames, surnamesMale } from './names.js';
import { allSchools, type DemoRegion, type DemoSchool, type DemoStaff } from './plan.js';
import type { Random } from './random.js';

interface PersonRow {
  surname: string;
  name: string;
  patronymic: string;
  birth_date: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  created_at: string;
}

function person(rnd: Random, now: string, female: boolean, birthYear: number, surnameStem?: string): PersonRow {
  const stem = surnameStem ?? rnd.pick(surnamesMale);
  const month = rnd.int(1, 12);
  const day = rnd.int(1, 28);
  return {
    surname: female ? femaleSurname(stem) : stem,
    name: rnd.pick(female ? femaleNames : maleNames),
    patronymic: patronymic(rnd.pick(fatherNames), female),
    birth_date: `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    email: null,
    phone: `+7 914 ${rnd.int(100, 999)}-${String(rnd.int(0, 99)).padStart(2, '0')}-${String(rnd.int(0, 99)).padStart(2, '0')}`,
    external_id: null,
    created_at: now,
  };
}

/** Pupils per grade 1–11: a little more in the lower grades, as in real schools. */
function gradeSizes(total: number): number[] {
  const weights = [1.15, 1.12, 1.1, 1.08, 1.05, 1.02, 1, 0.97, 0.92, 0.55, 0.5];
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(1, Math.round((total * w) / sum)));
}

/**
 * Staff (director, school admin, deputy, teachers), pupils with their grades,
 * and one or two guardians per pupil, for every school. People only: accounts,
 * grants, classes and courses come from the later parts.
 */
export async function generatePeople(ctx: AppContext, rnd: Random, region: DemoRegion, yearStart: string): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const startYear = Number(yearStart.slice(0, 4));
  for (const school of allSchools(region)) {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await generateSchoolPeople(ctx.db, trx as never, rnd.fork(`school-${school.id}`), school, now, startYear, yearStart);
    });
  }
}

async function generateSchoolPeople(
  db: Db,
  trx: AppContext['db']['kysely'],
  rnd: Random,
  school: DemoSchool,
  now: string,
  startYear: number,
  yearStart: string,
): Promise<void> {
  const grades = gradeSizes(school.size);
  const primaryClasses = grades.slice(0, 4).reduce((n, g) => n + Math.ceil(g / 28), 0);
  const seniorPupils = grades.slice(4).reduce((a, b) => a + b, 0);
  const subjectTeachers = Math.max(subjectNames.length / 2, Math.round(seniorPupils / 14));

  // Staff
  const staffPlan: Array<Omit<DemoStaff, 'personId'> & { female: boolean }> = [
    { role: 'director', specialisation: [], female: rnd.chance(0.7) },
    { role: 'school_admin', specialisation: ['Информатика'], female: rnd.chance(0.6) },
    { role: 'deputy', specialisation: ['Математика'], female: rnd.chance(0.85) },
  ];
  for (let i = 0; i < primaryClasses; i++) staffPlan.push({ role: 'teacher', specialisation: 'primary', female: rnd.chance(0.95) });
  for (let i = 0; i < subjectTeachers; i++) {
    const first = subjectNames[i % subjectNames.length]!;
    const second = subjectNames[(i * 7 + 3) % subjectNames.length]!;
    staffPlan.push({ role: 'teacher', specialisation: first === second ? [first] : [first, second], female: rnd.chance(0.8) });
  }
  const staffIds = await insertRows(
    db,
    trx,
    'persons',
    staffPlan.map((s) => person(rnd, now, s.female, startYear - rnd.int(24, 62))),
    true,
  );
  await insertRows(
    db,
    trx,
    'staff',
    staffIds.map((personId, i) => ({
      school_id: school.id,
      person_id: personId,
      position: staffPlan[i]!.role === 'teacher' ? 'учитель' : staffPlan[i]!.role === 'director' ? 'директор' : staffPlan[i]!.role === 'deputy' ? 'заместитель директора' : 'учитель информатики',
      started_on: `${startYear - rnd.int(0, 20)}-08-25`,
      ended_on: null,
    })),
  );
  school.staff = staffIds.map((personId, i) => ({ personId, role: staffPlan[i]!.role, specialisation: staffPlan[i]!.specialisation }));

  // Pupils and their guardians
  const pupils: Array<{ row: PersonRow; grade: number; stem: string; female: boolean }> = [];
  grades.forEach((count, index) => {
    const grade = index + 1;
    for (let i = 0; i < count; i++) {
      const stem = rnd.pick(surnamesMale);
      const female = rnd.chance(0.5);
      pupils.push({ row: person(rnd, now, female, startYear - 6 - grade, stem), grade, stem, female });
    }
  });
  const pupilIds = await insertRows(db, trx, 'persons', pupils.map((p) => p.row), true);
  await insertRows(
    db,
    trx,
    'enrolments',
    pupilIds.map((personId, i) => ({
      school_id: school.id,
      person_id: personId,
      started_on: pupils[i]!.grade === 1 ? yearStart : `${startYear - pupils[i]!.grade + 1}-09-01`,
      ended_on: null,
      end_reason: null,
    })),
  );

  // About 1.55 guardians per pupil (200 000 for 130 000 pupils in the reference region).
  const guardianRows: PersonRow[] = [];
  const guardianOf: Array<{ pupil: number; relation: 'mother' | 'father' | 'other' }> = [];
  pupils.forEach((p, i) => {
    const relations: Array<'mother' | 'father' | 'other'> = rnd.chance(0.04) ? ['other'] : rnd.chance(0.57) ? ['mother', 'father'] : ['mother'];
    for (const relation of relations) {
      const female = relation !== 'father' && (relation === 'mother' || rnd.chance(0.8));
      const row = person(rnd, now, female, startYear - 6 - p.grade - rnd.int(20, 40), relation === 'other' ? undefined : p.stem);
      row.email = `parent${school.id}-${i}-${relation}@example.org`;
      guardianRows.push(row);
      guardianOf.push({ pupil: i, relation });
    }
  });
  const guardianIds = await insertRows(db, trx, 'persons', guardianRows, true);
  await insertRows(
    db,
    trx,
    'guardianships',
    guardianIds.map((guardianId, i) => ({
      school_id: school.id,
      guardian_person_id: guardianId,
      student_person_id: pupilIds[guardianOf[i]!.pupil]!,
      relation: guardianOf[i]!.relation,
      created_at: now,
    })),
  );
  school.students = pupilIds.map((personId, i) => ({
    personId,
    grade: pupils[i]!.grade,
    guardianIds: guardianIds.filter((_, g) => guardianOf[g]!.pupil === i),
  }));
}
