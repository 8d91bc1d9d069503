import type { Generated } from 'kysely';

/** A kind of work (ответ на уроке, контрольная…) with its weight in the average; per school. */
export interface WorkTypeTable {
  id: Generated<number>;
  school_id: number;
  code: string;
  name: string;
  weight: number;
  sort: number;
}

/** One mark; a cell (lesson × pupil) may hold several. Deleted marks stay with `deleted = 1`. */
export interface MarkTable {
  id: Generated<number>;
  school_id: number;
  lesson_id: number;
  student_person_id: number;
  /** Canonical text: '5', '4-', '4/3', 'н/а', 'зач', 'незач'. */
  value: string;
  numeric: number | null;
  weight: number;
  work_type_id: number | null;
  comment: string;
  entered_by: number;
  entered_at: string;
  updated_at: string;
  version: number;
  deleted: number;
}

export interface AttendanceTable {
  id: Generated<number>;
  school_id: number;
  lesson_id: number;
  student_person_id: number;
  code: 'absent' | 'ill' | 'excused' | 'late';
  entered_by: number;
  entered_at: string;
  updated_at: string;
  version: number;
}

export interface TermMarkTable {
  id: Generated<number>;
  school_id: number;
  course_id: number;
  term_id: number;
  student_person_id: number;
  value: string;
  entered_by: number;
  entered_at: string;
  updated_at: string;
  version: number;
}

export interface YearMarkTable {
  id: Generated<number>;
  school_id: number;
  course_id: number;
  academic_year_id: number;
  student_person_id: number;
  value: string;
  entered_by: number;
  entered_at: string;
  updated_at: string;
  version: number;
}

/** A term locked by the deputy for one course, one class or the whole school. */
export interface TermLockTable {
  id: Generated<number>;
  school_id: number;
  term_id: number;
  scope: 'course' | 'class' | 'school';
  class_id: number | null;
  course_id: number | null;
  locked_by: number;
  locked_at: string;
}

/** A change made after a lock: flagged to the deputy until acknowledged. */
export interface CorrectionTable {
  id: Generated<number>;
  school_id: number;
  term_id: number;
  course_id: number;
  audit_seq: number;
  entity: string;
  entity_key: string;
  student_person_id: number | null;
  lesson_id: number | null;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  made_by: number;
  made_at: string;
  acknowledged_by: number | null;
  acknowledged_at: string | null;
}

export interface HomeworkFileTable {
  id: Generated<number>;
  school_id: number;
  lesson_id: number;
  name: string;
  mime: string;
  size: number;
  /** A random file name under DATA_DIR/homework/<school>/; never derived from user input. */
  storage_name: string;
  uploaded_by: number;
  uploaded_at: string;
  deleted: number;
}

/** The append-only audit log: one hash chain per school (see journal/audit.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  school_id: number;
  seq: number;
  at: string;
  actor_person_id: number;
  entity: string;
  entity_key: string;
  /** create, update, delete, or batch (one record for a bulk load). */
  action: string;
  old_json: string | null;
  new_json: string | null;
  reason: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  school_id: number;
  seq: number;
  hash: string;
}

export interface JournalRevisionTable {
  course_id: number;
  term_id: number;
  school_id: number;
  rev: number;
}

export interface JournalTables {
  journal_revisions: JournalRevisionTable;
  work_types: WorkTypeTable;
  marks: MarkTable;
  attendance: AttendanceTable;
  term_marks: TermMarkTable;
  year_marks: YearMarkTable;
  term_locks: TermLockTable;
  corrections: CorrectionTable;
  homework_files: HomeworkFileTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
}
