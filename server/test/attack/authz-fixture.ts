/**
 * The fixture region of the authorization matrix: the demo region (one region,
 * three municipalities with a school each, a year of lessons and marks) plus a
 * small second region, so that every role has real resources inside its scope
 * and real resources of the same kind outside it. Each role signs in as a
 * real demo person, so its relations (courses taught, class led, children)
 * are the ones the application builds from the database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import { generateDemoRegion } from '../../demo/generate.js';
import { seedRegionPlan } from '../../modules/monitoring/plan.js';
import { archiveDir } from '../../modules/reports/store.js';
import { systemActor } from '../../policy/actor.js';
import * as structure from '../../modules/structure/structure.service.js';
import { localDateOf } from '../../../shared/dates.js';
import type { Role } from '../../../shared/roles.js';
import { grantRole, makeAccount, makePerson, recordConsent, sessionCookie } from '../factories.js';
import { makeCourseFixture, makeLessons } from '../structure-factories.js';

/** Real ids of every kind of resource a route can name, all inside one place. */
export interface Place {
  region: number;
  municipality: number;
  school: number;
  year: number;
  term: number;
  class: number;
  /** A class of the same school and year without lessons: its year-end archive is quick to build. */
  emptyClass: number;
  group: number;
  subject: number;
  course: number;
  lesson: number;
  pupil: number;
  guardian: number;
  teacher: number;
  consent: number;
  grant: number;
  /** The holder of `grant`: a person the actor may appoint, so may reissue an activation code to. */
  appointee: number;
  session: number;
  /** A second session of the actor, to sign out with (so the actor's own session stays). */
  spareCookie: string;
  file: number;
  correction: number;
  remark: number;
  archive: number;
  milestone: number;
  /** A week with frozen monitoring snapshots (a Wednesday). */
  week: string;
}

export type Kind = Exclude<keyof Place, 'week' | 'spareCookie'>;

/** The matrix's roles: every role of the policy, and nobody signed in. */
export type MatrixRole = Role | 'anonymous';

export interface MatrixActor {
  role: MatrixRole;
  cookie: string;
  personId: number;
  /** Every role the person holds (a class teacher also teaches); the route-level check uses them all. */
  roles: Role[];
  inScope: Place;
  /** null: the role covers the whole installation, nothing is out of its scope. */
  outOfScope: Place | null;
  /**
   * The same school, one step outside the role's finer scope: for pupils and
   * guardians a classmate (with their guardian and consent); for teachers and
   * class teachers a course they do not teach in a class they do not lead.
   */
  peer: Place | null;
}

export interface Fixture {
  actors: MatrixActor[];
  /** "Фамилия Имя" of every pupil and guardian: officials must never see them. */
  pupilNames: Set<string>;
}

type Db = AppContext['db']['kysely'];

const at = (ctx: AppContext) => ctx.clock.now().toISOString();
let emptyClasses = 0;

async function one<T>(promise: Promise<T | undefined>, what: string): Promise<T> {
  const row = await promise;
  if (row === undefined) throw new Error(`authz fixture: no ${what}`);
  return row;
}

/**
 * Fills a place around one course: its class, term, a lesson before today, a
 * pupil of the class with a guardian and a consent, and a row of every other
 * kind (file, correction, remark, archive, spare grant and session) made here
 * so that each route has something real to name.
 */
async function placeAround(ctx: AppContext, anchor: { courseId: number; pupilId?: number; guardianId?: number; grantRole: Role; grantHolder?: number; classTeacher?: number }): Promise<Place> {
  const db: Db = ctx.db.kysely;
  const course = await one(db.selectFrom('courses').selectAll().where('id', '=', anchor.courseId).executeTakeFirst(), 'course');
  const school = await one(db.selectFrom('schools').selectAll().where('id', '=', course.school_id).executeTakeFirst(), 'school');
  const municipality = await one(db.selectFrom('municipalities').selectAll().where('id', '=', school.municipality_id).executeTakeFirst(), 'municipality');
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const term = await one(
    db.selectFrom('terms').selectAll().where('school_id', '=', school.id).where('starts_on', '<=', today).where('ends_on', '>=', today).orderBy('id').executeTakeFirst(),
    'current term',
  );
  const lesson = await one(
    db.selectFrom('lessons').select(['id', 'teacher_person_id']).where('course_id', '=', course.id).where('term_id', '=', term.id).where('date', '<', today).orderBy('date', 'desc').executeTakeFirst(),
    'lesson',
  );
  const teacher = await one(db.selectFrom('course_teachers').select('teacher_person_id').where('course_id', '=', course.id).executeTakeFirst(), 'teacher');
  const members = await db.selectFrom('class_members').select('student_person_id').where('class_id', '=', course.class_id).where('to_date', 'is', null).orderBy('student_person_id').execute();
  const guarded = await db
    .selectFrom('guardianships')
    .select(['student_person_id', 'guardian_person_id'])
    .where('student_person_id', 'in', members.map((m) => m.student_person_id))
    .orderBy('student_person_id')
    .execute();
  const pupil = anchor.pupilId ?? guarded[0]?.student_person_id ?? members[0]!.student_person_id;
  const guardian = anchor.guardianId ?? guarded.find((g) => g.student_person_id === pupil)?.guardian_person_id ?? (await makePerson(ctx));
  let consent = (await db.selectFrom('consents').select('id').where('student_person_id', '=', pupil).executeTakeFirst())?.id;
  if (!consent) {
    await recordConsent(ctx, school.id, pupil, guardian);
    consent = (await one(db.selectFrom('consents').select('id').where('student_person_id', '=', pupil).executeTakeFirst(), 'consent')).id;
  }
  // A scan on disk, so that reading it in scope can succeed.
  const scan = join('consents', String(school.id), `${consent}-authz.pdf`);
  mkdirSync(join(ctx.config.dataDir, 'consents', String(school.id)), { recursive: true });
  writeFileSync(join(ctx.config.dataDir, scan), '%PDF-1.4 authz matrix\n');
  await db.updateTable('consents').set({ scan_file: scan, scan_type: 'application/pdf', scan_size: 22 }).where('id', '=', consent).execute();

  let group = (await db.selectFrom('class_groups').select('id').where('class_id', '=', course.class_id).executeTakeFirst())?.id;
  group ??= (await db.insertInto('class_groups').values({ school_id: school.id, class_id: course.class_id, name: 'authz' }).returning('id').executeTakeFirstOrThrow()).id;

  const emptyClass = await db
    .insertInto('classes')
    .values({ school_id: school.id, academic_year_id: course.academic_year_id, grade: 11, letter: `Z${++emptyClasses}`, name: `11Z${emptyClasses}`, shift: 1, class_teacher_person_id: anchor.classTeacher ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (anchor.classTeacher) await grantRole(ctx, anchor.classTeacher, 'class_teacher', { schoolId: school.id, classId: emptyClass.id });
  const storage = `authz-${lesson.id}`;
  mkdirSync(join(ctx.config.dataDir, 'homework', String(school.id)), { recursive: true });
  writeFileSync(join(ctx.config.dataDir, 'homework', String(school.id), storage), 'homework');
  const file = await db
    .insertInto('homework_files')
    .values({ school_id: school.id, lesson_id: lesson.id, name: 'task.txt', mime: 'text/plain', size: 8, storage_name: storage, uploaded_by: teacher.teacher_person_id, uploaded_at: at(ctx), deleted: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const correction = await db
    .insertInto('corrections')
    .values({
      school_id: school.id, term_id: term.id, course_id: course.id, audit_seq: 0, entity: 'mark', entity_key: `authz-${lesson.id}`, student_person_id: pupil,
      lesson_id: lesson.id, old_value: '4', new_value: '5', reason: 'authz', made_by: teacher.teacher_person_id, made_at: at(ctx), acknowledged_by: null, acknowledged_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const remark = await db
    .insertInto('remarks')
    .values({ school_id: school.id, course_id: course.id, teacher_person_id: teacher.teacher_person_id, author_person_id: teacher.teacher_person_id, text: 'authz', created_at: at(ctx), done_at: null, done_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const archiveName = `${String(course.class_id).padStart(8, '0')}-0000-4000-8000-000000000000.pdf`;
  mkdirSync(archiveDir(ctx, school.id), { recursive: true });
  writeFileSync(join(archiveDir(ctx, school.id), archiveName), '%PDF-1.4 authz\n');
  const archive = await db
    .insertInto('report_archives')
    .values({ school_id: school.id, job_id: null, class_id: course.class_id, academic_year_id: course.academic_year_id, title: 'authz', storage_name: archiveName, size: 15, sha256: '0'.repeat(64), created_by: teacher.teacher_person_id, created_at: at(ctx) })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A grant the actor of this place may withdraw (each place gets its own, so withdrawals do not collide).
  const holder = anchor.grantHolder ?? (await makePerson(ctx));
  await makeAccount(ctx, holder, { password: null });
  const scope = anchor.grantRole === 'municipal_officer' ? { regionId: municipality.region_id, municipalityId: municipality.id } : { regionId: municipality.region_id, municipalityId: municipality.id, schoolId: school.id };
  const grant = await grantRole(ctx, holder, anchor.grantRole, scope);
  const milestone = await one(db.selectFrom('rollout_milestones').select('id').where('region_id', '=', municipality.region_id).orderBy('id').executeTakeFirst(), 'milestone');
  const week = (await db.selectFrom('weekly_snapshots').select('week_of').where('school_id', '=', school.id).orderBy('week_of', 'desc').executeTakeFirst())?.week_of ?? today;
  return {
    region: municipality.region_id,
    municipality: municipality.id,
    school: school.id,
    year: course.academic_year_id,
    term: term.id,
    class: course.class_id,
    emptyClass: emptyClass.id,
    group,
    subject: course.subject_id,
    course: course.id,
    lesson: lesson.id,
    pupil,
    guardian,
    teacher: teacher.teacher_person_id,
    consent,
    grant,
    appointee: holder,
    session: 0,
    spareCookie: '',
    file: file.id,
    correction: correction.id,
    remark: remark.id,
    archive: archive.id,
    milestone: milestone.id,
    week,
  };
}

/** A session of the person that the matrix may end (DELETE /api/auth/sessions/{id}) without signing the actor out. */
async function spareSession(ctx: AppContext, personId: number): Promise<{ id: number; cookie: string }> {
  const account = await one(ctx.db.kysely.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirst(), `account of ${personId}`);
  const cookie = await sessionCookie(ctx, account.id);
  const id = (await one(ctx.db.kysely.selectFrom('sessions').select('id').where('account_id', '=', account.id).orderBy('id', 'desc').executeTakeFirst(), 'session')).id;
  return { id, cookie };
}

async function accountCookie(ctx: AppContext, personId: number): Promise<string> {
  const db: Db = ctx.db.kysely;
  const account = await one(db.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirst(), `account of ${personId}`);
  // Demo accounts of pupils may still be pending; the matrix signs in as them all the same.
  await db.updateTable('accounts').set({ status: 'active' }).where('id', '=', account.id).execute();
  return sessionCookie(ctx, account.id);
}

async function rolesOf(ctx: AppContext, personId: number): Promise<Role[]> {
  const rows = await ctx.db.kysely.selectFrom('grants').select('role').where('person_id', '=', personId).where('revoked_at', 'is', null).execute();
  return [...new Set(rows.map((r) => r.role as Role))];
}

/** The place about a classmate of the place's pupil who is no relation of `personId`, with a guardian and a consent. */
async function classmate(ctx: AppContext, place: Place, personId: number): Promise<Place> {
  const db: Db = ctx.db.kysely;
  const row = await one(
    db
      .selectFrom('class_members')
      .innerJoin('consents', 'consents.student_person_id', 'class_members.student_person_id')
      .select(['class_members.student_person_id as pupil', 'consents.guardian_person_id as guardian', 'consents.id as consent'])
      .where('class_members.class_id', '=', place.class)
      .where('class_members.student_person_id', 'not in', [place.pupil, personId])
      .where('consents.guardian_person_id', '!=', personId)
      .orderBy('class_members.student_person_id')
      .executeTakeFirst(),
    'classmate with a consent',
  );
  return { ...place, pupil: row.pupil, guardian: row.guardian, consent: row.consent };
}

/** The place around a course of the same school that the person neither teaches (nor substitutes in) nor leads the class of. */
async function colleagueCourse(ctx: AppContext, place: Place, personId: number, grant: Role): Promise<Place> {
  const db: Db = ctx.db.kysely;
  const course = await one(
    db
      .selectFrom('courses')
      .select('id')
      .where('school_id', '=', place.school)
      .where('id', 'not in', db.selectFrom('course_teachers').select('course_id').where('teacher_person_id', '=', personId))
      .where('id', 'not in', db.selectFrom('lessons').select('course_id').where('teacher_person_id', '=', personId))
      .where('class_id', 'not in', db.selectFrom('grants').select('class_id').where('person_id', '=', personId).where('class_id', 'is not', null).$narrowType<{ class_id: number }>())
      .where('class_id', 'not in', db.selectFrom('classes').select('id').where('class_teacher_person_id', '=', personId))
      .orderBy('id')
      .executeTakeFirst(),
    'a colleague’s course',
  );
  const other = await placeAround(ctx, { courseId: course.id, grantRole: grant });
  // The actor's own appointments, sessions and archive class stay as they are: only the course's side moves.
  return { ...other, grant: place.grant, appointee: place.appointee, session: place.session, spareCookie: place.spareCookie, emptyClass: place.emptyClass };
}

/** The second region: one municipality and one school with a year, a class, a course and lessons. */
async function secondRegion(ctx: AppContext): Promise<number> {
  const region = await structure.createRegion(ctx, systemActor, { name: 'Соседний край', code: 'N2' });
  const municipality = await structure.createMunicipality(ctx, systemActor, region.id, { name: 'Соседний район' });
  const school = await structure.createSchool(ctx, systemActor, municipality.id, { name: 'Соседняя школа' });
  const f = await makeCourseFixture(ctx, school.id, { students: 3, grade: 6 });
  await makeLessons(ctx, { schoolId: school.id, courseId: f.courseId, termId: f.termIds[0]!, teacherPersonId: f.teacherPersonId, dates: ['2026-10-05', '2026-10-06'] });
  const guardian = await makePerson(ctx, { surname: 'Соседова', name: 'Мария' });
  await ctx.db.kysely.insertInto('guardianships').values({ school_id: school.id, guardian_person_id: guardian, student_person_id: f.studentIds[0]!, relation: 'mother', created_at: at(ctx) }).execute();
  await seedRegionPlan(ctx, region.id);
  return f.courseId;
}

/** A course of the class, preferring one the given person teaches. */
async function courseOf(db: Db, where: { classId?: number; teacherId?: number; schoolId?: number }): Promise<number> {
  let q = db.selectFrom('courses').innerJoin('course_teachers', 'course_teachers.course_id', 'courses.id').select('courses.id').orderBy('courses.id');
  if (where.classId) q = q.where('courses.class_id', '=', where.classId);
  if (where.teacherId) q = q.where('course_teachers.teacher_person_id', '=', where.teacherId);
  if (where.schoolId) q = q.where('courses.school_id', '=', where.schoolId);
  return (await one(q.executeTakeFirst(), `course ${JSON.stringify(where)}`)).id;
}

export async function buildFixture(ctx: AppContext): Promise<Fixture> {
  const db: Db = ctx.db.kysely;
  const region = await generateDemoRegion(ctx, { scale: 0.001, seed: 75, yearStart: '2026-09-01' });
  const logins = region.logins!;
  const home = region.municipalities[0]!.schools[0]!.id;
  const neighbour = region.municipalities[1]!.schools[0]!.id;
  const farCourse = await secondRegion(ctx);

  const studentClass = (await one(db.selectFrom('class_members').select('class_id').where('student_person_id', '=', logins.student!).executeTakeFirst(), 'student class')).class_id;
  const ledClass = (await one(db.selectFrom('classes').select('id').where('class_teacher_person_id', '=', logins['class-teacher']!).executeTakeFirst(), 'led class')).id;
  const homeCourse = await courseOf(db, { classId: studentClass });
  const neighbourCourse = await courseOf(db, { schoolId: neighbour });

  // Who each role may appoint (so that withdrawing the place's grant is in their power).
  const appointee: Partial<Record<Role, Role>> = { admin: 'teacher', region_coordinator: 'municipal_officer', municipal_officer: 'school_admin', director: 'deputy', school_admin: 'teacher' };
  const plan: Array<{ role: MatrixRole; personId: number | null; course: number; pupil?: number; guardian?: number; out: 'neighbour' | 'far' | null }> = [
    { role: 'admin', personId: logins.admin!, course: homeCourse, out: null },
    { role: 'region_coordinator', personId: logins.coordinator!, course: homeCourse, out: 'far' },
    { role: 'municipal_officer', personId: logins.mouo!, course: homeCourse, out: 'neighbour' },
    { role: 'director', personId: logins.director!, course: homeCourse, out: 'neighbour' },
    { role: 'school_admin', personId: logins['school-admin']!, course: homeCourse, out: 'neighbour' },
    { role: 'deputy', personId: logins.deputy!, course: homeCourse, out: 'neighbour' },
    { role: 'teacher', personId: logins.teacher!, course: await courseOf(db, { teacherId: logins.teacher!, schoolId: home }), out: 'neighbour' },
    { role: 'class_teacher', personId: logins['class-teacher']!, course: await courseOf(db, { classId: ledClass }), out: 'neighbour' },
    { role: 'student', personId: logins.student!, course: homeCourse, pupil: logins.student!, out: 'neighbour' },
    { role: 'guardian', personId: logins.parent!, course: homeCourse, pupil: logins.student!, guardian: logins.parent!, out: 'neighbour' },
    { role: 'anonymous', personId: null, course: homeCourse, out: 'neighbour' },
  ];
  const actors: MatrixActor[] = [];
  for (const p of plan) {
    const grant = appointee[p.role as Role] ?? 'teacher';
    const classTeacher = p.role === 'class_teacher' ? (p.personId ?? undefined) : undefined;
    const inScope = await placeAround(ctx, { courseId: p.course, pupilId: p.pupil, guardianId: p.guardian, grantRole: grant, classTeacher });
    const outScope = p.out === null ? null : await placeAround(ctx, { courseId: p.out === 'far' ? farCourse : neighbourCourse, grantRole: grant });
    if (p.personId === null) {
      actors.push({ role: p.role, cookie: '', personId: 0, roles: [], inScope, outOfScope: outScope, peer: null });
      continue;
    }
    const cookie = await accountCookie(ctx, p.personId);
    inScope.session = (await spareSession(ctx, p.personId)).id;
    inScope.spareCookie = (await spareSession(ctx, p.personId)).cookie;
    // Someone else's session: ending it is out of anyone's power.
    if (outScope) outScope.session = (await spareSession(ctx, logins.director === p.personId ? logins.deputy! : logins.director!)).id;
    const peer = p.pupil
      ? await classmate(ctx, inScope, p.personId)
      : p.role === 'teacher' || p.role === 'class_teacher'
        ? await colleagueCourse(ctx, inScope, p.personId, grant)
        : null;
    actors.push({ role: p.role, cookie, personId: p.personId, roles: await rolesOf(ctx, p.personId), inScope, outOfScope: outScope, peer });
  }

  // Pupils and guardians; a name a member of staff or an official also bears is left out (staff names are not secret).
  const full = (rows: Array<{ surname: string; name: string }>) => new Set(rows.map((r) => `${r.surname} ${r.name}`));
  const pupilsAndGuardians = full(
    await db
      .selectFrom('persons')
      .select(['surname', 'name'])
      .where((eb) => eb.or([eb('id', 'in', eb.selectFrom('enrolments').select('person_id')), eb('id', 'in', eb.selectFrom('guardianships').select('guardian_person_id'))]))
      .execute(),
  );
  const staff = full(
    await db
      .selectFrom('persons')
      .select(['surname', 'name'])
      .where((eb) => eb.or([eb('id', 'in', eb.selectFrom('staff').select('person_id')), eb('id', 'in', eb.selectFrom('grants').select('person_id').where('role', 'not in', ['student', 'guardian']))]))
      .execute(),
  );
  const pupilNames = new Set([...pupilsAndGuardians].filter((n) => !staff.has(n)));
  return { actors, pupilNames };
}
