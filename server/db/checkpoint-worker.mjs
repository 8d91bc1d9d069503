// Copies the WAL back into the database file off the main thread (see checkpointer.ts).
// Plain JS so it runs as a worker under tsx, vitest and node alike.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// timeout 0: this connection never waits for a lock; what it cannot do now waits for its next turn.
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });

const checkpoint = () => {
  try {
    // PASSIVE takes no writer lock and waits for nobody. (RESTART would reset the WAL but holds
    // the writer lock, and the live connection, upgrading a read transaction to a write, would
    // then fail at once with SQLITE_BUSY: SQLite calls no busy handler on that upgrade.)
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or I/O trouble: the live connection's own checkpoints remain as the backstop
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
  parentPort.close();
});
parentPort.postMessage('ready');
