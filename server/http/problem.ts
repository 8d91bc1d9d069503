import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type ErrorCode, type Problem, type ProblemFields } from '../../shared/errors.js';
import { AppError } from '../errors.js';
import { fieldOf } from './validation.js';

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'The request has invalid fields',
  malformed_json: 'The request body is not valid JSON',
  not_found: 'Not found',
  route_not_found: 'No such route',
  internal_error: 'Internal error',
};

function send(reply: FastifyReply, request: FastifyRequest, problem: Omit<ProblemFields, 'type' | 'title' | 'instance'> & { title?: string } & Record<string, unknown>) {
  const body: Problem = {
    type: `about:blank#${problem.code}`,
    title: problem.title ?? TITLES[problem.code] ?? problem.code.replace(/_/g, ' '),
    instance: request.url.split('?')[0],
    ...problem,
  };
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps anything thrown to RFC 9457 problem+json. Details of a 5xx never leave the server. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, 'application error');
    // A throttled answer tells clients when to come back in the standard header too (RFC 9110 §10.2.3).
    const retryAfter = error.options.extra?.retryAfter;
    if (typeof retryAfter === 'number' && retryAfter > 0) reply.header('retry-after', String(Math.ceil(retryAfter)));
    return send(reply, request, {
      code: error.code,
      status: error.status,
      ...(error.options.detail ? { detail: error.options.detail } : {}),
      ...(error.options.field ? { field: error.options.field } : {}),
      ...(error.options.errors ? { errors: error.options.errors } : {}),
      ...error.options.extra,
    });
  }
  const fe = error as FastifyError & { validationContext?: string };
  if (fe.validation) {
    const part = fe.validationContext ?? 'body';
    const errors = fe.validation.map((v) => ({
      field: fieldOf(part, v as never),
      message: v.message ?? 'invalid',
    }));
    return send(reply, request, {
      code: 'validation_failed',
      status: 400,
      field: errors[0]?.field,
      errors,
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    });
  }
  const known: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
    FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
    FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
    FST_FILES_LIMIT: 'payload_too_large',
    FST_PARTS_LIMIT: 'payload_too_large',
    FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  };
  const mapped = fe.code ? known[fe.code] : undefined;
  if (mapped || (error instanceof SyntaxError && fe.statusCode === 400)) {
    const code = mapped ?? 'malformed_json';
    // Every upload route takes its file in the multipart field "file": a file over the limit names it.
    const field = fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' ? '/body/file' : '/body';
    return send(reply, request, { code, status: errorStatus[code], field, detail: fe.message });
  }
  if (fe.statusCode === 429) {
    return send(reply, request, { code: 'rate_limited', status: 429, detail: fe.message });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(reply, request, { code: 'validation_failed', status: fe.statusCode, detail: fe.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, request, { code: 'internal_error', status: 500 });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, { code: 'route_not_found', status: 404, field: '/url', detail: `${request.method} ${request.url.split('?')[0]}` });
}
