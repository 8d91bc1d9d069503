/**
 * The bulk SQL behind every figure: one grouped statement per role group for a
 * whole region (or one school), never a loop over people. Used by the counter
 * refresh and by the weekly snapshot; dashboards never run these.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { containsInsensitive, type DialectName } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface FigureScope {
  regionId?: number;
  schoolId?: number;
}

/** The instant and dates a computation is "as of": activation up to `at`, logins in (at − 7 d, at], lessons and marks of `from`…`to`. */
export interface FigureMoment {
  at: string;
  since: string;
  date: string;
  from: string;
  to: string;
}

export interface GroupRow {
  school_id: number;
  class_id?: number;
  population: number;
  activated: number;
  active: number;
}

function scopeWhere(scope: FigureScope): RawBuilder<unknown> {
  if (scope.schoolId !== undefined) return sql`sc.id = ${scope.schoolId}`;
  if (scope.regionId !== undefined) return sql`sc.region_id = ${scope.regionId}`;
  throw new Error('figure scope needs a region or a school');
}

/** Counts of a set of people (CTE `people(school_id, [class_id,] person_id)`) against their accounts. */
function countsOver(m: FigureMoment, byClass: boolean): RawBuilder<unknown> {
  const activated = sql`a.status = 'active' and a.activated_at is not null and a.activated_at <= ${m.at}`;
  return sql`
    select p.school_id as school_id${byClass ? sql`, p.class_id as class_id` : sql``},
      count(*) as population,
      sum(case when ${activated} then 1 else 0 end) as activated,
      sum(case when ${activated} and a.last_login_at > ${m.since} and a.last_login_at <= ${m.at} then 1 else 0 end) as active
    from people p
    left join accounts a on a.person_id = p.person_id
    group by p.school_id${byClass ? sql`, p.class_id` : sql``}`;
}

/** Enrolled students of grades 2–11 in a class on the date (design.md, "Activation"). */
function pupilsCte(scope: FigureScope, m: FigureMoment, byClass: boolean): RawBuilder<unknown> {
  return sql`pupils as (
    select distinct cm.school_id as school_id, ${byClass ? sql`cm.class_id` : sql`0`} as class_id, cm.student_person_id as person_id
    from class_members cm
    join classes c on c.id = cm.class_id
    join schools sc on sc.id = cm.school_id
    where ${scopeWhere(scope)}
      and c.grade between 2 and 11
      and cm.from_date <= ${m.date} and (cm.to_date is null or cm.to_date >= ${m.date})
      and exists (
        select 1 from enrolments e
        where e.person_id = cm.student_person_id and e.school_id = cm.school_id
          and e.started_on <= ${m.date} and (e.ended_on is null or e.ended_on >= ${m.date})
      )
  )`;
}

export async function staffCounts(db: Q, scope: FigureScope, m: FigureMoment): Promise<GroupRow[]> {
  const query = sql<GroupRow>`
    with people as (
      select distinct s.school_id as school_id, s.person_id as person_id
      from staff s
      join schools sc on sc.id = s.school_id
      where ${scopeWhere(scope)} and s.started_on <= ${m.date} and (s.ended_on is null or s.ended_on >= ${m.date})
    )
    ${countsOver(m, false)}`;
  return (await query.execute(db)).rows;
}

export async function studentCounts(db: Q, scope: FigureScope, m: FigureMoment, byClass = false): Promise<GroupRow[]> {
  const query = sql<GroupRow>`
    with ${pupilsCte(scope, m, byClass)},
    people as (select school_id, class_id, person_id from pupils)
    ${countsOver(m, byClass)}`;
  return (await query.execute(db)).rows;
}

/** Guardians of the counted students; a guardian of two pupils of one school (or class) counts once there. */
export async function guardianCounts(db: Q, scope: FigureScope, m: FigureMoment, byClass = false): Promise<GroupRow[]> {
  const query = sql<GroupRow>`
    with ${pupilsCte(scope, m, byClass)},
    people as (
      select distinct p.school_id as school_id, p.class_id as class_id, g.guardian_person_id as person_id
      from pupils p
      join guardianships g on g.student_person_id = p.person_id
    )
    ${countsOver(m, byClass)}`;
  return (await query.execute(db)).rows;
}

export interface LessonRow {
  school_id: number;
  past: number;
  with_topic: number;
}

/** Lessons given (not cancelled) on the window's dates, and how many carry a topic. */
export async function lessonCounts(db: Q, scope: FigureScope, m: FigureMoment): Promise<LessonRow[]> {
  const query = sql<LessonRow>`
    select l.school_id as school_id, count(*) as past, sum(case when l.topic <> '' then 1 else 0 end) as with_topic
    from lessons l
    join schools sc on sc.id = l.school_id
    where ${scopeWhere(scope)} and l.date >= ${m.from} and l.date <= ${m.to} and l.status = 'scheduled'
    group by l.school_id`;
  return (await query.execute(db)).rows;
}

export interface MarkRow {
  school_id: number;
  marks_entered: number;
  marks_late: number;
}

/** Marks from the maintained daily counter (the journal increments it); never a scan of marks. */
export async function markCounts(db: Q, scope: FigureScope, m: FigureMoment): Promise<MarkRow[]> {
  const query = sql<MarkRow>`
    select d.school_id as school_id, sum(d.marks_entered) as marks_entered, sum(d.marks_late) as marks_late
    from school_daily_activity d
    join schools sc on sc.id = d.school_id
    where ${scopeWhere(scope)} and d.date >= ${m.from} and d.date <= ${m.to}
    group by d.school_id`;
  return (await query.execute(db)).rows;
}

export function schoolsIn(db: Q, scope: FigureScope) {
  let query = db.selectFrom('schools').select(['id', 'region_id', 'municipality_id', 'name', 'short_name']);
  if (scope.schoolId !== undefined) query = query.where('id', '=', scope.schoolId);
  if (scope.regionId !== undefined) query = query.where('region_id', '=', scope.regionId);
  return query.orderBy('id').execute();
}

export interface NotActivatedFilter {
  classId?: number;
  kind?: 'student' | 'guardian';
  words: string[];
  limit: number;
  offset: number;
}

/**
 * Pupils and guardians of a school without an active account, for school staff to chase and
 * reprint letters: one page in class order (grade, class, pupils before guardians, surname,
 * name, id so pages never overlap), and the total under the same filter.
 */
export async function notActivated(db: Q, dialect: DialectName, schoolId: number, m: FigureMoment, filter: NotActivatedFilter) {
  const conditions: RawBuilder<unknown>[] = [sql`(a.id is null or a.status <> 'active' or a.activated_at is null or a.activated_at > ${m.at})`];
  if (filter.classId !== undefined) conditions.push(sql`pe.class_id = ${filter.classId}`);
  if (filter.kind !== undefined) conditions.push(sql`pe.kind = ${filter.kind}`);
  for (const word of filter.words) {
    conditions.push(sql`(${containsInsensitive(dialect, 'ps.surname', word)} or ${containsInsensitive(dialect, 'ps.name', word)} or ${containsInsensitive(dialect, 'ps.patronymic', word)})`);
  }
  const body = (columns: RawBuilder<unknown>, tail: RawBuilder<unknown>) => sql`
    with ${pupilsCte({ schoolId }, m, true)},
    people as (
      select p.person_id as person_id, 'student' as kind, p.class_id as class_id from pupils p
      union
      select g.guardian_person_id as person_id, 'guardian' as kind, p.class_id as class_id
      from pupils p join guardianships g on g.student_person_id = p.person_id
    )
    select ${columns}
    from people pe
    join persons ps on ps.id = pe.person_id
    join classes c on c.id = pe.class_id
    left join accounts a on a.person_id = pe.person_id
    where ${sql.join(conditions, sql` and `)}
    ${tail}`;
  const rows = body(
    sql`pe.person_id as person_id, pe.kind as kind, ps.surname as surname, ps.name as name, ps.patronymic as patronymic,
      pe.class_id as class_id, c.name as class_name, a.status as status`,
    sql`order by c.grade, c.name, pe.class_id, pe.kind desc, ps.surname, ps.name, pe.person_id limit ${filter.limit} offset ${filter.offset}`,
  ) as RawBuilder<{
    person_id: number;
    kind: 'student' | 'guardian';
    surname: string;
    name: string;
    patronymic: string;
    class_id: number;
    class_name: string;
    status: string | null;
  }>;
  const total = body(sql`count(*) as n`, sql``) as RawBuilder<{ n: number | string }>;
  const [page, count] = await Promise.all([rows.execute(db), total.execute(db)]);
  return { rows: page.rows, total: Number(count.rows[0]?.n ?? 0) };
}

export function classesOf(db: Q, schoolId: number, date: string) {
  return db
    .selectFrom('classes')
    .innerJoin('academic_years', 'academic_years.id', 'classes.academic_year_id')
    .select(['classes.id', 'classes.name', 'classes.grade'])
    .where('classes.school_id', '=', schoolId)
    .where('academic_years.starts_on', '<=', date)
    .where('academic_years.ends_on', '>=', date)
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .execute();
}
