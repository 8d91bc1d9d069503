import { useQuery } from '@tanstack/react-query';
import type { ClassList, ImportReport, ImportResult, ImportStreamLine } from '../../../shared/contracts/imports';
import type { SchoolView } from '../../../shared/contracts/structure';
import type { ImportKind } from '../../../shared/imports';
import { ApiError, api, get } from '../../api/client';

/** Keyed by the signed-in person, so an answer fetched before signing in (401) is never reused after. */
export function useMySchools(personId: number | undefined) {
  return useQuery({ queryKey: ['my-schools', personId], queryFn: () => get<SchoolView[]>('/api/schools'), enabled: personId !== undefined });
}

export function useLetterClasses(schoolId: number | null) {
  return useQuery({
    queryKey: ['letter-classes', schoolId],
    queryFn: () => get<ClassList>(`/api/schools/${schoolId}/letters/classes`),
    enabled: schoolId !== null,
  });
}

function form(file: File): FormData {
  const data = new FormData();
  data.append('file', file, file.name);
  return data;
}

export function checkImport(schoolId: number, kind: ImportKind, file: File) {
  return api<ImportReport>('POST', `/api/schools/${schoolId}/imports/${kind}/check`, form(file));
}

/**
 * The real run: the server streams NDJSON lines (progress, then done or
 * failed) while it writes in one transaction; a file with problems is a 422
 * problem+json before any line.
 */
export async function runImport(schoolId: number, kind: ImportKind, file: File, onProgress: (done: number, total: number) => void): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(`/api/schools/${schoolId}/imports/${kind}/run`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-otmetka-csrf': '1', accept: 'application/x-ndjson, application/problem+json' },
      body: form(file),
    });
  } catch {
    throw new ApiError(0, { type: 'about:blank', title: 'network', status: 0, code: 'service_unavailable' });
  }
  if (!response.ok || !response.body) {
    const text = await response.text();
    throw new ApiError(response.status, text ? JSON.parse(text) : { type: 'about:blank', title: response.statusText, status: response.status, code: 'internal_error' });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as ImportStreamLine;
      buffer = buffer.slice(newline + 1);
      if (line.type === 'progress') onProgress(line.done, line.total);
      else if (line.type === 'done') return line.result;
      else throw new ApiError(500, { type: 'about:blank', title: line.code, status: 500, code: line.code as never });
    }
    if (done) throw new ApiError(0, { type: 'about:blank', title: 'network', status: 0, code: 'service_unavailable' });
  }
}

/** Saves a response body as a file through a temporary link. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function filenameOf(response: Response, fallback: string) {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

async function download(method: 'GET' | 'POST', url: string, body: unknown, fallback: string) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'x-otmetka-csrf': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new ApiError(response.status, await response.json());
  save(await response.blob(), filenameOf(response, fallback));
  return response;
}

export const downloadExport = (schoolId: number, kind: ImportKind) => download('GET', `/api/schools/${schoolId}/exports/${kind}`, undefined, `${kind}.xlsx`);

export async function downloadLetters(schoolId: number, classId: number | null) {
  const response = await download('POST', `/api/schools/${schoolId}/letters`, classId === null ? {} : { classId }, 'letters.pdf');
  return Number(response.headers.get('x-letters-count') ?? '0');
}
