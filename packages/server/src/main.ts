/**
 * `node dist/main.js`: the server configured by `CANCELFLOW_*` environment variables only (what a
 * container runs). `cancelflow serve` calls `startServer` with its flags the same way.
 */
import './require-node.ts';
import { ConfigError } from './config/errors.ts';
import { jsonLogger } from './http/log.ts';
import { startServer } from './server.ts';

try {
  await startServer();
  // Unlike `cancelflow serve`, this package does not depend on the widget, so it cannot find it
  // alone: say so, or pages get a bare 404 for /cancelflow.js. After start-up, so an error comes first.
  if (!process.env.CANCELFLOW_WIDGET_DIR)
    jsonLogger({
      level: 'warn',
      msg: "the widget's files are not served (/cancelflow.js answers 404): set CANCELFLOW_WIDGET_DIR to the widget's dist folder (node_modules/@cancelflow/widget/dist once installed) to serve them",
    });
} catch (error) {
  process.stderr.write(`cancelflow server: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
