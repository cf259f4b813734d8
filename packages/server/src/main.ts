/**
 * `node dist/main.js`: the server configured by `CANCELFLOW_*` environment variables only (what a
 * container runs). `cancelflow serve` calls `startServer` with its flags the same way.
 */
import './require-node.ts';
import { ConfigError } from './config/errors.ts';
import { startServer } from './server.ts';

try {
  // Unlike `cancelflow serve`, this package does not depend on the widget, so it cannot find it
  // alone: without CANCELFLOW_WIDGET_DIR, startServer() warns that /cancelflow.js answers 404.
  await startServer();
} catch (error) {
  process.stderr.write(`cancelflow server: ${startFailure(error)}\n`);
  process.exit(1);
}

/**
 * Why start-up failed, naming what to change. A port in use was Node's "Error: listen EADDRINUSE:
 * address already in use 127.0.0.1:8787", which names the port but not the setting (`cancelflow
 * serve` says which flag).
 */
function startFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const { code, port } = error as { code?: string; port?: number };
  if (code === 'EADDRINUSE') return `port ${port} is in use: stop what holds it, or set CANCELFLOW_PORT to another`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}: set CANCELFLOW_PORT to one above 1023`;
  return String(error);
}
