import type { Generated } from 'kysely';

/** A remark (замечание) of the deputy to a teacher about a course; closed by the teacher, never deleted. */
export interface RemarkTable {
  id: Generated<number>;
  school_id: number;
  course_id: number;
  teacher_person_id: number;
  author_person_id: number;
  text: string;
  created_at: string;
  done_at: string | null;
  done_by: number | null;
}

/** A background report job: the year-end archive of a whole school, one class at a time. */
export interface ReportJobTable {
  id: Generated<number>;
  school_id: number;
  kind: 'school_archive';
  academic_year_id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Classes to do and done, for the progress bar. */
  total: number;
  done: number;
  error: string | null;
  requested_by: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Written while running, so a job of a crashed worker can be taken over. */
  heartbeat_at: string | null;
}

/** A finished archive PDF (one class's journal and summary mark sheet). */
export interface ReportArchiveTable {
  id: Generated<number>;
  school_id: number;
  job_id: number | null;
  class_id: number;
  academic_year_id: number;
  title: string;
  /** A generated file name under DATA_DIR/archives/<school>/; never derived from user input. */
  storage_name: string;
  size: number;
  sha256: string;
  created_by: number;
  created_at: string;
}

export interface ControlTables {
  remarks: RemarkTable;
  report_jobs: ReportJobTable;
  report_archives: ReportArchiveTable;
}
