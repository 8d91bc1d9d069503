// Copies the WAL back into the database file off the main thread (see checkpointer.ts).
// Plain JS so it runs as a worker under tsx, vitest and node alike.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
// PASSIVE never waits for the live connection's readers or writer: what it cannot copy now waits for the next turn.
const checkpoint = () => {
  try {
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
