/** What an import needs to know about the school, loaded once and looked up in memory (imports.queries.ts fills it). */
export interface KnownPerson {
  personId: number;
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string | null;
  externalId: string | null;
  phone: string | null;
  email: string | null;
}

export interface Snapshot {
  schoolId: number;
  /** The school's current local date. */
  today: string;
  year: { id: number; startsOn: string; endsOn: string } | null;
  classes: Map<string, { id: number; grade: number; letter: string; shift: number; classTeacherPersonId: number | null }>;
  /** `${classId}|${lower-case name}` → group id */
  groups: Map<string, number>;
  /** lower-case name → subject id */
  subjects: Map<string, number>;
  /** `${classId}|${groupId ?? 0}|${subjectId}` → course */
  courses: Map<string, { id: number; hoursPerWeek: number; teacherIds: number[] }>;
  students: KnownPerson[];
  staff: KnownPerson[];
  guardians: Array<KnownPerson & { studentIds: number[] }>;
}

export const courseKey = (classId: number, groupId: number | null, subjectId: number) => `${classId}|${groupId ?? 0}|${subjectId}`;
