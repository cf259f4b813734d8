import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigReference, rowsOf } from '../scripts/reference-docs.ts';
import { generateJsonSchema, validateFlowSource } from '../src/validate/index.ts';

const repo = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), 'utf8');
const REGENERATE =
  'run `pnpm --filter @cancelflow/core build` (it runs packages/core/scripts/gen.mjs) and commit the result';

/** The same formatting gen.mjs applies, so the comparison is exact. */
function biomeFormat(content: string, path: string): string {
  const biome = new URL('node_modules/.bin/biome', repo).pathname;
  const result = spawnSync(biome, ['format', `--stdin-file-path=${path}`], { input: content, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

describe('generated files are up to date', () => {
  const schema = generateJsonSchema();

  it('packages/core/flow.schema.json matches the schema', () => {
    const committed = read('packages/core/flow.schema.json');
    const fresh = biomeFormat(`${JSON.stringify(schema, null, 2)}\n`, 'packages/core/flow.schema.json');
    expect(committed === fresh, `packages/core/flow.schema.json is stale: ${REGENERATE}`).toBe(true);
  });

  it('docs/config.md matches the schema', () => {
    const example = read('examples/flows/saas.json');
    const fresh = biomeFormat(
      renderConfigReference({ schema, example, exampleName: 'examples/flows/saas.json' }),
      'docs/config.md',
    );
    expect(read('docs/config.md') === fresh, `docs/config.md is stale: ${REGENERATE}`).toBe(true);
  });
});

describe('the JSON Schema', () => {
  const schema = generateJsonSchema() as {
    properties: Record<string, { description?: string }>;
    required: string[];
  };

  it('describes the input: defaulted fields are optional, required ones required', () => {
    expect(schema.required.sort()).toEqual(['id', 'policy', 'steps', 'version']);
    expect(schema.properties.defaultLocale).toMatchObject({ default: 'en' });
  });

  it('carries the documented descriptions and examples, and a pattern for URLs', () => {
    expect(schema.properties.version?.description).toMatch(/Bump it on every change/);
    const text = JSON.stringify(schema);
    expect(text).toContain('"format":"uri"');
    expect(text).toContain('"examples":["SAVE30"]');
  });

  it('is the schema example flows point to with $schema', () => {
    for (const name of ['saas.json', 'membership.json', 'de-streaming.json']) {
      const flow = JSON.parse(read(`examples/flows/${name}`)) as { $schema: string };
      expect(new URL(flow.$schema, new URL(`examples/flows/${name}`, repo)).pathname).toBe(
        new URL('packages/core/flow.schema.json', repo).pathname,
      );
      expect(validateFlowSource(read(`examples/flows/${name}`)).problems).toEqual([]);
    }
  });
});

describe('docs/config.md', () => {
  const schema = generateJsonSchema();
  const example = read('examples/flows/saas.json');
  const markdown = renderConfigReference({ schema, example, exampleName: 'examples/flows/saas.json' });

  it('has the sections the reference promises', () => {
    for (const heading of [
      '## Top level',
      '## Policy',
      '## Offers',
      '## Steps',
      '## Targeting',
      '## Experiments',
      '## Limits',
      '## Theme',
      '## A complete example',
    ]) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    for (const type of ['discount', 'pause', 'plan_change', 'trial_extension', 'contact', 'redirect', 'custom']) {
      expect(markdown).toContain(`### \`${type}\``);
    }
  });

  it('explains every field of the top level with a description and a type', () => {
    const rows = rowsOf(schema as never, '', JSON.parse(example));
    expect(rows.length).toBeGreaterThan(40);
    const undocumented = rows.filter((row) => row.description === '' || row.type === 'any').map((row) => row.path);
    expect(undocumented).toEqual([]);
  });

  it('gives every leaf field in the rendered tables an example', () => {
    const missing = markdown
      .split('\n')
      .filter(
        (line) => line.startsWith('| `') && !/\| (object|list of objects[^|]*|one of the forms below) \|/.test(line),
      )
      .filter((line) => line.trimEnd().endsWith('|  |'));
    expect(missing).toEqual([]);
  });
});
