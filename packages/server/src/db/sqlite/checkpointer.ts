import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The checkpointer's thread, plain CommonJS so that it runs the same from the TypeScript sources and
 * from dist. It opens its own connection and copies committed WAL pages into the database file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. A checkpoint copies the WAL's pages into the database file
 * and fsyncs it; SQLite's automatic one runs inside the commit that crosses the threshold, so every
 * few hundred commits one request (and every request queued behind it) waited for it. A passive
 * checkpoint on another connection runs beside the writers instead. Durability does not depend on
 * it: a commit is durable once the WAL is fsynced (`synchronous=FULL`); checkpoints only keep the
 * WAL short.
 */
export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  worker.on('message', (message) => onError(String(message)));
  worker.on('error', (error) => onError(String(error)));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.ref(); // keep the process alive until the thread has closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}
