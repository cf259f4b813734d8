import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_VARIABLES, TOOL_VARIABLES } from '../src/config/variables.ts';
import { DEFAULT_RATE_LIMITS } from '../src/deps.ts';
import { DEFAULT_MAIL_OPTIONS } from '../src/mail/options.ts';
import { DEFAULT_RETENTION_PERIODS } from '../src/privacy/periods.ts';
import { DEFAULT_WEBHOOK_OPTIONS } from '../src/webhooks/sender.ts';

/**
 * docs/server.md's "Configuration" table and docs/follow-up.md's mail table, checked against the code:
 * every option of `startServer` has a row and every row an option, every `CANCELFLOW_*` variable the
 * server reads is documented and every documented one is read, and the defaults the tables state for
 * the rate limits, webhooks, mail and retention are the ones the code uses. A setting added to the
 * code without a row (or a row whose setting is gone, or a default changed on one side) fails here.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

type Row = { option: string; env: string[]; defaultValue: string };

/** The rows of the first table after `heading`: its first column's code, its env column's variables, its default. */
function table(doc: string, heading: string): Row[] {
  const start = doc.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const lines = doc.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: Row[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    const [option = '', env = '', defaultValue = ''] = line
      .split('|')
      .slice(1)
      .map((cell) => cell.trim());
    rows.push({
      option: /`([\w.]+)`/.exec(option)?.[1] ?? option,
      env: [...env.matchAll(/CANCELFLOW_[A-Z_]*[A-Z]\b/g)].map((m) => m[0]), // not `CANCELFLOW_MAIL_*`
      defaultValue: defaultValue.replace(/`/g, ''),
    });
  }
  return rows;
}

/** The members of an interface in a source file (its own lines, two spaces in). */
function members(source: string, name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1] as string);
}

/** Every `CANCELFLOW_*` name the server's sources read (`env.X`, or a name in quotes), comments aside. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        // The list of the names (checked below), not a place that reads one.
        if (path === 'packages/server/src/config/variables.ts') continue;
        const code = read(path).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const m of code.matchAll(/(?:['"`]|env\??\.)(CANCELFLOW_[A-Z_]*[A-Z])\b/g)) names.add(m[1] as string);
      }
    }
  };
  walk('packages/server/src');
  return names;
}

/**
 * Every `CANCELFLOW_*` name the rest of the repository reads: `process.env.X` in scripts, tests and
 * the CLI, `$X` / `${X` in shell scripts and CI files. (Not every mention: tests set misspelled ones.)
 */
function variablesReadByTools(): Set<string> {
  const names = new Set<string>();
  const skip = new Set(['node_modules', 'dist', '.git', '.data', 'docs']);
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skip.has(entry.name) && path !== 'packages/server/src') walk(path);
      } else if (!/\.(md|png|jpe?g|woff2?|ico|sqlite|lock)$|^pnpm-lock\.yaml$/.test(entry.name)) {
        const text = read(path);
        for (const m of text.matchAll(/(?:process\.env\.|process\.env\[['"]|\$\{?)(CANCELFLOW_[A-Z_]*[A-Z])\b/g))
          names.add(m[1] as string);
      }
    }
  };
  walk('');
  return names;
}

/** A table's default as a number: `5000`, `120/20` (burst, per second), `6 h`, `30 s`. */
function parsed(value: string): number | [number, number] {
  const bucket = /^(\d+)\/([\d.]+)$/.exec(value);
  if (bucket) return [Number(bucket[1]), Number(bucket[2])];
  const time = /^(\d+) (h|s)$/.exec(value);
  if (time) return Number(time[1]) * (time[2] === 'h' ? 3_600_000 : 1000);
  return Number(value);
}

const serverRows = table(read('docs/server.md'), '### Configuration');
const mailRows = table(read('docs/follow-up.md'), '| option (`startServer({ mail })`)');

/** Options that are not for operators: the clock, which only tests replace. */
const undocumented = ['now'];

describe('docs/server.md: the configuration table', () => {
  it('has a row for every startServer option and an option for every row', () => {
    const top = members(read('packages/server/src/config/options.ts'), 'StartServerOptions');
    expect(top).toContain('port');
    // An object option is either one row (`mail`, with a table of its own) or a row per field.
    const nested: Record<string, string[]> = {
      rateLimits: Object.keys(DEFAULT_RATE_LIMITS),
      webhooks: Object.keys(DEFAULT_WEBHOOK_OPTIONS),
      retention: Object.keys(DEFAULT_RETENTION_PERIODS),
    };
    const expected = top
      .filter((name) => !undocumented.includes(name))
      .flatMap((name) => nested[name]?.map((field) => `${name}.${field}`) ?? [name]);
    expect(serverRows.map((row) => row.option).sort()).toEqual(expected.sort());
  });

  it('documents every CANCELFLOW_* variable the server reads, and reads every one it documents', () => {
    const documented = new Set([...serverRows, ...mailRows].flatMap((row) => row.env));
    const readByServer = variablesRead();
    expect(readByServer.size).toBeGreaterThan(20);
    expect([...readByServer].filter((name) => !documented.has(name)).sort(), 'read, not documented').toEqual([]);
    expect([...documented].filter((name) => !readByServer.has(name)).sort(), 'documented, not read').toEqual([]);
  });

  it('lists in config/variables.ts every variable the server reads, which start-up warns of no other', () => {
    expect([...SERVER_VARIABLES].sort()).toEqual([...variablesRead()].sort());
  });

  it("lists in config/variables.ts the variables the repository's tests and tools read, which are not settings", () => {
    const server = new Set<string>(SERVER_VARIABLES);
    expect([...variablesReadByTools()].filter((name) => !server.has(name)).sort()).toEqual([...TOOL_VARIABLES].sort());
  });

  it('states the defaults the code uses for rate limits, webhooks and retention', () => {
    const stated = new Map(serverRows.map((row) => [row.option, parsed(row.defaultValue)]));
    for (const [name, bucket] of Object.entries(DEFAULT_RATE_LIMITS)) {
      const [burst, perSecond] = stated.get(`rateLimits.${name}`) as [number, number];
      expect(burst, name).toBe(bucket.burst);
      // 1/60 is written 0.0167.
      expect(perSecond, name).toBeCloseTo(bucket.perSecond, 4);
    }
    for (const [name, value] of Object.entries(DEFAULT_WEBHOOK_OPTIONS))
      expect(stated.get(`webhooks.${name}`), name).toBe(value);
    for (const [name, value] of Object.entries(DEFAULT_RETENTION_PERIODS))
      expect(stated.get(`retention.${name}`), name).toBe(value);
  });
});

describe('docs/follow-up.md: the mail sender table', () => {
  it('has a row for every mail option, with the default the code uses', () => {
    expect(mailRows.map((row) => row.option).sort()).toEqual(Object.keys(DEFAULT_MAIL_OPTIONS).sort());
    for (const row of mailRows)
      expect(parsed(row.defaultValue), row.option).toBe(DEFAULT_MAIL_OPTIONS[row.option as 'pollMs']);
  });
});
