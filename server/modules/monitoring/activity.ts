/**
 * Inputs that other modules feed into monitoring: the journal's marks (a
 * maintained daily counter) and the consents module's coverage (a provider).
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { isLocalDate } from '../../../shared/dates.js';
import * as q from './monitoring.queries.js';

export interface JournalActivity {
  schoolId: number;
  /** The local date the marks were entered on (the school's "today"), not the lesson's date. */
  date: string;
  marksEntered: number;
  /** Of those, entered late (design.md, "Timeliness"). */
  marksLate: number;
}

/**
 * Called by the journal INSIDE its write transaction (pass the transaction as
 * `trx`), so the counter and the marks commit or roll back together. Negative
 * numbers undo (a mark deleted on the same day).
 */
export async function recordJournalActivity(db: Db, trx: Kysely<Database>, input: JournalActivity): Promise<void> {
  if (!isLocalDate(input.date)) throw new AppError('validation_failed', { field: '/date', detail: 'a local date YYYY-MM-DD' });
  if (input.marksEntered === 0 && input.marksLate === 0) return;
  await q.addDailyActivity(db, trx, [input.schoolId, input.date, input.marksEntered, input.marksLate]);
}

/**
 * How many students of each school have a guardian's consent on record at an
 * instant. The consents module registers its implementation at start-up
 * (`registerConsentCoverage(consents.consentCoverage)`); until then nothing is counted.
 */
export type ConsentCoverage = (db: Kysely<Database>, input: { schoolIds: number[]; at: string; date: string }) => Promise<Map<number, number>>;

const noConsents: ConsentCoverage = async () => new Map();
let provider: ConsentCoverage = noConsents;

export function registerConsentCoverage(coverage: ConsentCoverage | null): void {
  provider = coverage ?? noConsents;
}

export function consentsOnRecord(db: Kysely<Database>, input: { schoolIds: number[]; at: string; date: string }): Promise<Map<number, number>> {
  return input.schoolIds.length === 0 ? Promise.resolve(new Map()) : provider(db, input);
}
