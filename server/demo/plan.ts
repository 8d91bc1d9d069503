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
