/**
 * Every migration, in order. Migrations are frozen once landed on main: a
 * schema change is always a new entry at the end of this list.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import { m0001_foundation } from './0001_foundation.js';
import { m0002_people_accounts } from './0002_people_accounts.js';
import { m0003_school_structure } from './0003_school_structure.js';
import { m0004_accounts_consents } from './0004_accounts_consents.js';
import { m0006_journal } from './0006_journal.js';
import { m0008_monitoring } from './0008_monitoring.js';
import { m0009_diary } from './0009_diary.js';
import { m0010_control_reports } from './0010_control_reports.js';
import { m0011_term_notices } from './0011_term_notices.js';
import { m0012_access_epoch } from './0012_access_epoch.js';
import { m0013_access_epoch_deferred } from './0013_access_epoch_deferred.js';

export interface Migration {
  up(db: Kysely<any>): Promise<void>;
}

export function migrationList(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_foundation': m0001_foundation(dialect),
    '0002_people_accounts': m0002_people_accounts(dialect),
    '0003_school_structure': m0003_school_structure(dialect),
    '0004_accounts_consents': m0004_accounts_consents(dialect),
    '0006_journal': m0006_journal(dialect),
    '0008_monitoring': m0008_monitoring(dialect),
    '0009_diary': m0009_diary(dialect),
    '0010_control_reports': m0010_control_reports(dialect),
    '0011_term_notices': m0011_term_notices(dialect),
    '0012_access_epoch': m0012_access_epoch(dialect),
    '0013_access_epoch_deferred': m0013_access_epoch_deferred(dialect),
  };
}
