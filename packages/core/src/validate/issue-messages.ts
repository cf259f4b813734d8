import type * as z from 'zod/mini';
import { describeValue, didYouMean, listOf, plural } from './words.ts';

type RawIssue = z.core.$ZodRawIssue;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

function expected(name: string): string {
  return EXPECTED[name] ?? name;
}

/**
 * The error map for flow configs: each message completes a sentence that starts with the field's
 * path ("steps[1].type" + " must be one of …"). zod/mini ships no messages, and zod's English
 * locale reads "Invalid input: expected …" without naming the field; schema-level messages (a
 * regex's "must be …") still take precedence over this map.
 */
export function issueMessage(issue: RawIssue): string {
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${expected(issue.expected)})`
        : `must be ${expected(issue.expected)}, not ${found}`;
    case 'invalid_value': {
      const allowed = issue.values;
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, allowed.map(String)) : '';
      if (allowed.length === 1) return `must be ${JSON.stringify(allowed[0])}, not ${found}`;
      return `must be one of ${listOf(allowed)}, not ${found}${hint}`;
    }
    case 'invalid_union':
      if (issue.discriminator !== undefined && issue.options) {
        // The issue is about the whole object; the message is about its discriminator field.
        const options = issue.options as readonly unknown[];
        const input = issue.input;
        const value =
          typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : input;
        const hint = typeof value === 'string' ? didYouMean(value, options.map(String)) : '';
        return value === undefined
          ? `is required (one of ${listOf(options)})`
          : `must be one of ${listOf(options)}, not ${describeValue(value)}${hint}`;
      }
      return `does not match any allowed form, found ${found}`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false, found);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false, found);
    case 'invalid_format':
      if (issue.format === 'email') return `must be an email address such as "support@example.com", not ${found}`;
      if (issue.format === 'regex' && issue.pattern) return `must match the pattern ${issue.pattern}, not ${found}`;
      return `must be a valid ${issue.format}, not ${found}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, not ${found}`;
    case 'unrecognized_keys':
      return `has unknown fields: ${listOf(issue.keys)}`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    case 'custom':
      return 'is not valid';
  }
}

function tooSmall(origin: string, minimum: number, inclusive: boolean, found: string): string {
  if (origin === 'string')
    return minimum <= 1 ? 'must not be empty' : `must be at least ${plural(minimum, 'character')} long`;
  if (origin === 'array' || origin === 'set') return `must have at least ${plural(minimum, 'item')}`;
  return `must be ${inclusive ? 'at least' : 'greater than'} ${minimum}, not ${found}`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean, found: string): string {
  if (origin === 'string') return `must be at most ${plural(maximum, 'character')} long`;
  if (origin === 'array' || origin === 'set') return `must have at most ${plural(maximum, 'item')}`;
  return `must be ${inclusive ? 'at most' : 'less than'} ${maximum}, not ${found}`;
}
