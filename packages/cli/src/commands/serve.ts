import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, type RunningServer, type StartServerOptions, startServer } from '@cancelflow/server';
import { SERVE_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse, UsageError } from '../usage.ts';

/**
 * The widget's built files when this CLI runs inside the cancelflow repository (packages/cli next
 * to packages/widget), so `cancelflow serve` serves `/cancelflow.js` without configuration.
 */
export function widgetDirNearby(): string | undefined {
  const dir = fileURLToPath(new URL('../../../widget/dist', import.meta.url));
  return existsSync(`${dir}/cancelflow.js`) ? dir : undefined;
}

export function portOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(`${flag} must be a port number 0–65535, not "${value}"`);
  return Number(value);
}

/** Starts the server, turning the mistakes a user can make into one line each (exit 1), never a stack trace. */
export async function startOrExplain(
  options: StartServerOptions,
  io: CliIo,
  command: string,
): Promise<RunningServer | undefined> {
  try {
    return await startServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof ConfigError) io.stderr(`cancelflow ${command}: ${error.message}\n`);
    else if (code === 'EADDRINUSE')
      io.stderr(`cancelflow ${command}: port ${options.port ?? 8787} is in use; pick another with --port\n`);
    else if (code === 'EACCES') io.stderr(`cancelflow ${command}: not allowed to listen on port ${options.port}\n`);
    else throw error;
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
  );
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  const port = portOption(values.port, '--port');
  const widgetDir = values['widget-dir'] ?? (process.env.CANCELFLOW_WIDGET_DIR || widgetDirNearby());
  const server = await startOrExplain(
    {
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.db ? { db: values.db } : {}),
      ...(values.sites ? { sitesFile: values.sites } : {}),
      ...(widgetDir ? { widgetDir } : {}),
    },
    io,
    'serve',
  );
  if (!server) return 1;
  // startServer handles SIGINT/SIGTERM itself (drain, close the database, exit 0): never settle before that.
  return new Promise<number>(() => {});
}
