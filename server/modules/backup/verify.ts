/**
 * Verification of a backup file, apart from the live database: the file's
 * header and checksum first (truncated, altered, foreign and newer-schema
 * files are refused before anything is opened), then the copy is opened on its
 * own (a temporary SQLite file, or a scratch PostgreSQL database) and every
 * registered verifier runs on it.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/dialect.js';
import { migrationList } from '../../db/migrations/index.js';
import { appliedMigrationNames } from './backup.queries.js';
import { extractPayload, hashFile, removeQuietly } from './files.js';
import { BackupFormatError, readHeader, type BackupManifest } from './manifest.js';
import { dropDatabase, openPg, restoreIntoNewDatabase, scratchName } from './pg-engine.js';
import { looksLikeSqlite, openSqliteFile } from './sqlite-engine.js';
import type { BackupVerifier } from './verifiers.js';

export interface VerifyReport {
  file: string;
  ok: boolean;
  manifest: BackupManifest | null;
  checks: Array<{ name: string; problems: string[] }>;
}

/** An opened copy plus how to let go of it; `keep` hands the restored file or database over instead of deleting it. */
export interface OpenedCopy {
  db: Db;
  manifest: BackupManifest;
  /** SQLite: the temporary file; PostgreSQL: the scratch database's URL. */
  location: string;
  dispose(options?: { keep?: boolean }): Promise<void>;
}

/** Checks the file without opening the database inside; throws BackupFormatError with a clear message. */
export async function checkFile(ctx: AppContext, file: string): Promise<{ manifest: BackupManifest; payloadOffset: number }> {
  let header;
  try {
    header = await readHeader(file);
  } catch (error) {
    if (error instanceof BackupFormatError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupFormatError(`no such file: ${file}`);
    throw new BackupFormatError(`the backup manifest cannot be read (${(error as Error).message})`);
  }
  const { manifest, payloadOffset, fileBytes } = header;
  const actual = fileBytes - payloadOffset;
  if (actual < manifest.payloadBytes) throw new BackupFormatError(`the backup is truncated: ${actual} of ${manifest.payloadBytes} bytes present`);
  if (actual > manifest.payloadBytes) throw new BackupFormatError(`the backup has ${actual - manifest.payloadBytes} unexpected bytes appended`);
  const { sha256 } = await hashFile(file, payloadOffset);
  if (sha256 !== manifest.payloadSha256) throw new BackupFormatError('the backup has been altered or damaged: its SHA-256 does not match the manifest');
  const known = Object.keys(migrationList(ctx.db.dialect));
  if (manifest.schemaVersion !== null && !known.includes(manifest.schemaVersion)) {
    throw new BackupFormatError(
      `the backup is of a newer schema (${manifest.schemaVersion}) than this installation knows (${known.at(-1)}): upgrade Otmetka before restoring it`,
    );
  }
  if (manifest.engine !== ctx.db.dialect) {
    throw new BackupFormatError(`the backup is of a ${manifest.engine} database; this installation runs on ${ctx.db.dialect}`);
  }
  return { manifest, payloadOffset };
}

/** Checks the file, then opens the copy apart from the live database. */
export async function openCopy(ctx: AppContext, file: string, workDir = tmpdir()): Promise<OpenedCopy> {
  const { manifest, payloadOffset } = await checkFile(ctx, file);
  const stamp = randomBytes(6).toString('hex');
  if (manifest.engine === 'sqlite') {
    const target = join(workDir, `otmetka-copy-${stamp}.sqlite`);
    const cleanup = () => removeQuietly(target, `${target}-wal`, `${target}-shm`, `${target}-journal`);
    try {
      await extractPayload(file, payloadOffset, target, true);
    } catch (error) {
      await cleanup();
      throw new BackupFormatError(`the backup's contents cannot be decompressed (${(error as Error).message})`);
    }
    if (!(await looksLikeSqlite(target))) {
      await cleanup();
      throw new BackupFormatError('the backup does not hold an SQLite database');
    }
    const db = openSqliteFile(target);
    return {
      db,
      manifest,
      location: target,
      async dispose(options) {
        await db.close();
        if (!options?.keep) await cleanup();
      },
    };
  }
  if (ctx.config.database.kind !== 'postgres') throw new BackupFormatError('a PostgreSQL backup needs a PostgreSQL installation');
  const liveUrl = ctx.config.database.url;
  const archive = join(workDir, `otmetka-copy-${stamp}.dump`);
  await extractPayload(file, payloadOffset, archive, false);
  const name = scratchName(liveUrl, 'verify', stamp);
  let url: string;
  try {
    url = await restoreIntoNewDatabase(liveUrl, archive, name);
  } catch (error) {
    throw new BackupFormatError(`pg_restore could not restore the backup (${(error as Error).message})`);
  } finally {
    await removeQuietly(archive);
  }
  const db = openPg(url);
  return {
    db,
    manifest,
    location: url,
    async dispose(options) {
      await db.close();
      if (!options?.keep) await dropDatabase(liveUrl, name);
    },
  };
}

/** The migrations the copy says it has, which must all be known here (a second guard beside the manifest). */
async function unknownMigrations(db: Db, known: string[]): Promise<string[]> {
  return (await appliedMigrationNames(db)).filter((n) => !known.includes(n));
}

/** Runs every check; never throws for a bad file (the report says what is wrong). */
export async function verifyBackupFile(ctx: AppContext, file: string, verifiers: readonly BackupVerifier[], workDir?: string): Promise<VerifyReport> {
  let copy: OpenedCopy;
  try {
    copy = await openCopy(ctx, file, workDir);
  } catch (error) {
    if (!(error instanceof BackupFormatError)) throw error;
    return { file, ok: false, manifest: null, checks: [{ name: 'file', problems: [error.message] }] };
  }
  return runVerifiers(ctx, file, copy, verifiers, { keep: false });
}

export async function runVerifiers(
  ctx: AppContext,
  file: string,
  copy: OpenedCopy,
  verifiers: readonly BackupVerifier[],
  options: { keep: boolean },
): Promise<VerifyReport> {
  const checks: VerifyReport['checks'] = [{ name: 'file', problems: [] }];
  let ok = true;
  try {
    const unknown = await unknownMigrations(copy.db, Object.keys(migrationList(ctx.db.dialect)));
    if (unknown.length) checks[0]!.problems.push(`the copy has migrations this installation does not know: ${unknown.join(', ')}`);
    for (const verifier of verifiers) {
      let problems: string[];
      try {
        problems = await verifier.verify({ db: copy.db, manifest: copy.manifest });
      } catch (error) {
        problems = [`the check failed to run: ${(error as Error).message}`];
      }
      checks.push({ name: verifier.name, problems });
    }
    ok = checks.every((c) => c.problems.length === 0);
  } finally {
    await copy.dispose({ keep: options.keep && ok });
  }
  return { file, ok, manifest: copy.manifest, checks };
}
