/**
 * PostgreSQL backups through Debian's postgresql-client: `pg_dump -Fc` inside
 * an exported snapshot (so the row counts in the manifest describe exactly
 * what was dumped), and `pg_restore` into a new database.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { openDb, type Db } from '../../db/dialect.js';
import { pgModule } from '../../db/pg-module.js';
import type { BackupManifest } from './manifest.js';
import { hashFile } from './files.js';

/** The newest installed client (pg_dump must not be older than the server). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  }
  return name;
}

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => reject(new Error(`${tool} could not start (${e.message}); install postgresql-client`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * A client of its own, beside the pool. A connection lost mid-backup (the
 * server restarting, the database dropped) rejects the running query, which
 * fails the backup; without a listener the client's 'error' event would also
 * throw out of the event loop and stop the whole server.
 */
function ownClient(url: string): pg.Client {
  const client = new (pgModule().Client)({ connectionString: url });
  client.on('error', () => undefined);
  return client;
}

export async function pgSnapshot(url: string, payload: string, base: Pick<BackupManifest, 'createdAt' | 'reason'>): Promise<BackupManifest> {
  const client = ownClient(url);
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const tables = (
      await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
      )
    ).rows.map((r) => r.name);
    const rowCounts: Record<string, number> = {};
    for (const table of tables) {
      rowCounts[table] = Number((await client.query<{ n: string }>(`select count(*) as n from "${table.replace(/"/g, '""')}"`)).rows[0]!.n);
    }
    const version = tables.includes('kysely_migration')
      ? ((await client.query<{ name: string }>('select name from kysely_migration order by name desc limit 1')).rows[0]?.name ?? null)
      : null;
    await run(pgTool('pg_dump'), ['-Fc', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, '-f', payload, '-d', url]);
    await client.query('commit');
    const { bytes, sha256 } = await hashFile(payload);
    return {
      program: 'otmetka',
      format: 1,
      engine: 'postgres',
      ...base,
      schemaVersion: version,
      compression: 'none',
      payloadBytes: bytes,
      payloadSha256: sha256,
      databaseBytes: 0,
      rowCounts,
    };
  } finally {
    await client.end();
  }
}

export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

async function admin(url: string, statement: string): Promise<void> {
  const client = ownClient(url);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates a new database beside the live one and restores the archive into it. Returns its URL. */
export async function restoreIntoNewDatabase(liveUrl: string, archive: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await admin(liveUrl, `create database ${name}`);
  const url = databaseUrl(liveUrl, name);
  try {
    await run(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '-d', url, archive]);
  } catch (error) {
    await dropDatabase(liveUrl, name);
    throw error;
  }
  return url;
}

export async function dropDatabase(liveUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await admin(liveUrl, `drop database if exists ${name} with (force)`);
}

export function scratchName(liveUrl: string, purpose: 'verify' | 'restored', stamp?: string): string {
  const base = databaseName(liveUrl).toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);
  return `${base}_${purpose}_${stamp ?? randomBytes(4).toString('hex')}`;
}

export function openPg(url: string): Db {
  return openDb({ kind: 'postgres', url });
}

