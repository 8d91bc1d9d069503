/** Streams and files for backups: hashing, gzip, payload extraction. No SQL here. */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { open, rename, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { encodeHeader, type BackupManifest } from './manifest.js';

/** Gzips `source` into `target`; returns the compressed size and SHA-256. Runs in the thread pool: the event loop stays free. */
export async function gzipFile(source: string, target: string): Promise<{ bytes: number; sha256: string }> {
  const tap = hashTap();
  await pipeline(createReadStream(source), paced(READ_BYTES_PER_SECOND), createGzip({ level: 6 }), tap.stream, syncedWriteStream(target));
  return tap.result();
}

const SYNC_EVERY_BYTES = 4 * 1024 * 1024;
/** The backup reads the copy at most this fast: the live database's commits share the disk. */
const READ_BYTES_PER_SECOND = 120 * 1024 * 1024;

/** Passes chunks on no faster than `bytesPerSecond`, sleeping (not spinning) when ahead. */
function paced(bytesPerSecond: number): Transform {
  const started = performance.now();
  let passed = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      passed += chunk.length;
      const ahead = (passed / bytesPerSecond) * 1000 - (performance.now() - started);
      if (ahead > 1) setTimeout(() => callback(null, chunk), ahead);
      else callback(null, chunk);
    },
  });
}

/**
 * A file writer that flushes what it wrote every few megabytes (fdatasync in
 * the thread pool). Left to the kernel, a backup's hundreds of megabytes of
 * dirty pages are written back in bursts, and the live database's own commit
 * fsync, on the same disk, waits behind them: a mark's acknowledgement then
 * stalled for over 100 ms. Small regular flushes keep that wait short.
 */
function syncedWriteStream(target: string, flags = 'w'): Writable {
  let handle: FileHandle | null = null;
  let unsynced = 0;
  return new Writable({
    async construct(callback) {
      try {
        handle = await open(target, flags);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async write(chunk: Buffer, _encoding, callback) {
      try {
        await handle!.write(chunk);
        unsynced += chunk.length;
        if (unsynced >= SYNC_EVERY_BYTES) {
          unsynced = 0;
          await handle!.datasync();
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async final(callback) {
      try {
        await handle!.datasync();
        await handle!.close();
        handle = null;
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async destroy(error, callback) {
      await handle?.close().catch(() => {});
      callback(error);
    },
  });
}

export async function hashFile(file: string, start = 0): Promise<{ bytes: number; sha256: string }> {
  const tap = hashTap();
  await pipeline(createReadStream(file, { start }), tap.stream, async function* (source) {
    for await (const _ of source) void _;
  });
  return tap.result();
}

/**
 * Writes header + payload as the final file, through a temporary name so a
 * half-written backup never looks finished, and flushed before the rename so
 * a finished one survives a power cut.
 */
export async function writeBackupFile(target: string, manifest: BackupManifest, payload: string): Promise<void> {
  const partial = `${target}.partial`;
  const header = encodeHeader(manifest);
  await pipeline(
    async function* () {
      yield header;
      yield* createReadStream(payload);
    },
    syncedWriteStream(partial, 'wx'),
  );
  await rename(partial, target);
}

/**
 * Copies the payload (from its offset) out of a backup file, gunzipping it
 * when it is gzip: for verification and restore, both of which may run beside
 * the live service, so the output is flushed in small steps and paced like
 * the backup itself (hundreds of megabytes left to the kernel's writeback
 * stalled the live database's commits for over 100 ms).
 */
export async function extractPayload(file: string, offset: number, target: string, gzip: boolean): Promise<void> {
  const source = createReadStream(file, { start: offset });
  if (gzip) await pipeline(source, createGunzip(), paced(READ_BYTES_PER_SECOND), syncedWriteStream(target));
  else await pipeline(source, paced(READ_BYTES_PER_SECOND), syncedWriteStream(target));
}

/** Files are shortened by this much at a time before they are removed. */
const REMOVE_STEP_BYTES = 16 * 1024 * 1024;

/**
 * Removes the files (missing ones are fine). A large file is first cut down
 * 16 MB at a time: unlinking a 500 MB copy at once (ext4 mounted with
 * `discard` trims every extent in one journal commit) held a concurrent fsync
 * of the live database for 88 ms, while the same file truncated in steps held
 * it for at most 8 ms.
 */
export async function removeQuietly(...files: string[]): Promise<void> {
  for (const file of files) {
    let size = (await stat(file).catch(() => null))?.size ?? 0;
    while (size > REMOVE_STEP_BYTES) {
      size -= REMOVE_STEP_BYTES;
      await truncate(file, size);
      await new Promise((r) => setTimeout(r, 5));
    }
    await rm(file, { force: true });
  }
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}

export function filesIn(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith(suffix)).map((n) => join(dir, n));
}

function hashTap() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}
