/**
 * Municipal and regional officials see aggregates, never a pupil's data
 * (design.md, capability 8): any pupil's or guardian's full name in an answer
 * they get is a leak.
 */
import type { MatrixRole } from './authz-fixture.js';

export const officialRoles: MatrixRole[] = ['municipal_officer', 'region_coordinator'];

/** Names of the list found in a 2xx answer (JSON or text; binary files cannot be read here). */
export function nameLeaks(body: string, contentType: string, names: string[]): string[] {
  if (!/json|text|csv|html/.test(contentType)) return [];
  return names.filter((n) => body.includes(n));
}
