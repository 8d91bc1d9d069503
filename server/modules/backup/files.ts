/** Streams and files for backups: hashing, gzip, payload extraction. No SQL here. */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { encodeHeader, type BackupManifest } from './manifest.js';

/** Gzips `source` into `target`; returns the compressed size and SHA-256. Runs in the thread pool: the event loop stays free. */
export async function gzipFile(source: string, target: string): Promise<{ bytes: number; sha256: string }> {
  const tap = hashTap();
  await pipeline(createReadStream(source), createGzip({ level: 6 }), tap.stream, createWriteStream(target));
  return tap.result();
}

export async function hashFile(file: string, start = 0): Promise<{ bytes: number; sha256: string }> {
  const tap = hashTap();
  await pipeline(createReadStream(file, { start }), tap.stream, async function* (source) {
    for await (const _ of source) void _;
  });
  return tap.result();
}

/** Writes header + payload as the final file, through a temporary name so a half-written backup never looks finished. */
export async function writeBackupFile(target: string, manifest: BackupManifest, payload: string): Promise<void> {
  const partial = `${target}.partial`;
  const out = createWriteStream(partial, { flags: 'wx' });
  out.write(encodeHeader(manifest));
  await pipeline(createReadStream(payload), out);
  await rename(partial, target);
}

/** Copies the payload (from its offset) out of a backup file, gunzipping it when it is gzip. */
export async function extractPayload(file: string, offset: number, target: string, gzip: boolean): Promise<void> {
  const source = createReadStream(file, { start: offset });
  if (gzip) await pipeline(source, createGunzip(), createWriteStream(target));
  else await pipeline(source, createWriteStream(target));
}

export async function removeQuietly(...files: string[]): Promise<void> {
  for (const file of files) await rm(file, { force: true });
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
