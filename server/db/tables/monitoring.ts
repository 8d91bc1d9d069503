import type { Generated } from 'kysely';

/**
 * The counts behind every monitoring figure, one set of columns shared by the
 * maintained per-school counters, the frozen weekly snapshots and their sums.
 */
export interface FigureColumns {
  staff_population: number;
  staff_activated: number;
  staff_active: number;
  students_population: number;
  students_activated: number;
  students_active: number;
  guardians_population: number;
  guardians_activated: number;
  guardians_active: number;
  lessons_past: number;
  lessons_with_topic: number;
  marks_entered: number;
  marks_late: number;
  consents: number;
}

/** Maintained per-school figures of the moment, refreshed in bulk; dashboards read these, never people or marks. */
export interface SchoolCounterTable extends FigureColumns {
  school_id: number;
  region_id: number;
  municipality_id: number;
  refreshed_at: string;
}

/** Sums of the school counters per municipality and for the region (unit_kind), replaced with them: the region dashboard reads ~36 rows. */
export interface UnitCounterTable extends FigureColumns {
  region_id: number;
  unit_kind: 'region' | 'municipality';
  unit_id: number;
  schools: number;
  refreshed_at: string;
}

/** Marks entered per school and local date, incremented by the journal inside its own write transaction. */
export interface SchoolDailyActivityTable {
  id: Generated<number>;
  school_id: number;
  date: string;
  marks_entered: number;
  marks_late: number;
}

/** The weekly report of a school as frozen on the snapshot day (`week_of`, a local date). */
export interface WeeklySnapshotTable extends FigureColumns {
  id: Generated<number>;
  school_id: number;
  region_id: number;
  municipality_id: number;
  week_of: string;
  taken_at: string;
}

/** Sums of a week's school snapshots per municipality and for the region (unit_kind), frozen with them. */
export interface WeeklyTotalTable extends FigureColumns {
  id: Generated<number>;
  region_id: number;
  unit_kind: 'region' | 'municipality';
  unit_id: number;
  week_of: string;
  schools: number;
}

/** One row per region and week taken: the job's idempotency key. */
export interface SnapshotRunTable {
  id: Generated<number>;
  region_id: number;
  week_of: string;
  due_at: string;
  taken_at: string;
  schools: number;
}

/** Confirmations of the report chain: a school's report by its admin, a municipality's summary by its officer. */
export interface SchoolReportConfirmationTable {
  id: Generated<number>;
  school_id: number;
  municipality_id: number;
  region_id: number;
  week_of: string;
  comment: string;
  confirmed_by: number;
  confirmed_at: string;
}

export interface MunicipalityReportConfirmationTable {
  id: Generated<number>;
  municipality_id: number;
  region_id: number;
  week_of: string;
  comment: string;
  confirmed_by: number;
  confirmed_at: string;
}

/** A milestone of a region's rollout plan (appendix 1 of the order); the plan is data. */
export interface RolloutMilestoneTable {
  id: Generated<number>;
  region_id: number;
  level: 'region' | 'municipality' | 'school';
  position: number;
  text: string;
  starts_on: string | null;
  deadline: string;
  responsible: string;
  /** The role that answers for it (region_coordinator, municipal_officer, director, school_admin). */
  responsible_role: string;
  kind: 'automatic' | 'manual';
  /** Automatic milestones: the measured figure ('activation') and its target share (0.3 = 30 %). */
  metric: string | null;
  target: number | null;
  /** Manual milestones: marked done on a date with a note. */
  done_on: string | null;
  done_note: string;
  done_by: number | null;
  created_at: string;
}

export interface MonitoringTables {
  school_counters: SchoolCounterTable;
  unit_counters: UnitCounterTable;
  school_daily_activity: SchoolDailyActivityTable;
  weekly_snapshots: WeeklySnapshotTable;
  weekly_totals: WeeklyTotalTable;
  snapshot_runs: SnapshotRunTable;
  school_report_confirmations: SchoolReportConfirmationTable;
  municipality_report_confirmations: MunicipalityReportConfirmationTable;
  rollout_milestones: RolloutMilestoneTable;
}
