import type { Generated } from 'kysely';

/** «Дневник просмотрен»: a guardian confirmed one week (its Monday) of one child's diary. */
export interface DiaryConfirmationTable {
  id: Generated<number>;
  school_id: number;
  student_person_id: number;
  guardian_person_id: number;
  week: string;
  confirmed_at: string;
}

/** What a viewer (pupil or guardian) has seen of a pupil's diary: marks entered up to this instant. */
export interface DiarySeenTable {
  id: Generated<number>;
  school_id: number;
  viewer_person_id: number;
  student_person_id: number;
  seen_up_to: string;
}

/** A guardian's choice of e-mail notices; no row means `none`. */
export interface NotificationSettingTable {
  id: Generated<number>;
  person_id: number;
  mode: 'instant' | 'daily' | 'weekly' | 'none';
  updated_at: string;
}

/**
 * The durable outbox: one row per e-mail. `dedupe_key` makes enqueueing
 * idempotent (a notice derived twice is stored once); the sender claims rows
 * with a lease, and the Message-ID is derived from the id.
 */
export interface OutboxTable {
  id: Generated<number>;
  school_id: number | null;
  person_id: number | null;
  kind: string;
  dedupe_key: string;
  to_address: string;
  subject: string;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Marks already turned into an instant notice for a guardian: the notice is derived once. */
export interface MarkNoticeTable {
  id: Generated<number>;
  school_id: number;
  mark_id: number;
  guardian_person_id: number;
  created_at: string;
}

/**
 * What a guardian was told of a term or year mark (instant notice or digest):
 * one row per version told. The mark's id goes NULL when the journal clears
 * the mark; the cell and the value stay, so the same value set again is not
 * news, and a change can say what it was before.
 */
export interface TermMarkNoticeTable {
  id: Generated<number>;
  school_id: number;
  kind: 'term' | 'year';
  term_mark_id: number | null;
  year_mark_id: number | null;
  version: number;
  course_id: number;
  /** Set for a term mark. */
  term_id: number | null;
  /** Set for a year mark. */
  academic_year_id: number | null;
  student_person_id: number;
  guardian_person_id: number;
  value: string;
  created_at: string;
}

/** Named watermarks of the notification jobs (e.g. marks entered up to this instant were scanned). */
export interface JobStateTable {
  name: string;
  value: string;
}

export interface DiaryTables {
  diary_confirmations: DiaryConfirmationTable;
  diary_seen: DiarySeenTable;
  notification_settings: NotificationSettingTable;
  outbox: OutboxTable;
  mark_notices: MarkNoticeTable;
  term_mark_notices: TermMarkNoticeTable;
  job_state: JobStateTable;
}
