import { readFile, stat } from 'node:fs/promises';

/** What the CLI needs from the outside world; tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** Size in bytes, to refuse huge files before reading them. */
  fileSize(path: string): Promise<number>;
  now(): Date;
  /** The environment (e.g. `CANCELFLOW_SECRET`, so a secret need not be typed into shell history). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function nodeIo(): CliIo {
  // `cancelflow schema | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    fileSize: async (path) => (await stat(path)).size,
    now: () => new Date(),
    env: process.env,
  };
}
