import { readFileSync } from 'node:fs';
import { didYouMean } from '@cancelflow/core/validate';
import { MAIN_HELP } from './help.ts';
import type { CliIo } from './io.ts';
import { nodeIo } from './io.ts';
import { UsageError } from './usage.ts';

export { type CliIo, nodeIo } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Each command is loaded when it runs: `validate`, `schema` and `token` never load the server and its
 * database drivers (native modules), which only `serve`, `demo` and `copy-db` need.
 */
const COMMANDS: Record<string, Command> = {
  validate: async (args, io) => (await import('./commands/validate.ts')).validateCommand(args, io),
  schema: async (args, io) => (await import('./commands/schema.ts')).schemaCommand(args, io),
  token: async (args, io) => (await import('./commands/token.ts')).tokenCommand(args, io),
  serve: async (args, io) => (await import('./commands/serve.ts')).serveCommand(args, io),
  demo: async (args, io) => (await import('./commands/demo.ts')).demoCommand(args, io),
  'copy-db': async (args, io) => (await import('./commands/copy-db.ts')).copyDbCommand(args, io),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code: 0 success,
 * 1 invalid input (an invalid or unreadable flow), 2 usage error. Never throws for bad input.
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [command, ...given] = argv[0] === '--' ? argv.slice(1) : argv;
  // `pnpm demo -- --port 5174` (npm's habit) hands the `--` on: before options it only ends nothing.
  const args = given[0] === '--' && given[1]?.startsWith('--') ? given.slice(1) : given;
  if (command === undefined) {
    io.stderr(MAIN_HELP);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = args[0];
    const about = topic !== undefined && Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    if (about) return about([...args.slice(1), '--help'], io);
    if (topic) {
      io.stderr(`cancelflow help: no command "${topic}"; commands are ${Object.keys(COMMANDS).join(', ')}\n`);
      return 2;
    }
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    io.stderr(
      `cancelflow: unknown command "${command}"${didYouMean(command, Object.keys(COMMANDS))}; commands are ${Object.keys(COMMANDS).join(', ')}\nRun cancelflow --help for usage.\n`,
    );
    return 2;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cancelflow ${command}: ${error.message}\nRun cancelflow ${command} --help for usage.\n`);
      return 2;
    }
    io.stderr(`cancelflow ${command}: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}
