import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { type CliIo, main, nodeIo } from '../src/index.ts';

const repo = new URL('../../../', import.meta.url).pathname;
const examples = ['saas.json', 'membership.json', 'de-streaming.json'].map((name) =>
  join(repo, 'examples/flows', name),
);
const fixture = (name: string) => join(repo, 'packages/core/test/fixtures/meaning', `${name}.json`);
const NOW = new Date('2026-03-01T12:00:00Z');

/** Runs the CLI in-process with the real file system, capturing its output. */
function run(...argv: string[]) {
  return runWith({}, ...argv);
}

async function runWith(env: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const real = nodeIo();
  const io: CliIo = {
    ...real,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => NOW,
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, lines: stdout.split('\n').filter(Boolean) };
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cancelflow-cli-')), name);
  writeFileSync(path, content);
  return path;
}

describe('cancelflow validate', () => {
  it('exits 0 with no output on stdout when every file is valid', async () => {
    const result = await run('validate', ...examples);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe('3 files valid\n');
  });

  it('exits 1 and prints file:line:col path message for each problem', async () => {
    const file = fixture('unknown-offer-reason');
    const result = await run('validate', examples[0] as string, file);
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      `${file}:34:20 steps[0].reasons[1].offer refers to offer "paws", which is not defined in offers`,
    );
    expect(result.lines.every((line) => line.startsWith(`${file}:`))).toBe(true);
    expect(result.stderr).toBe('1 of 2 files invalid\n');
  });

  it('--profile adds compliance profiles, repeated or comma-separated', async () => {
    const membership = examples[1] as string;
    const once = await run('validate', '--profile', 'us-mn', membership);
    expect(once.code).toBe(1);
    expect(once.lines.length).toBeGreaterThan(0);
    expect(once.lines.every((line) => line.includes('us-mn profile'))).toBe(true);
    const both = await run('validate', '-p', 'us-mn,de', membership);
    expect(both.lines.some((line) => line.includes('de profile'))).toBe(true);
    const repeated = await run('validate', '--profile', 'us-mn', '--profile', 'de', membership);
    expect(repeated.lines).toEqual(both.lines);
  });

  it('warnings are printed but do not fail', async () => {
    const flow = {
      id: 'w',
      version: 1,
      policy: { effective: 'immediately', refund: { type: 'none' } },
      offers: { spare: { type: 'trial_extension', days: 7 } },
      steps: [
        { id: 'confirm', type: 'confirm' },
        { id: 'done', type: 'done' },
      ],
    };
    const file = tempFile('warn.json', JSON.stringify(flow, null, 2));
    const result = await run('validate', file);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      `${file}:11:5 offers.spare warning: is never shown: no reason, step, targeting rule or experiment refers to it`,
    ]);
  });

  describe('$schema, which editors read and cancelflow ignores, is checked where it points', () => {
    const schema = join(repo, 'packages/core/flow.schema.json');
    const flow = (ref: string) => ({
      $schema: ref,
      id: 's',
      version: 1,
      policy: { effective: 'immediately', refund: { type: 'none' } },
      steps: [{ id: 'confirm', type: 'confirm' }],
    });
    /** A flow file in a fresh folder, its `$schema` on line 2 at column 14. */
    const flowFile = (ref: string) => tempFile('flow.json', JSON.stringify(flow(ref), null, 2));
    const FIX =
      'point it at node_modules/@cancelflow/core/flow.schema.json by a path relative to this file, or write one with cancelflow schema > flow.schema.json';

    it('a path relative to the flow file that reaches the schema, or a file: URL to it, is fine', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cancelflow-cli-'));
      const file = join(dir, 'flow.json');
      writeFileSync(file, JSON.stringify(flow(relative(dir, schema)), null, 2));
      expect(await run('validate', file)).toMatchObject({ code: 0, stdout: '', stderr: '1 file valid\n' });
      const url = flowFile(pathToFileURL(schema).href);
      expect(await run('validate', url)).toMatchObject({ code: 0, stdout: '' });
    });

    it('a path to no file is a warning naming where it looked (exit 0: the flow itself works)', async () => {
      const file = flowFile('./schemas/flow.schema.json');
      const result = await run('validate', file);
      expect(result.code).toBe(0);
      expect(result.lines).toEqual([
        `${file}:2:14 $schema warning: is "./schemas/flow.schema.json", but there is no file at ${join(dirname(file), 'schemas/flow.schema.json')}: editors find no schema to complete and check this flow with; ${FIX}`,
      ]);
      expect(result.stderr).toBe('1 file valid\n');
    });

    it('a URL is not fetched; the warning says so, and that cancelflow publishes none', async () => {
      const file = flowFile('https://cancelflow.example/schema/flow.json');
      const result = await run('validate', file);
      expect(result.code).toBe(0);
      expect(result.lines).toEqual([
        `${file}:2:14 $schema warning: is a URL, "https://cancelflow.example/schema/flow.json", which cancelflow validate does not fetch (it runs offline), and cancelflow publishes its schema at no URL: editors complete this flow only if that address serves this version's schema; ${FIX}`,
      ]);
    });

    it("a file that is not this version's schema (an older copy, or not JSON) is a warning", async () => {
      const file = flowFile('flow.schema.json');
      const old = join(dirname(file), 'flow.schema.json');
      const expected = `${file}:2:14 $schema warning: is "flow.schema.json", which is not this cancelflow's flow schema (an older copy?): editors would complete and check this flow against other fields than validate does; rewrite it with cancelflow schema > ${old}`;
      writeFileSync(old, '{"type": "object", "properties": {"id": {"type": "string"}}}');
      expect((await run('validate', file)).lines).toEqual([expected]);
      writeFileSync(old, 'not json');
      expect((await run('validate', file)).lines).toEqual([expected]);
      // What `cancelflow schema > flow.schema.json` writes is this version's, whatever its formatting.
      writeFileSync(old, (await run('schema')).stdout);
      expect(await run('validate', file)).toMatchObject({ code: 0, stdout: '' });
    });

    it("names the path to an installed @cancelflow/core's schema when there is one above the flow", async () => {
      // A project as getting-started.md lays it out: the flow in flows/, the packages in node_modules/.
      const project = mkdtempSync(join(tmpdir(), 'cancelflow-cli-'));
      mkdirSync(join(project, 'node_modules/@cancelflow/core'), { recursive: true });
      copyFileSync(schema, join(project, 'node_modules/@cancelflow/core/flow.schema.json'));
      mkdirSync(join(project, 'flows'));
      const file = join(project, 'flows/saas.json');
      // Written from the project's folder, not the flow's: the usual slip.
      writeFileSync(file, JSON.stringify(flow('node_modules/@cancelflow/core/flow.schema.json'), null, 2));
      const result = await run('validate', file);
      expect(result.lines).toEqual([
        `${file}:2:14 $schema warning: is "node_modules/@cancelflow/core/flow.schema.json", but there is no file at ${join(project, 'flows/node_modules/@cancelflow/core/flow.schema.json')}: editors find no schema to complete and check this flow with; point it at "../node_modules/@cancelflow/core/flow.schema.json" (the installed @cancelflow/core's), or write one with cancelflow schema > flow.schema.json`,
      ]);
      // The path it names is right.
      writeFileSync(file, JSON.stringify(flow('../node_modules/@cancelflow/core/flow.schema.json'), null, 2));
      expect(await run('validate', file)).toMatchObject({ code: 0, stdout: '' });
    });

    it("comes in source order with the flow's errors, which still fail the run", async () => {
      const bad = { ...flow('nowhere.json'), steps: [{ id: 'confirm', type: 'confirm', next: 'x' }] };
      const file = tempFile('flow.json', JSON.stringify(bad, null, 2));
      const result = await run('validate', file);
      expect(result.code).toBe(1);
      expect(result.lines[0]).toMatch(
        new RegExp(`^${file}:2:14 \\$schema warning: is "nowhere.json", but there is no file`),
      );
      expect(result.lines.length).toBeGreaterThan(1);
      expect(result.lines.slice(1).every((line) => !line.includes('$schema'))).toBe(true);
    });
  });

  it('a static flow with a bidi override in a reason label is refused, exit 1 (the widget does not check)', async () => {
    const flow = {
      id: 'reversed',
      version: 1,
      policy: { effective: 'period_end', refund: { type: 'none' } },
      steps: [
        { id: 'why', type: 'survey', reasons: [{ id: 'price', label: '\u202Eevisnepxe ooT' }] },
        { id: 'confirm', type: 'confirm' },
      ],
    };
    const file = tempFile('reversed.json', JSON.stringify(flow, null, 2));
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `${file}:17:20 steps[0].reasons[0].label contains U+202E (RIGHT-TO-LEFT OVERRIDE), which displays the text after it backwards: a button could show what it does not say. Write the text as it should read (U+200E and U+200F marks are allowed)`,
    ]);
  });

  it('malformed files get one clear line each, exit 1', async () => {
    const empty = tempFile('empty.json', '');
    const array = tempFile('array.json', '[]');
    const yaml = tempFile('flow.yaml', 'id: x\n');
    const result = await run('validate', empty, array, yaml);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `${empty}:1:1 (root) is empty; expected a JSON object with a flow config`,
      `${array}:1:1 (root) must be a JSON object with a flow config (with "id", "steps", …), not an array`,
      `${yaml}:1:1 (root): "id" is not valid JSON here`,
    ]);
  });

  it('a file over 1 MB is refused before it is read', async () => {
    const big = tempFile('big.json', `{"id": "${'x'.repeat(1_100_000)}"}`);
    const result = await run('validate', big);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([`${big}:1:1 (root) is larger than 1 MB (1100010 bytes); a flow config is a few KB`]);
  });

  it('an unreadable file is exit 1 with a message, and the other files are still checked', async () => {
    const missing = join(tmpdir(), 'cancelflow-no-such-file.json');
    const result = await run('validate', missing, tmpdir(), examples[0] as string);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `${missing}:1:1 (root) cannot be read: no such file`,
      `${tmpdir()}:1:1 (root) cannot be read: is a directory, not a file`,
    ]);
    expect(result.stderr).toBe('2 of 3 files invalid\n');
  });

  it('usage errors exit 2: no files, unknown flag, unknown profile', async () => {
    const none = await run('validate');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no files given/);
    const flag = await run('validate', '--strict', examples[0] as string);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option "--strict"/);
    const typo = await run('validate', '--profiel', 'de', examples[0] as string);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown option "--profiel" (did you mean "--profile"?)');
    const profile = await run('validate', '--profile', 'uk', examples[0] as string);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toMatch(/unknown profile "uk"; profiles are us-ftc, us-ca, us-mn, de, fr, eu/);
    expect(profile.stdout).toBe('');
  });

  it("an option without its value is said in the CLI's words, not Node's", async () => {
    for (const flag of ['-p', '--profile']) {
      const result = await run('validate', flag);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'cancelflow validate: --profile needs a value (e.g. --profile de)\nRun cancelflow validate --help for usage.\n',
      );
    }
    const flag = await run('validate', '--help=yes');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^cancelflow validate: --help takes no value\n/);
  });
});

describe('cancelflow schema', () => {
  it('prints the JSON Schema, the same as the committed file', async () => {
    const result = await run('schema');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const committed = await nodeIo().readFile(join(repo, 'packages/core/flow.schema.json'));
    expect(printed).toEqual(JSON.parse(committed));
  });

  it('takes no arguments', async () => {
    const result = await run('schema', 'extra');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'cancelflow schema: takes no arguments, got "extra"\nRun cancelflow schema --help for usage.\n',
    );
  });
});

describe('cancelflow token', () => {
  const secret = 'a-test-secret-that-is-long-enough-0123456789';

  it('prints an HS256 JWT with typed claims, nested attrs and exp = now + ttl', async () => {
    const result = await run(
      'token',
      '--secret',
      secret,
      '--site',
      'acme',
      '--sub',
      'cus_42',
      '--claim',
      'mrr=49',
      '--claim',
      'trial=true',
      '--claim',
      'plan=pro',
      '--claim',
      'attrs.seats=5',
      '--claim',
      'attrs.team=blue',
      '--ttl',
      '600',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.trim();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { currentDate: NOW });
    const now = NOW.getTime() / 1000;
    expect(payload).toEqual({
      sub: 'cus_42',
      mrr: 49,
      trial: true,
      plan: 'pro',
      attrs: { seats: 5, team: 'blue' },
      iss: 'acme',
      iat: now,
      exp: now + 600,
    });
  });

  it('defaults ttl to an hour, and the token fails verification with another secret', async () => {
    const token = (await run('token', '--secret', secret, '--sub', 'c')).stdout.trim();
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { currentDate: NOW });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
    await expect(jwtVerify(token, new TextEncoder().encode(`${secret}x`), { currentDate: NOW })).rejects.toThrow();
  });

  it('keeps strings that only look like numbers when they are not plain numbers', async () => {
    const token = (await run('token', '--secret', secret, '--sub', 'c', '--claim', 'plan=007', '--claim', 'sid=1e3'))
      .stdout;
    const { payload } = await jwtVerify(token.trim(), new TextEncoder().encode(secret), { currentDate: NOW });
    expect(payload).toMatchObject({ plan: '007', sid: '1e3' });
  });

  it('--site sets "iss", which the reference server reads the site from; without it, a warning', async () => {
    const token = (await run('token', '--secret', secret, '--site', 'acme', '--sub', 'c')).stdout.trim();
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { currentDate: NOW, issuer: 'acme' });
    expect(payload.iss).toBe('acme');
    const siteless = await run('token', '--secret', secret, '--sub', 'c');
    expect(siteless.code).toBe(0);
    expect(siteless.stderr).toBe(
      'warning: no --site: the reference server refuses a token that does not name its site (claim iss)\n',
    );
    expect(
      (await jwtVerify(siteless.stdout.trim(), new TextEncoder().encode(secret), { currentDate: NOW })).payload.iss,
    ).toBeUndefined();
  });

  it('takes the secret from CANCELFLOW_SECRET, and explains how to pass one that starts with "-"', async () => {
    const fromEnv = await runWith({ CANCELFLOW_SECRET: secret }, 'token', '--sub', 'c');
    expect(fromEnv.code).toBe(0);
    await jwtVerify(fromEnv.stdout.trim(), new TextEncoder().encode(secret), { currentDate: NOW });
    const dashed = `-${secret}`;
    const ambiguous = await run('token', '--secret', dashed, '--sub', 'c');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('a value that starts with "-" must be written --secret=<value>');
    const written = await run('token', `--secret=${dashed}`, '--sub', 'c');
    expect(written.code).toBe(0);
    await jwtVerify(written.stdout.trim(), new TextEncoder().encode(dashed), { currentDate: NOW });
  });

  it('warns about a short secret on stderr, still printing the token', async () => {
    const result = await run('token', '--secret', 'short', '--sub', 'c');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/shorter than 32 characters/);
    expect(result.stdout.split('.')).toHaveLength(3);
  });

  it('warns about a claim cancelflow does not read (a typo), naming the likely one, still printing the token', async () => {
    const signed = (...claims: string[]) =>
      run('token', '--secret', secret, '--site', 'acme', '--sub', 'c', ...claims.flatMap((c) => ['--claim', c]));
    const typo = await signed('perodEnd=2026-04-01');
    expect(typo.code).toBe(0);
    expect(typo.stderr).toBe(
      'warning: claim perodEnd is not one cancelflow reads (did you mean "periodEnd"?); a custom attribute goes under attrs (--claim attrs.perodEnd=…)\n',
    );
    expect(typo.stdout.split('.')).toHaveLength(3);
    const known = await signed('periodEnd=2026-04-01', 'email=a@b.example', 'attrs.seats=5');
    expect(known.stderr).toBe('');
  });

  it('usage errors exit 2 with a reason', async () => {
    const cases: [string[], RegExp][] = [
      [['token', '--sub', 'c'], /--secret \(or CANCELFLOW_SECRET\) is required/],
      [['token', '--secret', secret], /--sub is required/],
      [['token', '--secret', secret, '--sub', 'c', '--ttl', '1.5'], /--ttl must be a positive whole number of seconds/],
      [['token', '--secret', secret, '--sub', 'c', '--ttl', '0'], /--ttl must be .* \(at least 1\), not "0"/],
      [
        ['token', '--secret', secret, '--sub', 'c', '--ttl', '86401'],
        /--ttl must be at most 86400 \(24 hours\), not 86401/,
      ],
      [['token', '--secret', secret, '--sub', 'c', '--ttl'], /--ttl needs a value \(e\.g\. --ttl 3600\)/],
      [['token', '--secret', secret, '--sub', 'c', 'pro'], /takes only options, got "pro"/],
      [['token', '--secret', secret, '--sub', 'c', '--claim', 'plan'], /expected key=value/],
      [['token', '--secret', secret, '--sub', 'c', '--claim', 'exp=1'], /set it with --ttl/],
      // --site sets iss: the claim would be overwritten without a word (or, without --site, pass unseen).
      [
        ['token', '--secret', secret, '--site', 'acme', '--sub', 'c', '--claim', 'iss=other'],
        /--claim iss: set it with --site/,
      ],
      [['token', '--secret', secret, '--sub', 'c', '--claim', 'iss=acme'], /--claim iss: set it with --site/],
      // A flat attrs replaced the attrs.<name> claims, or they replaced it, depending on the order.
      [
        ['token', '--secret', secret, '--sub', 'c', '--claim', 'attrs.seats=5', '--claim', 'attrs=3'],
        /--claim attrs: set custom attributes one at a time, e\.g\. --claim attrs\.seats=5/,
      ],
      [['token', '--secret', secret, '--sub', 'c', '--claim', 'attrs=3', '--claim', 'attrs.seats=5'], /--claim attrs:/],
      [
        ['token', '--secret', secret, '--sub', 'c', '--claim', 'plan=a', '--claim', 'plan=b'],
        /--claim plan: given twice \("plan=a" and "plan=b"\)/,
      ],
      [['token', '--secret', secret, '--sub', 'c', '--claim', 'a.b=1'], /only attrs.<name> may be nested/],
      [
        ['token', '--secret', secret, '--sub', 'c', '--claim', 'country=usa'],
        /claim country must be an ISO 3166-1 code in capitals, e\.g\. DE, not "usa"/,
      ],
      [
        ['token', '--secret', secret, '--sub', 'c', '--claim', 'currency=usd'],
        /claim currency must be an ISO 4217 code in capitals, e\.g\. USD, not "usd"/,
      ],
      // Every claim checked with a pattern says what it must be in words, never the regex.
      ...['since', 'trialEnds', 'periodEnd', 'lastPaymentOn'].map((claim): [string[], RegExp] => [
        ['token', '--secret', secret, '--sub', 'c', '--claim', `${claim}=yesterday`],
        new RegExp(
          `claim ${claim} must be a date YYYY-MM-DD \\(or a date-time with its offset, [^)]*\\), not "yesterday"\n`,
        ),
      ]),
      [['token', '--secret', secret, '--sub', 'c', '--claim', 'mrr=lots'], /claim mrr must be a number, not "lots"/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/pattern|\/\^/);
      expect(result.stdout).toBe('');
    }
  });
});

describe('help and commands', () => {
  it('--help, help <command> and <command> --help print usage and exit 0', async () => {
    const main = await run('--help');
    expect(main.code).toBe(0);
    for (const command of ['validate', 'schema', 'token', 'serve', 'demo'])
      expect(main.stdout).toContain(`cancelflow ${command}`);
    const validate = await run('validate', '--help');
    expect(validate.stdout).toMatch(/^Usage: cancelflow validate/);
    expect(validate.stdout).toMatch(/Exit codes: 0 all valid/);
    expect((await run('help', 'token')).stdout).toMatch(/^Usage: cancelflow token/);
  });

  it('--help points at docs an installed CLI can reach (docs/ is not in the npm package)', async () => {
    const help = (await run('--help')).stdout;
    expect(help).toContain('https://github.com/cancelflow/cancelflow/blob/main/docs/cli.md');
    expect(help).toContain('https://github.com/cancelflow/cancelflow/blob/main/docs/config.md');
    expect(help).not.toMatch(/Docs: docs\//);
  });

  it('no command or an unknown one is a usage error', async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run('serv');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /unknown command "serv" \(did you mean "serve"\?\); commands are validate, schema, token/,
    );
    for (const topic of ['serv', 'constructor']) {
      const help = await run('help', topic);
      expect(help.code).toBe(2);
      expect(help.stdout).toBe('');
      expect(help.stderr).toMatch(new RegExp(`^cancelflow help: no command "${topic}"; commands are validate, schema`));
    }
  });

  it('demo --flow with a file that is not there names the option and the file', async () => {
    const missing = join(tmpdir(), 'cancelflow-no-such-flow.json');
    const result = await run('demo', '--flow', missing, '--port', '0', '--server-port', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^cancelflow demo: --flow ${missing}: no such file\n`));
  });

  it('takes the `--` that `pnpm <script> -- --flag` hands on, before the command or its options', async () => {
    for (const argv of [
      ['--', 'schema', '--help'],
      ['schema', '--', '--help'],
    ]) {
      const result = await run(...argv);
      expect([argv, result.code]).toEqual([argv, 0]);
      expect(result.stdout).toMatch(/^Usage: cancelflow schema/);
    }
  });

  it('--version prints the package version', async () => {
    const result = await run('--version');
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
