/**
 * `@cancelflow/core/validate`: the flow config validator and JSON Schema, for the CLI, the server
 * and the dashboard's editor. Pure TypeScript: runs in Node and in browsers.
 */
export { issueMessage } from './issue-messages.ts';
export { generateJsonSchema } from './json-schema.ts';
export { MAX_SOURCE_LENGTH } from './parse.ts';
export {
  formatPath,
  formatProblem,
  MAX_PROBLEMS,
  type PathSegment,
  type Problem,
  problemText,
} from './problems.ts';
export { type ValidateOptions, type ValidationResult, validateFlowSource } from './validate-source.ts';
export { didYouMean } from './words.ts';
