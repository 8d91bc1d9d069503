/**
 * Students (with up to two guardians) and staff: every row checked against the
 * file and the school's stored people, and matched to the person it updates
 * (external id first, else full name and birth date), so that a second import
 * of the same file updates instead of duplicating.
 */
import type { ImportProblemCode } from '../../../shared/imports.js';
import { fullNameKey, isEmail, parseClassName, parseDate, parseRelation, parseRoles, personKey, type ParsedRow } from './rows.js';
import type { KnownPerson, Snapshot } from './snapshot.js';

export interface PersonFields {
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string | null;
  externalId: string | null;
  phone: string | null;
  email: string | null;
}

export interface GuardianPlan {
  /** Shared by rows naming the same guardian (siblings). */
  fileKey: string;
  personId: number | null;
  fields: PersonFields;
  relation: 'mother' | 'father' | 'other';
}

export interface StudentPlan {
  row: number;
  personId: number | null;
  fields: PersonFields;
  classId: number;
  guardians: GuardianPlan[];
}

export interface StaffPlan {
  row: number;
  personId: number | null;
  fields: PersonFields;
  position: string;
  roles: Array<'director' | 'school_admin' | 'deputy' | 'teacher'>;
}

type Report = (row: number, key: string, code: ImportProblemCode, value?: string) => void;

/** Stored people indexed by external id and by full name + birth date. */
class PersonIndex {
  private byExternal = new Map<string, KnownPerson>();
  private byKey = new Map<string, KnownPerson[]>();
  constructor(people: KnownPerson[]) {
    for (const p of people) {
      if (p.externalId) this.byExternal.set(p.externalId, p);
      const key = personKey(p);
      const list = this.byKey.get(key);
      if (list) {
        if (!list.some((x) => x.personId === p.personId)) list.push(p);
      } else this.byKey.set(key, [p]);
    }
  }
  /** The stored person this row describes; 'duplicate' when the match is not unambiguous. */
  match(fields: PersonFields): KnownPerson | null | 'duplicate' {
    if (fields.externalId) {
      const hit = this.byExternal.get(fields.externalId);
      if (hit) return hit;
    }
    const same = this.byKey.get(personKey(fields)) ?? [];
    if (same.length > 1) return 'duplicate';
    const only = same[0];
    if (!only) return null;
    // The same name and birth date stored under another external id is another record of the same person: refuse rather than guess.
    if (fields.externalId && only.externalId && only.externalId !== fields.externalId) return 'duplicate';
    return only;
  }
}

function personFields(row: ParsedRow, report: Report, birthRequired: boolean): PersonFields {
  const c = row.cells;
  for (const key of ['surname', 'name'] as const) if (!c[key]) report(row.row, key, 'required');
  let birthDate: string | null = null;
  if (c.birthDate) {
    const parsed = parseDate(c.birthDate);
    if (parsed === 'bad') report(row.row, 'birthDate', 'bad_date', c.birthDate);
    else if (parsed === 'impossible') report(row.row, 'birthDate', 'impossible_date', c.birthDate);
    else birthDate = parsed;
  } else if (birthRequired) report(row.row, 'birthDate', 'required');
  if (c.email && !isEmail(c.email)) report(row.row, 'email', 'bad_email', c.email);
  return {
    surname: c.surname ?? '',
    name: c.name ?? '',
    patronymic: c.patronymic ?? '',
    birthDate,
    externalId: c.externalId || null,
    phone: c.phone || null,
    email: c.email || null,
  };
}

/** Marks the second and later rows of one person within the file. */
function fileDuplicates(report: Report) {
  const seenExternal = new Map<string, number>();
  const seenKey = new Map<string, number>();
  return (row: number, f: PersonFields): boolean => {
    if (f.externalId) {
      if (seenExternal.has(f.externalId)) {
        report(row, 'externalId', 'duplicate_in_file', `${f.externalId} (${seenExternal.get(f.externalId)})`);
        return true;
      }
      seenExternal.set(f.externalId, row);
    }
    const key = personKey(f);
    if (seenKey.has(key)) {
      report(row, 'surname', 'duplicate_in_file', `${f.surname} ${f.name} ${f.patronymic}`.trim() + ` (${seenKey.get(key)})`);
      return true;
    }
    seenKey.set(key, row);
    return false;
  };
}

export function planStudents(rows: ParsedRow[], snap: Snapshot, report: Report): StudentPlan[] {
  const index = new PersonIndex(snap.students);
  const seen = fileDuplicates(report);
  const guardianIndex = new Map<string, (typeof snap.guardians)[number]>();
  for (const g of snap.guardians) {
    const name = fullNameKey(g);
    if (digits(g.phone)) guardianIndex.set(`${name}|${digits(g.phone)}`, g);
    if (g.email) guardianIndex.set(`${name}|${g.email.toLowerCase()}`, g);
    for (const s of g.studentIds) guardianIndex.set(`${name}|student:${s}`, g);
  }
  const plans: StudentPlan[] = [];
  for (const row of rows) {
    const fields = personFields(row, report, true);
    let ok = fields.surname !== '' && fields.name !== '' && fields.birthDate !== null;
    const cls = row.cells.class ? parseClassName(row.cells.class) : null;
    if (!row.cells.class) (report(row.row, 'class', 'required'), (ok = false));
    else if (!cls) (report(row.row, 'class', 'bad_class_name', row.cells.class), (ok = false));
    else if (!snap.classes.has(cls.name)) (report(row.row, 'class', 'unknown_class', row.cells.class), (ok = false));
    if (ok && seen(row.row, fields)) ok = false;
    const match = ok ? index.match(fields) : null;
    if (match === 'duplicate') {
      report(row.row, fields.externalId ? 'externalId' : 'surname', 'duplicate_in_db', `${fields.surname} ${fields.name} ${fields.patronymic}`.trim());
      ok = false;
    }
    const studentId = match && match !== 'duplicate' ? match.personId : null;
    const guardians: GuardianPlan[] = [];
    for (const n of [1, 2] as const) {
      const c = (k: string) => row.cells[`g${n}${k}`] ?? '';
      if (!c('Surname') && !c('Name') && !c('Patronymic') && !c('Phone') && !c('Email')) continue;
      if (!c('Surname') || !c('Name')) {
        report(row.row, c('Surname') ? `g${n}Name` : `g${n}Surname`, 'guardian_incomplete');
        ok = false;
        continue;
      }
      const relation = parseRelation(c('Relation'));
      if (!relation) (report(row.row, `g${n}Relation`, 'bad_relation', c('Relation')), (ok = false));
      if (c('Email') && !isEmail(c('Email'))) (report(row.row, `g${n}Email`, 'bad_email', c('Email')), (ok = false));
      const gf: PersonFields = {
        surname: c('Surname'),
        name: c('Name'),
        patronymic: c('Patronymic'),
        birthDate: null,
        externalId: null,
        phone: c('Phone') || null,
        email: c('Email') || null,
      };
      const name = fullNameKey(gf);
      const contact = digits(gf.phone) ? digits(gf.phone) : gf.email ? gf.email.toLowerCase() : `row:${row.row}`;
      const stored =
        (studentId != null ? guardianIndex.get(`${name}|student:${studentId}`) : undefined) ??
        (digits(gf.phone) ? guardianIndex.get(`${name}|${digits(gf.phone)}`) : undefined) ??
        (gf.email ? guardianIndex.get(`${name}|${gf.email.toLowerCase()}`) : undefined);
      guardians.push({ fileKey: stored ? `p:${stored.personId}` : `${name}|${contact}`, personId: stored?.personId ?? null, fields: gf, relation: relation ?? 'other' });
    }
    if (ok) plans.push({ row: row.row, personId: studentId, fields, classId: snap.classes.get(cls!.name)!.id, guardians });
  }
  return plans;
}

export function planStaff(rows: ParsedRow[], snap: Snapshot, report: Report): StaffPlan[] {
  const index = new PersonIndex(snap.staff);
  const seen = fileDuplicates(report);
  const plans: StaffPlan[] = [];
  for (const row of rows) {
    const fields = personFields(row, report, false);
    let ok = fields.surname !== '' && fields.name !== '' && !(row.cells.birthDate && fields.birthDate === null);
    if (fields.email && !isEmail(fields.email)) ok = false;
    const { roles, unknown } = parseRoles(row.cells.roles ?? '');
    if (!row.cells.roles) (report(row.row, 'roles', 'required'), (ok = false));
    else if (unknown.length > 0) (report(row.row, 'roles', 'unknown_role', unknown.join(', ')), (ok = false));
    if (ok && seen(row.row, fields)) ok = false;
    const match = ok ? index.match(fields) : null;
    if (match === 'duplicate') {
      report(row.row, fields.externalId ? 'externalId' : 'surname', 'duplicate_in_db', `${fields.surname} ${fields.name} ${fields.patronymic}`.trim());
      ok = false;
    }
    if (ok) plans.push({ row: row.row, personId: match && match !== 'duplicate' ? match.personId : null, fields, position: row.cells.position ?? '', roles });
  }
  return plans;
}

function digits(phone: string | null): string {
  return (phone ?? '').replace(/\D/g, '').replace(/^8(?=\d{10}$)/, '7');
}
