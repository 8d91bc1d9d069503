/**
 * SQLite backups through the database's own online backup API: pages are
 * copied in small steps between which the event loop serves requests, and
 * writes made meanwhile through the same connection are carried into the copy.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { open } from 'node:fs/promises';
import type { AppContext } from '../../context.js';
import { registerSqliteFunctions, type Db } from '../../db/dialect.js';
import { schemaVersion } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import { Worker } from 'node:worker_threads';
import { fileSize, gzipFile, removeQuietly } from './files.js';
import type { BackupManifest } from './manifest.js';

export type Progress = (phase: 'copying' | 'compressing' | 'verifying', fraction: number) => void;

/** Pages per step: small enough that one step never holds the event loop for long (4 KiB pages → 1 MiB). */
const PAGES_PER_STEP = 256;

export async function sqliteSnapshot(
  ctx: AppContext,
  work: string,
  payload: string,
  base: Pick<BackupManifest, 'createdAt' | 'reason'>,
  progress: Progress,
): Promise<BackupManifest> {
  const handle = ctx.db.sqlite;
  if (!handle) throw new Error('not an SQLite database');
  let copying = true;
  const flushing = flushWhile(work, () => copying);
  try {
    await handle.backup(work, {
      progress({ totalPages, remainingPages }) {
        progress('copying', totalPages ? 1 - remainingPages / totalPages : 1);
        return PAGES_PER_STEP;
      },
    });
  } finally {
    copying = false;
    await flushing;
  }
  try {
    // Counts come from the copy itself, so they match the payload exactly however busy the live database is;
    // a worker thread counts them, so the live service's event loop never waits on it.
    const rowCounts = await countRowsInWorker(work);
    // Migrations only run at start, so the live version is the copy's.
    const version = await schemaVersion(ctx.db);
    progress('compressing', 0);
    const databaseBytes = await fileSize(work);
    const { bytes, sha256 } = await gzipFile(work, payload);
    return {
      program: 'otmetka',
      format: 1,
      engine: 'sqlite',
      ...base,
      schemaVersion: version,
      compression: 'gzip',
      payloadBytes: bytes,
      payloadSha256: sha256,
      databaseBytes,
      rowCounts,
    };
  } finally {
    await removeQuietly(work, `${work}-wal`, `${work}-shm`, `${work}-journal`);
  }
}

/** Opens an SQLite file that is not the live database (a copy under verification or a restored file). */
export function openSqliteFile(file: string): Db {
  const handle = new SQLite(file, { fileMustExist: true });
  handle.pragma('foreign_keys = ON');
  registerSqliteFunctions(handle);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return { kysely, dialect: 'sqlite', sqlite: handle, close: () => kysely.destroy() };
}

/** True when the file starts with SQLite's header (a gzip of something else is "another program's file"). */
export async function looksLikeSqlite(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    await handle.close();
  }
}

function countRowsInWorker(file: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./copy-worker.mjs', import.meta.url), { workerData: { file } });
    worker.once('message', (m: { rowCounts: Record<string, number> }) => resolve(m.rowCounts));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`row counting stopped with ${code}`)));
  });
}

/**
 * The copy's last step commits it with one fsync of the whole file, on the
 * main thread: measured at 700+ ms for a 400 MB database, a pause for every
 * request. Syncing the growing file every 50 ms from the thread pool leaves
 * that last fsync almost nothing to write, and keeps each flush small (at
 * 200 ms a flush held 20 MB, and the live commits' fsync waited behind it).
 */
async function flushWhile(file: string, active: () => boolean): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    while (active()) {
      await new Promise((r) => setTimeout(r, 50));
      if (!handle) handle = await open(file, 'r+').catch(() => null);
      if (handle) await handle.sync().catch(() => undefined);
    }
  } finally {
    await handle?.close();
  }
}
