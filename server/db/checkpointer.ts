/**
 * WAL checkpoints off the event loop. With SQLite's default, the commit that
 * takes the WAL past 1 000 pages also copies them into the database file and
 * fsyncs it, on the main thread because better-sqlite3 is synchronous: measured
 * on the journal's write path, 20–25 ms pauses several times a second under
 * write load (a mark write dirties about four index pages), about a sixth of a
 * write's cost. Here a worker thread with its own connection runs PASSIVE
 * checkpoints every `everyMs` (it never blocks the live connection, which keeps
 * synchronous=FULL: every commit is still durable when it returns), and the live
 * connection's own automatic checkpoint stays only as a backstop, much later,
 * for a WAL the worker could not finish (a commit landing during each
 * checkpoint keeps the WAL from restarting until a checkpoint on the live
 * connection itself copies the remaining pages).
 */
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface Checkpointer {
  stop(): Promise<void>;
}

/** The live connection's own checkpoint, in pages of the WAL: 16 MB of 4 KB pages. */
export const BACKSTOP_PAGES = 4000;

export async function startCheckpointer(handle: SQLite.Database, file: string, everyMs = 250): Promise<Checkpointer> {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, everyMs } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  handle.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  // A worker that dies leaves the default checkpoints to the live connection.
  worker.once('exit', () => handle.open && handle.pragma('wal_autocheckpoint = 1000'));
  worker.unref();
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await stopped;
    },
  };
}
