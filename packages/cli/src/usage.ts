import { type ParseArgsConfig, parseArgs } from 'node:util';
import { didYouMean } from '@cancelflow/core/validate';

/** A mistake in how the command was called: exit code 2, with a hint to the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs`, strict, with its errors turned into short usage errors. */
export function parse<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    // Node's messages are long ("To specify a positional argument starting with a '-' …"); keep the first sentence.
    const first = (error as Error).message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? 'invalid arguments';
    const option = /Option '(--?[\w-]+)/i.exec(first)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
      const known = Object.keys(options).map((name) => `--${name}`);
      throw new UsageError(`unknown option "${option}"${didYouMean(option, known)}`);
    }
    throw new UsageError(
      code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option && first.includes('ambiguous')
        ? `${first}: a value that starts with "-" must be written ${option}=<value>`
        : first,
    );
  }
}
