/**
 * The backup file format: one self-describing file, so that a copy carried to
 * another disk or downloaded by the admin can be verified and restored alone.
 *
 *   line 1  "OTMETKA-BACKUP/1 <sha256 of line 2>"
 *   line 2  the manifest, one line of JSON
 *   rest    the payload: the SQLite database file gzipped, or a `pg_dump -Fc` archive
 *
 * The manifest carries the payload's size and SHA-256, so a truncated or
 * altered file is refused before anything is opened; line 1's checksum covers
 * the manifest itself.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export const MAGIC = 'OTMETKA-BACKUP/1';
export const BACKUP_EXTENSION = '.otmbak';

export interface BackupManifest {
  program: 'otmetka';
  format: 1;
  engine: 'sqlite' | 'postgres';
  /** ISO UTC instant the copy was taken. */
  createdAt: string;
  reason: 'scheduled' | 'manual';
  /** The newest migration applied in the copy (server/db/migrate.ts schemaVersion). */
  schemaVersion: string | null;
  /** gzip for SQLite; none for pg_dump's custom format, which compresses itself. */
  compression: 'gzip' | 'none';
  payloadBytes: number;
  payloadSha256: string;
  /** Size of the database itself (uncompressed SQLite file; 0 when unknown). */
  databaseBytes: number;
  /** Rows per table in the copy, every table included (Kysely's migration tables too). */
  rowCounts: Record<string, number>;
}

export class BackupFormatError extends Error {}

export function encodeHeader(manifest: BackupManifest): Buffer {
  const json = JSON.stringify(manifest);
  const sum = createHash('sha256').update(json).digest('hex');
  return Buffer.from(`${MAGIC} ${sum}\n${json}\n`, 'utf8');
}

/** Reads and checks the header; returns the manifest and where the payload starts. */
export async function readHeader(file: string): Promise<{ manifest: BackupManifest; payloadOffset: number; fileBytes: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 256 * 1024));
    await handle.read(head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) {
      throw new BackupFormatError('this is not an Otmetka backup (the file does not start with the Otmetka backup header)');
    }
    const first = head.indexOf(0x0a);
    const second = first < 0 ? -1 : head.indexOf(0x0a, first + 1);
    if (first < 0 || second < 0) throw new BackupFormatError('the backup header is cut short: the file is truncated');
    const declared = head.subarray(MAGIC.length + 1, first).toString('utf8');
    const json = head.subarray(first + 1, second).toString('utf8');
    if (createHash('sha256').update(json).digest('hex') !== declared) {
      throw new BackupFormatError('the backup manifest has been altered (its checksum does not match)');
    }
    const manifest = JSON.parse(json) as BackupManifest;
    if (manifest.program !== 'otmetka' || manifest.format !== 1) throw new BackupFormatError('this backup was written by another program or format version');
    return { manifest, payloadOffset: second + 1, fileBytes: size };
  } finally {
    await handle.close();
  }
}
