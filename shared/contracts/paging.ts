import { Type, type TSchema } from 'typebox';

/**
 * Paging of lists that grow with a school (courses, pupils and guardians, accounts not
 * activated): the client asks for a page, the server answers that page's items and the
 * total. A page past the last one is an empty page with the true total (the list may
 * have shrunk since the client counted), not an error; values outside the bounds are 400.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const pageBounds = { minimum: 1, maximum: 100_000, description: 'page number, from 1' };
const pageSizeBounds = { minimum: 1, maximum: MAX_PAGE_SIZE, description: `rows per page, at most ${MAX_PAGE_SIZE}` };

export const pageFields = {
  page: Type.Optional(Type.Integer({ ...pageBounds, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ ...pageSizeBounds, default: DEFAULT_PAGE_SIZE })),
};

/** The same fields without defaults, for a list that must tell "no page asked for" from page 1 (the people list's older limit/offset). */
export const pageFieldsNoDefaults = {
  page: Type.Optional(Type.Integer(pageBounds)),
  pageSize: Type.Optional(Type.Integer(pageSizeBounds)),
};

/** A search box's text: up to 100 characters, split into words that must all match. */
export const SearchText = Type.String({ maxLength: 100 });

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(item) });
}

export interface PageOf<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** limit/offset of a page request (the defaults applied when the query string leaves them out). */
export function pageWindow(input: { page?: number; pageSize?: number }): { page: number; pageSize: number; limit: number; offset: number } {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/** The words of a search box (at most five, so a pasted paragraph cannot build a huge query). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
}
