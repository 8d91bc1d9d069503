/**
 * Checks run against an opened backup copy (never the live database). Other
 * modules contribute theirs through the explicit list in server/backup-verifiers.ts;
 * the journal's audit-chain check plugs in there.
 */
import type { Db } from '../../db/dialect.js';
import type { BackupManifest } from './manifest.js';
import { countRows, listTables, sqliteForeignKeyViolations, sqliteIntegrityCheck } from './backup.queries.js';

/** A restored copy opened apart from the live database: a separate SQLite file or a scratch PostgreSQL database. */
export interface BackupCopy {
  db: Db;
  manifest: BackupManifest;
}

export interface BackupVerifier {
  /** Short stable name shown in reports, e.g. `integrity`, `row-counts`, `audit-chain`. */
  name: string;
  /** Returns the problems found (empty when the copy passes). Must only read. */
  verify(copy: BackupCopy): Promise<string[]>;
}

/** SQLite's own page-level check; on PostgreSQL a complete pg_restore already proved the archive readable. */
export const integrityVerifier: BackupVerifier = {
  name: 'integrity',
  async verify({ db }) {
    if (db.dialect !== 'sqlite') return [];
    const problems = (await sqliteIntegrityCheck(db)).filter((m) => m !== 'ok');
    const fk = await sqliteForeignKeyViolations(db);
    if (fk.length > 0) problems.push(`${fk.length} rows break a foreign key (first in table ${fk[0]!.table})`);
    return problems;
  },
};

/** The copy holds exactly the tables and rows the manifest recorded when the backup was made. */
export const rowCountVerifier: BackupVerifier = {
  name: 'row-counts',
  async verify({ db, manifest }) {
    const tables = await listTables(db);
    const counts = await countRows(db, tables);
    const problems: string[] = [];
    for (const [table, expected] of Object.entries(manifest.rowCounts)) {
      if (!(table in counts)) problems.push(`table ${table} is missing from the copy`);
      else if (counts[table] !== expected) problems.push(`table ${table} has ${counts[table]} rows, the manifest says ${expected}`);
    }
    for (const table of tables) if (!(table in manifest.rowCounts)) problems.push(`table ${table} is in the copy but not in the manifest`);
    return problems;
  },
};

export const builtInVerifiers: readonly BackupVerifier[] = [integrityVerifier, rowCountVerifier];
