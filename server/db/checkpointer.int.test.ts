import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, startCheckpointer } from './checkpointer.js';
import { openDb, type Db } from './dialect.js';

let dir = '';
let db: Db | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

function freshDb(): { db: Db; file: string } {
  dir = mkdtempSync(join(tmpdir(), 'otmetka-ckpt-'));
  const file = join(dir, 'live.sqlite');
  db = openDb({ kind: 'sqlite', file });
  db.sqlite!.exec('create table t (id integer primary key, v text not null)');
  // Make sure the table's creation is in the database file itself, so the copies below can be opened.
  db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  return { db, file };
}

/** Rows of t in the database file alone, without its WAL: only what checkpoints copied there. */
function rowsInDatabaseFile(file: string): number {
  const copy = join(dir, `copy-${Date.now()}-${Math.random()}.sqlite`);
  copyFileSync(file, copy);
  const handle = new SQLite(copy, { readonly: true });
  try {
    return (handle.prepare('select count(*) as n from t').get() as { n: number }).n;
  } finally {
    handle.close();
  }
}

function insert(db: Db, n: number): void {
  const statement = db.sqlite!.prepare('insert into t (v) values (?)');
  for (let i = 0; i < n; i++) statement.run(`row ${i}`);
}

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe('WAL checkpoints in a worker thread', () => {
  it('copies committed pages into the database file while the live connection keeps writing; the live connection checkpoints only as a backstop', async () => {
    const { db, file } = freshDb();
    const checkpointer = await startCheckpointer(db.sqlite!, file, 10);
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    insert(db, 100);
    expect(await eventually(() => rowsInDatabaseFile(file) === 100)).toBe(true);
    insert(db, 50);
    expect((db.sqlite!.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(150);
    expect(await eventually(() => rowsInDatabaseFile(file) === 150)).toBe(true);
    await checkpointer.stop();
    // Without the worker the live connection checkpoints by itself again.
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('without it, a few commits stay in the WAL only (the check above sees the worker’s copies)', async () => {
    const { db, file } = freshDb();
    insert(db, 100);
    await new Promise((r) => setTimeout(r, 200));
    expect(rowsInDatabaseFile(file)).toBe(0);
  });
});
