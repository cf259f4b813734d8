/**
 * Renders docs/config.md from the flow's JSON Schema, so the reference cannot drift from the
 * schema: every field with its path, type, whether it is required (or its default), its
 * description and an example. Used by packages/core/scripts/gen.mjs and the staleness test.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
}

export interface ReferenceRow {
  readonly path: string;
  readonly type: string;
  readonly presence: string;
  readonly description: string;
  readonly example?: string;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function isText(schema: JsonSchema): boolean {
  const [plain, perLocale] = schema.anyOf ?? [];
  return (
    schema.anyOf?.length === 2 &&
    plain?.type === 'string' &&
    perLocale?.type === 'object' &&
    typeof perLocale.additionalProperties === 'object' &&
    perLocale.additionalProperties.type === 'string'
  );
}

function range(low: number | undefined, high: number | undefined, unit = ''): string {
  const top = high === undefined || high >= MAX_SAFE ? undefined : high;
  if (low === undefined && top === undefined) return '';
  if (top === undefined) return ` ≥ ${low}${unit}`;
  if (low === undefined) return ` ≤ ${top}${unit}`;
  return ` ${low}–${top}${unit}`;
}

function record(schema: JsonSchema): JsonSchema | undefined {
  return schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object'
    ? schema.additionalProperties
    : undefined;
}

/** A short, readable type: `text`, `"a" \| "b"`, `integer 1–12`, `object[]`, `map of id → offer`. */
export function typeName(schema: JsonSchema): string {
  if (isText(schema)) return '[text](#texts)';
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' \\| ');
  if (schema.oneOf) return 'one of the forms below';
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' or ');
  if (Array.isArray(schema.type)) return schema.type.map((type) => typeName({ ...schema, type })).join(' or ');
  switch (schema.type) {
    case 'string':
      return schema.format === 'uri' ? 'URL' : schema.format === 'email' ? 'email' : 'string';
    case 'integer':
      return `integer${range(schema.minimum, schema.maximum)}`;
    case 'number':
      return `number${range(schema.minimum ?? schema.exclusiveMinimum, schema.maximum)}`;
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const items = schema.items ? typeName(schema.items) : 'any';
      const count = range(schema.minItems, schema.maxItems, ' items');
      const plural =
        items.startsWith('one of') || items === 'object' ? 'objects' : items === 'string' ? 'strings' : items;
      return `list of ${plural}${count ? ` (${count.trim()})` : ''}`;
    }
    case 'object': {
      const values = record(schema);
      if (!values) return 'object';
      const keys = schema.propertyNames?.enum ? 'offer type' : 'id';
      return `map of ${keys} → ${values.oneOf ? 'object' : typeName(values)}`;
    }
    default:
      return 'any';
  }
}

/** Inline JSON with a space after "," and ":" (`{"a": 1, "b": [2, 3]}`), for table cells. */
function code(value: unknown): string {
  const spaced = JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, ' ')
    .replace(/([[{]) /g, '$1')
    .replace(/ ([\]}])/g, '$1');
  return `\`${spaced.replaceAll('|', '\\|')}\``;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Finds `path` (with `[]` for any item and `<id>` for any key) in the example flow. */
function findExample(example: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return example;
  const [head, ...rest] = path as [string, ...string[]];
  if (typeof example !== 'object' || example === null) return undefined;
  const children =
    head === '[]' || head === '<id>' ? Object.values(example) : [(example as Record<string, unknown>)[head]];
  for (const child of children) {
    const found = child === undefined ? undefined : findExample(child, rest);
    if (found !== undefined) return found;
  }
  return undefined;
}

function splitPath(path: string): string[] {
  return path.split(/\.|(?=\[\])/).filter((part) => part !== '');
}

function exampleOf(schema: JsonSchema, path: string, example: unknown): string | undefined {
  const fromExample = findExample(example, splitPath(path));
  if (fromExample !== undefined && JSON.stringify(fromExample).length <= 60) return code(fromExample);
  if (schema.examples?.[0] !== undefined) return code(schema.examples[0]);
  if (schema.const !== undefined) return code(schema.const);
  if (schema.enum?.[0] !== undefined) return code(schema.enum[0]);
  if (schema.default !== undefined) return code(schema.default);
  return undefined;
}

/** One row per field of `schema` under `prefix`, descending into plain objects, lists and maps of them. */
export function rowsOf(
  schema: JsonSchema,
  prefix: string,
  example: unknown,
  stop: readonly string[] = [],
): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const required = schema.required?.includes(key) ?? false;
    const presence = required
      ? 'required'
      : field.default !== undefined
        ? `default ${code(field.default)}`
        : 'optional';
    const exampleText = exampleOf(field, path, example);
    // A discriminator (`"type": "pause"`) explains itself; the section heading names the form.
    const selects = field.const === undefined ? '' : `Selects this form: ${code(field.const)}.`;
    rows.push({
      path,
      type: typeName(field),
      presence,
      description: field.description ?? selects,
      ...(exampleText === undefined ? {} : { example: exampleText }),
    });
    if (stop.includes(key)) continue;
    if (field.properties) rows.push(...rowsOf(field, path, example));
    else if (field.items?.properties) rows.push(...rowsOf(field.items, `${path}[]`, example));
    const values = record(field);
    if (values?.properties) rows.push(...rowsOf(values, `${path}.<id>`, example));
  }
  return rows;
}

function table(rows: readonly ReferenceRow[]): string {
  const lines = ['| Field | Type | Required | Description | Example |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows)
    lines.push(
      `| \`${cell(row.path)}\` | ${row.type} | ${row.presence} | ${cell(row.description)} | ${row.example ?? ''} |`,
    );
  return lines.join('\n');
}

/** The example flow with only the items of one variant left at `at` (e.g. only the pause offers). */
function narrow(example: unknown, at: readonly string[], discriminator: string, tag: unknown): unknown {
  if (typeof example !== 'object' || example === null) return undefined;
  const matches = (item: unknown) =>
    typeof item === 'object' && item !== null && (item as Record<string, unknown>)[discriminator] === tag;
  if (at.length === 0) {
    if (Array.isArray(example)) return example.filter(matches);
    if (matches(example)) return example;
    return Object.fromEntries(Object.entries(example).filter(([, item]) => matches(item)));
  }
  const [head, ...rest] = at as [string, ...string[]];
  const record = example as Record<string, unknown>;
  return { ...record, [head]: narrow(record[head], rest, discriminator, tag) };
}

function variants(
  union: JsonSchema | undefined,
  discriminator: string,
  prefix: string,
  example: unknown,
  level = '###',
): string[] {
  const parts: string[] = [];
  const at = splitPath(prefix).filter((part) => part !== '[]' && part !== '<id>');
  for (const option of union?.oneOf ?? []) {
    const tag = option.properties?.[discriminator]?.const;
    const rows = rowsOf(option, prefix, narrow(example, at, discriminator, tag));
    parts.push(`${level} \`${String(tag)}\``, '', option.description ?? '', '', table(rows), '');
  }
  return parts;
}

export interface ReferenceInput {
  readonly schema: Record<string, unknown>;
  /** A complete, valid flow: examples are taken from it, and it is shown at the end. */
  readonly example: string;
  readonly exampleName: string;
}

/** The whole reference page, as Markdown. */
export function renderConfigReference({ schema: root, example, exampleName }: ReferenceInput): string {
  const schema = root as JsonSchema;
  const flow = JSON.parse(example) as unknown;
  const field = (name: string) => schema.properties?.[name] ?? {};
  const sections = ['policy', 'offers', 'steps', 'targeting', 'experiments', 'limits', 'theme', 'winback'];
  const policy = field('policy');
  const targetingRule = field('targeting').items ?? {};
  const experiment = field('experiments').items ?? {};

  return [
    '# Flow config reference',
    '',
    '<!-- Generated from the schema by `pnpm --filter @cancelflow/core build` (packages/core/scripts/gen.mjs). Do not edit by hand. -->',
    '',
    schema.description ?? '',
    'A flow config is one JSON file. Start it with `"$schema": "../../packages/core/flow.schema.json"` (a path to',
    '`@cancelflow/core/flow.schema.json`) and editors complete and check every field as you type;',
    '`cancelflow validate flow.json` checks what a schema cannot: references, translations, step order and',
    'the compliance profiles the flow declares (see [the CLI](cli.md)).',
    '',
    '## Conventions',
    '',
    '- **Paths** read like `steps[].reasons[].offer`: `[]` is any item of a list, `<id>` any key of a map.',
    '- **Ids** are 1–64 letters, digits, `_` or `-`. They appear in analytics and webhooks, so keep them stable.',
    '- **URLs** must be absolute `https://` (or `http://`) URLs; `javascript:`, `data:` and relative URLs are refused.',
    '',
    '### Texts',
    '',
    'Every visible string is a *text*: either a plain string, written in `defaultLocale`, or an object with one',
    'string per locale, such as `{"en": "Too expensive", "de": "Zu teuer"}`. When the flow declares `locales`,',
    'every text object must give each of them, and a plain string is only allowed when it declares one locale.',
    'Texts you leave out fall back to built-in, translated defaults.',
    '',
    '## Top level',
    '',
    table(rowsOf(schema, '', flow, sections)),
    '',
    '## Policy',
    '',
    policy.description ?? '',
    '',
    table(rowsOf(policy, 'policy', flow)),
    '',
    '### Refund rules (`policy.refund`)',
    '',
    ...variants(policy.properties?.refund, 'type', 'policy.refund', flow, '####'),
    '## Offers',
    '',
    field('offers').description ?? '',
    'Every offer has a `type`; each type has its own fields, below.',
    '',
    ...variants(record(field('offers')), 'type', 'offers.<id>', flow),
    '## Steps',
    '',
    field('steps').description ?? '',
    'Each step has an `id` and a `type`; each type has its own fields, below.',
    '',
    ...variants(field('steps').items, 'type', 'steps[]', flow),
    '## Targeting',
    '',
    targetingRule.description ?? '',
    '',
    table(rowsOf(targetingRule, 'targeting[]', flow, ['when'])),
    '',
    '### Conditions (`targeting[].when[]`)',
    '',
    ...(targetingRule.properties?.when?.items?.oneOf ?? []).flatMap((condition) => [
      `#### ${typeName(condition.properties?.op ?? {})}`,
      '',
      condition.description ?? '',
      '',
      table(rowsOf(condition, 'targeting[].when[]', flow)),
      '',
    ]),
    '## Experiments',
    '',
    experiment.description ?? '',
    '',
    table(rowsOf(experiment, 'experiments[]', flow)),
    '',
    '## Limits',
    '',
    field('limits').description ?? '',
    '',
    table(rowsOf(field('limits'), 'limits', flow)),
    '',
    '## Theme',
    '',
    field('theme').description ?? '',
    '',
    table(rowsOf(field('theme'), 'theme', flow)),
    '',
    '## Win-back',
    '',
    field('winback').description ?? '',
    '',
    table(rowsOf(field('winback'), 'winback', flow)),
    '',
    '## A complete example',
    '',
    `\`${exampleName}\`, which \`cancelflow validate\` accepts with no problems:`,
    '',
    '```json',
    example.trimEnd(),
    '```',
    '',
  ].join('\n');
}
