// Generates packages/core/flow.schema.json and docs/config.md from the flow schema (run by `build`,
// after tsc). The test packages/core/test/validate-generated.test.ts fails when either is stale.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateJsonSchema } from '../dist/validate/index.js';
import { renderConfigReference } from './reference-docs.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const biome = `${repo}node_modules/.bin/biome`;

/** Formats like `biome ci` expects, so the generated files pass the lint step as they are. */
function format(content, path) {
  const result = spawnSync(biome, ['format', `--stdin-file-path=${path}`], { input: content, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`biome could not format ${path}:\n${result.stderr}`);
  return result.stdout;
}

const EXAMPLE = 'examples/flows/saas.json';
const schema = generateJsonSchema();
const outputs = {
  'packages/core/flow.schema.json': `${JSON.stringify(schema, null, 2)}\n`,
  'docs/config.md': renderConfigReference({
    schema,
    example: readFileSync(`${repo}${EXAMPLE}`, 'utf8'),
    exampleName: EXAMPLE,
  }),
};
for (const [path, content] of Object.entries(outputs)) {
  writeFileSync(`${repo}${path}`, format(content, path));
  console.log(`wrote ${path}`);
}
