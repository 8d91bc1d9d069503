/**
 * Municipal and regional officials see aggregates, never a pupil's data
 * (design.md, capability 8): any pupil's or guardian's full name in an answer
 * they get is a leak.
 */
import type { MatrixRole } from './authz-fixture.js';

export const officialRoles: MatrixRole[] = ['municipal_officer', 'region_coordinator'];

/**
 * Names of the set found in a 2xx answer (JSON or text; binary files such as
 * XLSX cannot be read here): as text ("Фамилия Имя …") and as JSON objects
 * carrying `surname` and `name` fields.
 */
export function nameLeaks(body: string, contentType: string, names: Set<string>): string[] {
  if (!/json|text|csv|html/.test(contentType)) return [];
  const found = new Set<string>();
  for (const n of names) if (body.includes(n)) found.add(n);
  if (/json/.test(contentType)) {
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.surname === 'string' && typeof o.name === 'string' && names.has(`${o.surname} ${o.name}`)) found.add(`${o.surname} ${o.name}`);
        Object.values(o).forEach(walk);
      }
    };
    try {
      walk(JSON.parse(body));
    } catch {
      // Not JSON after all (NDJSON lines): the text search above stands.
    }
  }
  return [...found];
}
