import { PROFILE_IDS, type ProfileId } from '../compliance/ids.ts';
import type { FlowConfig } from '../config/flow.ts';
import { checkMeaning, createContext } from './meaning/index.ts';
import { parseSource } from './parse.ts';
import type { Problem } from './problems.ts';
import { checkShape } from './shape.ts';

export interface ValidateOptions {
  /** Profiles to check on top of the config's own `compliance` (and `us-ftc`, which always applies). */
  readonly profiles?: readonly ProfileId[];
  /**
   * @deprecated Not used: whole-file messages read like the others ("(root) is empty; …"), and the file's
   * name is the caller's to print (formatProblem). Kept so that existing callers still compile.
   */
  readonly fileName?: string;
}

export interface ValidationResult {
  /** The parsed config, with defaults applied; present only when there is no error (warnings allowed). */
  readonly config?: FlowConfig;
  /** In source order; at most MAX_PROBLEMS plus one "…and N more". */
  readonly problems: Problem[];
}

/**
 * Validates a flow config's source text: JSON syntax, shape, meaning (references, ids, translations,
 * step order) and compliance with the declared profiles. Every problem carries the line and column
 * of the value it is about. Never throws on bad input.
 */
export function validateFlowSource(source: string, options: ValidateOptions = {}): ValidationResult {
  // A byte-order mark (some Windows editors write one) is not a column an editor counts.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const { report, value } = parseSource(text);
  if (!value || report.hasErrors) return { problems: report.problems() };

  const config = checkShape(value, report);
  // Meaning checks need a config of the right shape; until then, shape errors are the ones to fix.
  if (!config) return { problems: report.problems() };

  const profiles = new Set<ProfileId>(['us-ftc', ...(config.compliance ?? []), ...(options.profiles ?? [])]);
  checkMeaning(createContext(config, report, new Set(PROFILE_IDS.filter((id) => profiles.has(id)))));
  return report.hasErrors ? { problems: report.problems() } : { config, problems: report.problems() };
}
