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
  // journal
  version_conflict: 409,
  mark_not_allowed: 422,
  student_not_in_course: 422,
  lesson_outside_term: 422,
  lesson_in_future: 422,
  reason_required: 422,
  term_already_locked: 409,
  file_type_refused: 415,
  file_too_large: 413,
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
