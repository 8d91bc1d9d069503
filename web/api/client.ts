import type { Problem } from '../../shared/errors';

/** A failed API call, carrying the problem's stable code and the offending field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
  get code() {
    return this.problem.code;
  }
  get field() {
    return this.problem.field;
  }
}

/** The error code of a failed request, for `errors.<code>` texts; anything that is not a problem+json answer is internal. */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'internal_error';
}

/** Every request goes through here: JSON, the CSRF header, cookies, problem+json errors. */
export async function api<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      ...init,
      headers: {
        'x-otmetka-csrf': '1',
        accept: 'application/json',
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...(init.headers ?? {}),
      },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { type: 'about:blank', title: 'network', status: 0, code: 'service_unavailable' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(response.status, data ?? { type: 'about:blank', title: response.statusText, status: response.status, code: 'internal_error' });
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);
