import { errorStatus, type ErrorCode } from '../shared/errors.js';

/**
 * The one error type services throw. The code is stable (the web client
 * translates it); the status comes from the shared map, never from the thrower.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      detail?: string;
      /** JSON pointer of the offending input, e.g. `/body/login`. */
      field?: string;
      errors?: Array<{ field: string; message: string }>;
      /** Extra members for the problem document (e.g. `current` on a 409). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(options.detail ?? code);
    this.status = errorStatus[code];
  }
}

/** A 404 for anything out of the actor's scope, so nothing leaks by its existence. */
export function notFound(field?: string): AppError {
  return new AppError('not_found', { field });
}
