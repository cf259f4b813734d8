import * as z from 'zod/mini';

export interface FieldDoc {
  /** One or two sentences for the generated reference (docs/config.md) and editor tooltips. */
  readonly description: string;
  /** A JSON value shown as the field's example in the docs and offered by editors. */
  readonly examples?: readonly unknown[];
  readonly title?: string;
}

/**
 * Attaches documentation to a schema through zod's global registry, which `z.toJSONSchema` reads:
 * one definition feeds the validator, the JSON Schema editors use, and the generated docs.
 */
export function doc<T extends z.core.$ZodType>(schema: T, meta: FieldDoc): T {
  // Without examples of its own, a documented clone keeps its parent's (the registry merges them),
  // so an explicit `examples: undefined` must not be written.
  const { examples, ...rest } = meta;
  z.globalRegistry.add(schema, examples ? { ...rest, examples: [...examples] } : rest);
  return schema;
}
