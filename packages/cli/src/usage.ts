import { type ParseArgsConfig, parseArgs } from 'node:util';
import { didYouMean } from '@cancelflow/core/validate';

/** A mistake in how the command was called: exit code 2, with a hint to the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** A value for each option, shown when it is given without one (`--profile needs a value (e.g. --profile de)`). */
type Examples<T extends Options> = { readonly [name in keyof T]?: string };

/** `parseArgs`, strict, with its errors turned into short usage errors. */
export function parse<T extends Options>(
  args: string[],
  options: T,
  allowPositionals: boolean,
  examples: Examples<T> = {},
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UsageError(usageMessage(code, (error as Error).message, options, examples));
  }
}

/**
 * Node's message in the CLI's words: Node's own ("Option '-p, --profile <value>' argument missing",
 * "Unexpected argument 'extra'. This command does not take positional arguments") names its
 * placeholders, not the command's, and reads unlike every other usage error.
 */
function usageMessage(code: string, message: string, options: Options, examples: Examples<Options>): string {
  // What Node quotes first: the option as given ('-x'), as declared ('-p, --profile <value>'), or the argument.
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== '') {
    const known = Object.keys(options).map((known) => `--${known}`);
    return `unknown option "${quoted}"${didYouMean(quoted, known)}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== '') {
    const takesOptions = Object.keys(options).some((known) => known !== 'help');
    return `${takesOptions ? 'takes only options' : 'takes no arguments'}, got "${quoted}"`;
  }
  const name = /--([\w-]+)/.exec(quoted)?.[1];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name !== undefined) {
    const option = `--${name}`;
    if (message.includes('ambiguous'))
      return `${option} needs a value; a value that starts with "-" must be written ${option}=<value>`;
    if (message.includes('does not take an argument')) return `${option} takes no value`;
    if (message.includes('argument missing')) {
      const example = examples[name] ?? options[name]?.default;
      return `${option} needs a value${typeof example === 'string' ? ` (e.g. ${option} ${example})` : ''}`;
    }
  }
  // Another message (a newer Node's): its first sentence, without Node's long advice after it.
  return message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? 'invalid arguments';
}
