import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY, BILLING_SECRET, SECRETS } from './helpers.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** What it wrote to stdout so far (its log lines). */
  readonly stdout: () => string;
  /** SIGTERM, then the exit code (the server drains requests in flight first). */
  stop(): Promise<number | null>;
}

/** The origin of the site a spawned server serves (`writeProcessSites`), where the widget's requests come from. */
export const NET_ORIGIN = 'https://net.example';

/**
 * Writes `flow` and a sites file with one site (acme's secret, `NET_ORIGIN`, billing by webhook at
 * `billingUrl`, and `extra` fields such as webhooks or mail) into `dir`, for a spawned server; returns
 * the sites file's path.
 */
export function writeProcessSites(
  dir: string,
  flow: object,
  billingUrl: string,
  extra: Record<string, unknown> = {},
): string {
  writeFileSync(join(dir, 'flow.json'), JSON.stringify(flow));
  const site = {
    id: 'acme',
    secret: SECRETS.acme,
    origins: [NET_ORIGIN],
    flow: 'flow.json',
    billing: { type: 'webhook', url: billingUrl, secret: BILLING_SECRET },
    ...extra,
  };
  const file = join(dir, 'sites.json');
  writeFileSync(file, JSON.stringify([site]));
  return file;
}

const running = new Set<ChildProcess>();

/** Kills every server process this file started that is still running (for `afterEach`/`afterAll`). */
export function killServers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/**
 * Runs the server as its own process, as `node dist/main.js` would (environment variables only), and
 * resolves with its URL once it logs `listening`. Rate limits are lifted unless `env` sets them.
 */
export function spawnServer(env: { CANCELFLOW_DB: string; CANCELFLOW_SITES: string } & NodeJS.ProcessEnv) {
  const child = spawnMain(env);
  return new Promise<ServerProcess>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      for (const line of out.split('\n')) {
        if (!line.includes('"msg":"listening"')) continue;
        const stop = async () => {
          // Ended already: by itself (exitCode), or killed by a signal (signalCode, exitCode stays null).
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          await new Promise((done) => child.once('exit', done));
          return child.exitCode;
        };
        resolve({ child, url: JSON.parse(line).url, stdout: () => out, stop });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

/** Runs a server that is expected to refuse to start: its exit code and everything it wrote. */
export function spawnFailingServer(env: NodeJS.ProcessEnv) {
  const child = spawnMain(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function spawnMain(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--experimental-transform-types', '--no-warnings', MAIN],
    {
      env: {
        ...process.env,
        CANCELFLOW_PORT: '0',
        CANCELFLOW_ADMIN_KEY: ADMIN_KEY,
        CANCELFLOW_RATE_LIMIT_IP: '1000000/1000000',
        CANCELFLOW_RATE_LIMIT_SESSION: '1000000/1000000',
        CANCELFLOW_RATE_LIMIT_SUBSCRIBER: '1000000/1000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  return child;
}
