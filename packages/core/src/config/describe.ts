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
  z.globalRegistry.add(schema, { ...meta, examples: meta.examples ? [...meta.examples] : undefined });
  return schema;
}
