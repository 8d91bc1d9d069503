/**
 * The database as Kysely sees it: hand-written table types, one file per
 * domain under tables/, merged here. A new migration adds its tables to one
 * of those files (or a new one listed below, one per line).
 */
import type { AccountExtraColumns, ConsentTables } from './tables/consents.js';
import type { DiaryTables } from './tables/diary.js';
import type { ControlTables } from './tables/control.js';
import type { FoundationTables } from './tables/foundation.js';
import type { JournalTables } from './tables/journal.js';
import type { MonitoringTables } from './tables/monitoring.js';
import type { AccountTable, PeopleTables } from './tables/people.js';
import type { StructureTables } from './tables/structure.js';

export interface Database
  extends FoundationTables,
    Omit<PeopleTables, 'accounts'>,
    StructureTables,
    ConsentTables,
    JournalTables,
    MonitoringTables,
    DiaryTables,
    ControlTables {
  /** accounts as created by 0002, with the columns 0004 added. */
  accounts: AccountTable & AccountExtraColumns;
}
