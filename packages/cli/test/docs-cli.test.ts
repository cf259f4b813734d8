import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CliIo, main, nodeIo } from '../src/index.ts';

/**
 * docs/cli.md against the CLI itself: the same commands in `cancelflow --help`, the page's table and
 * its sections; each command's options in its `--help` the same as in its section's heading; and the
 * docs every help text points at reachable from an installed CLI (a URL, not docs/…, which the npm
 * package does not have) and present in this checkout, anchor included.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const page = readFileSync(join(root, 'docs/cli.md'), 'utf8');

async function help(...argv: string[]): Promise<string> {
  let out = '';
  const io: CliIo = {
    ...nodeIo(),
    stdout: (text) => {
      out += text;
    },
    stderr: () => undefined,
  };
  expect(await main(argv, io), argv.join(' ')).toBe(0);
  return out;
}

/** Every `--name` in a text, sorted. */
const longOptions = (text: string) => [...new Set([...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]))].sort();
/** The options a help text declares: its lines that start with one (`  -p, --port <n>  …`). */
const declared = (usage: string) =>
  [...new Set([...usage.matchAll(/^ +(?:-\w, +)?--([a-z][a-z-]*)/gm)].map((m) => m[1]))].sort();

/** The section of docs/cli.md whose heading starts with `cancelflow <command>`: [heading, body]. */
function section(command: string): [string, string] {
  const start = page.search(new RegExp(`^## \`cancelflow ${command}\\b`, 'm'));
  expect(start, `docs/cli.md has a section "## \`cancelflow ${command} …\`"`).toBeGreaterThan(-1);
  const end = page.indexOf('\n## ', start + 1);
  const text = page.slice(start, end < 0 ? undefined : end);
  const heading = text.split('\n')[0] ?? '';
  return [heading, text.slice(heading.length)];
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

describe('docs/cli.md and the CLI say the same', () => {
  it('lists the commands of cancelflow --help in its table and gives each a section', async () => {
    const commands = [...(await help('--help')).matchAll(/^ {2}cancelflow ([a-z-]+)/gm)].map((m) => m[1] as string);
    expect(commands).toEqual(['validate', 'schema', 'token', 'serve', 'demo', 'copy-db']);
    const table = [...page.matchAll(/^\| `cancelflow ([a-z][a-z-]*)\b/gm)].map((m) => m[1]);
    expect(table).toEqual(commands);
    for (const command of commands) section(command);
  });

  it.each(['validate', 'schema', 'token', 'serve', 'demo', 'copy-db'])(
    'cancelflow %s: the options of its --help are those of its section, each explained there',
    async (command) => {
      const usage = await help(command, '--help');
      const options = declared(usage).filter((name) => name !== 'help');
      const [heading, body] = section(command);
      expect(longOptions(heading), heading).toEqual(options);
      for (const option of options) expect(body, `--${option} in the section`).toContain(`--${option}`);
    },
  );

  it.each([[], ['validate'], ['schema'], ['token'], ['serve'], ['demo'], ['copy-db']])(
    'help %s points at docs an installed CLI can reach, and they exist',
    async (...command) => {
      const text = await help(...command, '--help');
      // docs/ is not in the npm package: a bare path sends the reader to a file they do not have.
      expect(text.replace(/https:\/\/\S+/g, '')).not.toMatch(/\bdocs\/[\w-]+\.md/);
      for (const [, file, hash] of text.matchAll(
        /https:\/\/github\.com\/cancelflow\/cancelflow\/blob\/main\/(docs\/[\w-]+\.md)(?:#([\w-]+))?/g,
      )) {
        expect(existsSync(join(root, file as string)), file).toBe(true);
        if (hash === undefined) continue;
        const headings = [...readFileSync(join(root, file as string), 'utf8').matchAll(/^#+ (.+)$/gm)];
        expect(
          headings.map((h) => anchor(h[1] as string)),
          `${file}#${hash}`,
        ).toContain(hash);
      }
    },
  );
});
