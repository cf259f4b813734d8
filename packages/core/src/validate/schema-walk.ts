import type * as z from 'zod/mini';
import { Text } from '../config/primitives.ts';
import type { PathSegment } from './problems.ts';

type Schema = z.core.$ZodType;
type AnyDef = z.core.$ZodTypeDef & Record<string, unknown>;

function defOf(schema: Schema): AnyDef {
  return schema._zod.def as AnyDef;
}

/** Looks through wrappers that do not change a value's shape (optional, default, nullable). */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
      current = def.innerType as Schema;
    } else return current;
  }
}

/**
 * Whether this is the `Text` schema (a string, or one string per locale). Documented copies are
 * `Text.clone()`, which shares its definition.
 */
export function isText(schema: Schema): boolean {
  return defOf(unwrap(schema)) === defOf(Text);
}

/** The values a union option's discriminator accepts (a literal, or an enum). */
function discriminatorValues(option: Schema, discriminator: string): readonly unknown[] {
  const shape = defOf(unwrap(option)).shape as Record<string, Schema> | undefined;
  const field = shape?.[discriminator];
  if (!field) return [];
  const def = defOf(unwrap(field));
  if (def.type === 'literal') return def.values as unknown[];
  if (def.type === 'enum') return Object.values(def.entries as Record<string, unknown>);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The union option `value` is meant for: by discriminator, else the first whose kind fits. */
function pickOption(def: AnyDef, value: unknown): Schema | undefined {
  const options = def.options as Schema[];
  const discriminator = def.discriminator as string | undefined;
  if (discriminator !== undefined) {
    if (!isRecord(value)) return undefined;
    return options.find((option) => discriminatorValues(option, discriminator).includes(value[discriminator]));
  }
  return options.find((option) => {
    const type = defOf(unwrap(option)).type;
    if (isRecord(value)) return type === 'object' || type === 'record';
    if (Array.isArray(value)) return type === 'array';
    return type === typeof value;
  });
}

/** The schema of `value[segment]`, given the schema of `value`. */
export function childSchema(schema: Schema, value: unknown, segment: PathSegment): Schema | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
      return (def.shape as Record<string, Schema>)[segment];
    case 'array':
      return def.element as Schema;
    case 'record':
      return def.valueType as Schema;
    case 'union': {
      const option = pickOption(def, value);
      return option && childSchema(option, value, segment);
    }
    default:
      return undefined;
  }
}

/** The schema at `path` inside `root`, resolving unions against the data. */
export function schemaAt(root: Schema, rootValue: unknown, path: readonly PathSegment[]): Schema | undefined {
  let schema: Schema | undefined = root;
  let value = rootValue;
  for (const segment of path) {
    if (!schema) return undefined;
    const inner = unwrap(schema);
    const def = defOf(inner);
    schema = def.type === 'union' ? (pickOption(def, value) ?? inner) : schema;
    schema = childSchema(schema, value, segment);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return schema;
}

/** The fields an object schema (or the union option the value picks) accepts. */
export function knownFields(schema: Schema | undefined, value: unknown): string[] {
  if (!schema) return [];
  let def = defOf(unwrap(schema));
  if (def.type === 'union') {
    const option = pickOption(def, value);
    if (!option) return [];
    def = defOf(unwrap(option));
  }
  return def.type === 'object' ? Object.keys(def.shape as Record<string, Schema>) : [];
}

/** Calls `visit` for every `Text` value in `value`, with its path. */
export function walkTexts(
  schema: Schema,
  value: unknown,
  visit: (text: string | Record<string, string>, path: PathSegment[]) => void,
  path: PathSegment[] = [],
): void {
  if (value === undefined || value === null) return;
  if (isText(schema)) {
    visit(value as string | Record<string, string>, path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const child = childSchema(schema, value, index);
      if (child) walkTexts(child, item, visit, [...path, index]);
    });
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const child = childSchema(schema, value, key);
      if (child) walkTexts(child, item, visit, [...path, key]);
    }
  }
}
