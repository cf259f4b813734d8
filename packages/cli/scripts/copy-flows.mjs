// Copies the example flows into dist/flows, so that the published CLI has them: `cancelflow demo`
// runs without the repository, and a site can start from `@cancelflow/cli/dist/flows/saas.json`.
// Their `$schema` is made to point at @cancelflow/core's schema next to this package in node_modules.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const from = new URL('../../../examples/flows/', import.meta.url);
const to = new URL('../dist/flows/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from).filter((file) => file.endsWith('.json'))) {
  const text = readFileSync(new URL(name, from), 'utf8').replace(
    '"$schema": "../../packages/core/flow.schema.json"',
    '"$schema": "../../../core/flow.schema.json"',
  );
  writeFileSync(new URL(name, to), text);
}
