import type { Generated } from 'kysely';

/**
 * A guardian's written consent to the processing of a student's personal data
 * (152-ФЗ). A withdrawal keeps the row (withdrawn_at) so the history stays;
 * consent is "on record" while a row without withdrawn_at exists.
 */
export interface ConsentTable {
  id: Generated<number>;
  school_id: number;
  student_person_id: number;
  guardian_person_id: number;
  given_on: string;
  document_number: string;
  /** Path of the scan relative to DATA_DIR, never served directly. */
  scan_file: string | null;
  scan_type: string | null;
  scan_size: number | null;
  recorded_by: number | null;
  recorded_at: string;
  withdrawn_on: string | null;
  withdrawn_by: number | null;
  withdrawn_at: string | null;
  withdrawal_note: string | null;
}

/** Columns 0004 adds to accounts (kept beside the table type in people.ts through the merge in schema.ts). */
export interface AccountExtraColumns {
  activation_code_used_at: string | null;
  blocked_reason: 'consent' | 'staff' | null;
}

/** 0012: one row (id 1), bumped by triggers on every table an actor's access is built from. */
export interface AccessEpochTable {
  id: number;
  value: number;
}

export interface ConsentTables {
  consents: ConsentTable;
  access_epoch: AccessEpochTable;
}
