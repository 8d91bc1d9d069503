/**
 * WAL checkpoints off the event loop. With SQLite's default, the commit that
 * takes the WAL past 1 000 pages also copies them into the database file and
 * fsyncs it, on the main thread because better-sqlite3 is synchronous. A mark
 * write dirties about four index pages, so under write load that is a 20–40 ms
 * commit every few batches: measured in process on the scale-0.1 dataset
 * (batches of 64 mark writes), the commit cost 130–196 µs per write with the
 * default, 77–107 µs with this worker. A worker thread with its own connection
 * runs PASSIVE checkpoints every `everyMs`: they take no writer lock and never
 * make the live connection wait, and every commit stays durable when it returns
 * (synchronous=FULL is unchanged). The live connection's own automatic
 * checkpoint stays as a backstop at BACKSTOP_PAGES: a commit landing during a
 * worker's checkpoint keeps the WAL from restarting at its beginning, so the
 * WAL grows until that backstop copies the few pages the worker has not yet
 * copied and lets it restart.
 */
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface Checkpointer {
  stop(): Promise<void>;
}

/** The live connection's own checkpoint, in pages of the WAL: 16 MB of 4 KB pages. */
export const BACKSTOP_PAGES = 4000;

export async function startCheckpointer(handle: SQLite.Database, file: string, everyMs = 50): Promise<Checkpointer> {
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
