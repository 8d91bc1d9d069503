/**
 * Stable error codes, shared by the server (which answers them as problem+json)
 * and the web client (which translates them). One map from code to HTTP status.
 * Add a code here, its status beside it, and its text in web/i18n/errors.ts.
 */
export const errorStatus = {
  // generic
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  // authentication and access
  unauthenticated: 401,
  forbidden: 403,
  csrf_missing: 403,
  invalid_credentials: 401,
  // structure
  municipality_not_found: 404,
  school_not_found: 404,
  region_not_found: 404,
  duplicate_name: 409,
  // accounts, people, grants, consents
  activation_code_invalid: 400,
  activation_code_expired: 400,
  activation_code_used: 409,
  login_invalid: 400,
  login_taken: 409,
  password_too_weak: 400,
  wrong_password: 400,
  account_blocked: 403,
  consent_required: 409,
  sign_in_throttled: 429,
  activation_throttled: 429,
  person_not_found: 404,
  class_not_found: 404,
  grant_not_found: 404,
  grant_out_of_scope: 404,
  role_not_grantable: 403,
  already_granted: 409,
  already_enrolled: 409,
  not_enrolled: 409,
  not_a_guardian: 400,
  consent_not_found: 404,
  consent_already_withdrawn: 409,
  scan_type_refused: 415,
  scan_too_large: 413,
  // school set-up
  date_range_invalid: 422,
  calendar_outside_year: 422,
  calendar_overlap: 422,
  calendar_gap: 422,
  calendar_grades_invalid: 422,
  calendar_in_use: 409,
  not_school_staff: 422,
  membership_date_invalid: 422,
  reference_invalid: 422,
  bells_invalid: 422,
  timetable_clash: 409,
  lesson_clash: 409,
  lesson_has_entries: 409,
  not_a_school_day: 422,
  // imports and letters
  import_file_empty: 400,
  import_unsupported_file: 415,
  import_has_problems: 422,
  // journal
  version_conflict: 409,
  mark_not_allowed: 422,
  student_not_in_course: 422,
  lesson_outside_term: 422,
  lesson_in_future: 422,
  lesson_cancelled: 409,
  reason_required: 422,
  term_already_locked: 409,
  file_type_refused: 415,
  file_too_large: 413,
  // backup
  backup_in_progress: 409,
  backup_not_found: 404,
  // monitoring
  week_in_future: 400,
  snapshot_not_taken: 409,
  report_already_confirmed: 409,
  plan_deadline_order: 422,
  // diary
  week_outside_year: 422,
  week_not_finished: 422,
  // reports (issue 7)
  term_of_other_year: 422,
  date_range_backwards: 422,
  date_range_too_long: 422,
  archive_job_running: 409,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorStatus, value);
}

/** RFC 9457 problem details as Otmetka sends them. */
export interface ProblemFields {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  /** The offending input, as a JSON pointer such as `/body/name`, when one field is at fault. */
  field?: string;
  /** Every offending field, when several are. */
  errors?: Array<{ field: string; message: string }>;
  instance?: string;
}

/** Extra members a client may need, e.g. the current value on a 409. */
export type Problem = ProblemFields & Record<string, unknown>;
