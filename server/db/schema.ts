/**
 * The database as Kysely sees it: hand-written table types, one file per
 * domain under tables/, merged here. A new migration adds its tables to one
 * of those files (or a new one listed below).
 */
import type { ControlTables } from './tables/control.js';
import type { FoundationTables } from './tables/foundation.js';
import type { JournalTables } from './tables/journal.js';
import type { PeopleTables } from './tables/people.js';
import type { StructureTables } from './tables/structure.js';

export interface Database extends FoundationTables, PeopleTables, StructureTables, JournalTables, ControlTables {}
