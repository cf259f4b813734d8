import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type RunningServer, type StartServerOptions, startServer } from '@cancelflow/server';
import { SERVE_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse, UsageError } from '../usage.ts';

/**
 * The folder of the built widget this CLI depends on (`@cancelflow/widget`, installed next to it or
 * linked in the repository), so `cancelflow serve` serves `/cancelflow.js` without configuration.
 */
export function widgetDirNearby(): string | undefined {
  try {
    const loader = fileURLToPath(import.meta.resolve('@cancelflow/widget/cancelflow.js'));
    return existsSync(loader) ? dirname(loader) : undefined;
  } catch {
    return undefined; // not installed
  }
}

export function portOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(`${flag} must be a port number 0–65535, not "${value}"`);
  return Number(value);
}

/**
 * Starts the server, turning the mistakes a user can make into one line each (exit 1), never a stack trace.
 * `portFlag` is the option that sets the server's port in `command` (`cancelflow demo` has two ports).
 */
export async function startOrExplain(
  options: StartServerOptions,
  io: CliIo,
  command: string,
  portFlag = '--port',
): Promise<RunningServer | undefined> {
  try {
    return await startServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof ConfigError) io.stderr(`cancelflow ${command}: ${error.message}\n`);
    else if (code === 'EADDRINUSE' || code === 'EACCES') {
      // The port may have come from CANCELFLOW_PORT: the error knows which one it was.
      const port = (error as { port?: number }).port ?? options.port;
      io.stderr(
        code === 'EADDRINUSE'
          ? `cancelflow ${command}: port ${port} is in use; pick another with ${portFlag}\n`
          : `cancelflow ${command}: not allowed to listen on port ${port}\n`,
      );
    } else throw error;
    return undefined;
  }
}

/** `cancelflow serve`: the reference server in the foreground until Ctrl-C (or SIGTERM), then a graceful stop. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      db: { type: 'string' },
      sites: { type: 'string' },
      'widget-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
    { port: '8787', host: '0.0.0.0', db: 'data/cancelflow.sqlite', sites: 'sites.json' },
  );
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  const port = portOption(values.port, '--port');
  const given = values['widget-dir'] ?? (process.env.CANCELFLOW_WIDGET_DIR || undefined);
  // `false`: the widget is served from elsewhere (startServer's widgetDir: false), so none is looked for
  // nearby and none is warned about. Without any, startServer() warns that /cancelflow.js answers 404.
  const widgetDir = given === 'false' ? false : given || widgetDirNearby();
  const server = await startOrExplain(
    {
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.db ? { db: values.db } : {}),
      ...(values.sites ? { sitesFile: values.sites } : {}),
      ...(widgetDir === undefined ? {} : { widgetDir }),
    },
    io,
    'serve',
  );
  if (!server) return 1;
  // startServer handles SIGINT/SIGTERM itself (drain, close the database, exit 0): never settle before that.
  return new Promise<number>(() => {});
}
