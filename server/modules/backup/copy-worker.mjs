// Counts the rows of a fresh backup copy off the main thread: better-sqlite3 is
// synchronous, and counting a large copy on the event loop would pause the
// live service (plain JS so it runs as a worker under tsx, vitest and node alike).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
try {
  // A self-contained file: no -wal beside it once closed.
  db.pragma('journal_mode = DELETE');
  const tables = db
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .all()
    .map((r) => r.name);
  const rowCounts = {};
  for (const table of tables) rowCounts[table] = db.prepare(`select count(*) as n from "${table.replace(/"/g, '""')}"`).get().n;
  parentPort.postMessage({ rowCounts });
} finally {
  db.close();
}
