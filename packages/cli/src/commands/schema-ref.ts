import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsonSchema, type Problem } from '@cancelflow/core/validate';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { CliIo } from '../io.ts';

/**
 * The flow's `$schema`, checked where only the CLI can: on the file system. cancelflow ignores the field,
 * but a newcomer sets it for the editor's completion, and one that points nowhere fails in silence: the
 * editor simply completes nothing. The core validator runs in browsers too and has no files to look at,
 * so this check lives here. It never fetches a URL: `validate` runs offline (CI, a plane), and its answer
 * must not depend on a server being up; a URL gets a warning saying so instead.
 */

const FIX =
  'point it at node_modules/@cancelflow/core/flow.schema.json by a path relative to this file, or write one with cancelflow schema > flow.schema.json';

const INSTALLED = join('node_modules', '@cancelflow', 'core', 'flow.schema.json');

/**
 * The fix to suggest: the path from the flow's folder to the schema of an installed @cancelflow/core,
 * if one is in a node_modules above it (Node's lookup), as the newcomer's usual mistake is the path
 * itself — `node_modules/…` written from a flow in `flows/`, or the `../../../core/…` of a flow copied
 * out of the CLI's dist/flows. Else the general advice.
 */
async function fixFor(file: string, io: CliIo): Promise<string> {
  const from = dirname(resolve(file));
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, INSTALLED);
    try {
      await io.fileSize(candidate);
      // With "/" on every system: the path goes into a JSON file that editors anywhere read.
      return `point it at "${relative(from, candidate).split(sep).join('/')}" (the installed @cancelflow/core's), or write one with cancelflow schema > flow.schema.json`;
    } catch {
      // Not here: one folder up, as Node looks for packages.
    }
    if (dirname(dir) === dir) return FIX;
  }
}

/** A scheme of two letters or more: `C:\…` is a Windows path, not a URL. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

let current: string | undefined;
/** This CLI's schema as `cancelflow schema` prints it, for comparing a file against. */
function currentSchema(): string {
  current ??= JSON.stringify(generateJsonSchema());
  return current;
}

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** What is wrong with the schema file at `path`, or undefined when it is this CLI's schema. */
async function fileProblem(
  shown: string,
  path: string,
  fix: () => Promise<string>,
  io: CliIo,
): Promise<string | undefined> {
  let text: string;
  try {
    // The schema is about 90 KB; ten times that is something else, not worth reading.
    if ((await io.fileSize(path)) > 1_000_000)
      return `is "${shown}", which is not the flow schema (over 1 MB); ${await fix()}`;
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return `is "${shown}", but there is no file at ${path}: editors find no schema to complete and check this flow with; ${await fix()}`;
    const why = code === 'EISDIR' ? 'a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    return `is "${shown}", which cannot be read (${why ?? (error as Error).message}); ${await fix()}`;
  }
  let same = false;
  try {
    same = JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, ''))) === currentSchema();
  } catch {
    // Not JSON: reported below like any other file that is not this schema.
  }
  if (same) return undefined;
  // Usually a copy written by an older `cancelflow schema`: the editor would offer fields this version
  // does not have, or miss new ones, while validate judges by this version's.
  return `is "${shown}", which is not this cancelflow's flow schema (an older copy?): editors would complete and check this flow against other fields than validate does; rewrite it with cancelflow schema > ${path}`;
}

/** A warning about the `$schema` of the flow in `source`, read from `file`; none when it is fine or absent. */
export async function checkSchemaRef(raw: string, file: string, io: CliIo): Promise<Problem | undefined> {
  // Columns as the validator counts them: without a byte-order mark.
  const source = raw.replace(/^\uFEFF/, '');
  const tree = parseTree(source, [], { disallowComments: true });
  const node = tree && findNodeAtLocation(tree, ['$schema']);
  if (!node || typeof node.value !== 'string' || node.value === '') return undefined;
  const ref: string = node.value;

  // Looked up only when there is something to fix: a flow whose $schema is right costs no walk.
  const fix = () => fixFor(file, io);
  let message: string | undefined;
  if (ref.startsWith('file:')) {
    let path: string | undefined;
    try {
      path = fileURLToPath(ref);
    } catch {
      message = `is "${ref}", which is not a file URL of this system; ${await fix()}`;
    }
    if (path) message = await fileProblem(ref, path, fix, io);
  } else if (URL_SCHEME.test(ref)) {
    message = `is a URL, "${ref}", which cancelflow validate does not fetch (it runs offline), and cancelflow publishes its schema at no URL: editors complete this flow only if that address serves this version's schema; ${await fix()}`;
  } else {
    // As editors resolve it (VS Code, JetBrains): relative to the flow file's folder.
    message = await fileProblem(ref, resolve(dirname(file), ref), fix, io);
  }
  if (!message) return undefined;
  return { path: '$schema', message, ...position(source, node.offset), severity: 'warning' };
}
