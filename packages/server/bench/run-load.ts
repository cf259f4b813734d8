import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type autocannon from 'autocannon';
import type { LoadJob } from './load.ts';

const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));

/** Runs one load job in its own process (bench/load.ts); fails on any non-2xx answer or error. */
export async function runLoad(job: LoadJob): Promise<autocannon.Result> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=source', '--experimental-transform-types', '--no-warnings', LOAD, JSON.stringify(job)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as autocannon.Result;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}
