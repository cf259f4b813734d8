import { readFileSync } from 'node:fs';
import type { FlowConfig } from '@cancelflow/core';
import { formatProblem, validateFlowSource } from '@cancelflow/core/validate';
import { ConfigError } from './errors.ts';

/**
 * Reads and validates one flow file with core's validator (the one `cancelflow validate` runs), so a
 * problem is reported as `file:line:col path message`. A broken flow stops start-up: a server that
 * could not read its flow would fail every subscriber at the worst moment.
 */
export function loadFlowFile(path: string): FlowConfig {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${path}: cannot read the flow file (${code === 'ENOENT' ? 'not found' : (code ?? error)})`);
  }
  const result = validateFlowSource(source);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.config || errors.length > 0) {
    throw new ConfigError(`invalid flow:\n${errors.map((p) => formatProblem(p, path)).join('\n')}`);
  }
  return result.config;
}
