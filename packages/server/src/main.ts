/**
 * `node dist/main.js`: the server configured by `CANCELFLOW_*` environment variables only (what a
 * container runs). `cancelflow serve` calls `startServer` with its flags the same way.
 */
import { ConfigError } from './config/errors.ts';
import { startServer } from './server.ts';

try {
  await startServer();
} catch (error) {
  process.stderr.write(`cancelflow server: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
