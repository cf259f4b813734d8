import { PROFILE_IDS, type ProfileId } from '@cancelflow/core';
import { formatProblem, MAX_SOURCE_LENGTH, type Problem, validateFlowSource } from '@cancelflow/core/validate';
import { VALIDATE_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse, UsageError } from '../usage.ts';
import { checkSchemaRef } from './schema-ref.ts';

function profilesFrom(values: readonly string[]): ProfileId[] {
  const ids = values.flatMap((value) => value.split(',')).map((id) => id.trim());
  for (const id of ids) {
    if (!(PROFILE_IDS as readonly string[]).includes(id))
      throw new UsageError(`unknown profile "${id}"; profiles are ${PROFILE_IDS.join(', ')}`);
  }
  return ids as ProfileId[];
}

function readError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

const isAfter = (a: Problem, b: Problem) => a.line > b.line || (a.line === b.line && a.column > b.column);

type FileResult = 'valid' | 'invalid';

async function validateFile(file: string, profiles: ProfileId[], io: CliIo): Promise<FileResult> {
  let source: string;
  try {
    // Checked before reading: a flow is a few KB, and a stray multi-GB file must not be loaded.
    const size = await io.fileSize(file);
    if (size > MAX_SOURCE_LENGTH) {
      io.stdout(`${file}:1:1 (root) is larger than 1 MB (${size} bytes); a flow config is a few KB\n`);
      return 'invalid';
    }
    source = await io.readFile(file);
  } catch (error) {
    io.stdout(`${file}:1:1 (root) cannot be read: ${readError(error)}\n`);
    return 'invalid';
  }
  const { problems } = validateFlowSource(source, { profiles });
  // A file that is not JSON has its syntax to fix first; its `$schema` cannot be trusted to be read right.
  const schemaRef = problems.some((problem) => problem.syntax) ? undefined : await checkSchemaRef(source, file, io);
  // In source order, like the validator's own problems: `$schema` usually comes first.
  if (schemaRef) {
    const at = problems.findIndex((problem) => isAfter(problem, schemaRef));
    problems.splice(at < 0 ? problems.length : at, 0, schemaRef);
  }
  for (const problem of problems) io.stdout(`${formatProblem(problem, file)}\n`);
  return problems.some((problem) => problem.severity === 'error') ? 'invalid' : 'valid';
}

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    args,
    { profile: { type: 'string', short: 'p', multiple: true }, help: { type: 'boolean', short: 'h' } },
    true,
    { profile: 'de' },
  );
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  const profiles = profilesFrom(values.profile ?? []);
  if (positionals.length === 0) throw new UsageError('no files given; usage: cancelflow validate <files...>');

  let invalid = 0;
  for (const file of positionals) {
    if ((await validateFile(file, profiles, io)) === 'invalid') invalid++;
  }
  const files = positionals.length === 1 ? '1 file' : `${positionals.length} files`;
  io.stderr(invalid === 0 ? `${files} valid\n` : `${invalid} of ${files} invalid\n`);
  return invalid === 0 ? 0 : 1;
}
