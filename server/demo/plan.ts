/** What the demo generator made so far; each part of the generator reads it and adds its own. */
export type DemoStaffRole = 'director' | 'school_admin' | 'deputy' | 'teacher';

export interface DemoStaff {
  personId: number;
  role: DemoStaffRole;
  /** Teachers: 'primary' teaches one class of grades 1–4; otherwise the subjects (names of `subjectNames`) taught. */
  specialisation: 'primary' | string[];
}

export interface DemoStudent {
  personId: number;
  grade: number;
  guardianIds: number[];
}

export interface DemoGroup {
  id: number;
  name: string;
  studentIds: number[];
}

/** A class of the demo year (school-setup part); later parts (accounts, journal) read it. */
export interface DemoClass {
  id: number;
  grade: number;
  letter: string;
  /** e.g. 5А */
  name: string;
  shift: number;
  studentIds: number[];
  classTeacherId: number;
  /** Two halves of the class, used by the English and Informatics courses of grades 5–11. */
  groups: DemoGroup[];
}

export interface DemoCourse {
  id: number;
  classId: number;
  groupId: number | null;
  subjectId: number;
  subject: string;
  teacherIds: number[];
  hoursPerWeek: number;
}

export interface DemoTerm {
  id: number;
  kind: 'quarter' | 'trimester' | 'half';
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface DemoSchool {
  id: number;
  name: string;
  shortName: string;
  municipalityId: number;
  urban: boolean;
  /** Planned number of pupils (grades 1–11). */
  size: number;
  staff: DemoStaff[];
  students: DemoStudent[];
  /** Filled by the school-setup part. */
  academicYearId?: number;
  terms?: DemoTerm[];
  classes?: DemoClass[];
  courses?: DemoCourse[];
}

export interface DemoRegion {
  id: number;
  name: string;
  municipalities: Array<{ id: number; name: string; schools: DemoSchool[] }>;
  /** The demo logins (README) → person id, filled by the accounts part; e.g. the classes part makes `class-teacher` a class teacher. */
  logins?: Record<string, number>;
}

export interface DemoOptions {
  scale: number;
  seed: number;
  /** The first day of the demo's academic year (1 September). */
  yearStart: string;
  log?: (message: string) => void;
}

export function allSchools(region: DemoRegion): DemoSchool[] {
  return region.municipalities.flatMap((m) => m.schools);
}
