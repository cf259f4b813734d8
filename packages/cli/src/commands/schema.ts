import { generateJsonSchema } from '@cancelflow/core/validate';
import { SCHEMA_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse } from '../usage.ts';

export async function schemaCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout(SCHEMA_HELP);
    return 0;
  }
  io.stdout(`${JSON.stringify(generateJsonSchema(), null, 2)}\n`);
  return 0;
}
