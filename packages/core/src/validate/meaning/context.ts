import type { ProfileId } from '../../compliance/ids.ts';
import type { FlowConfig } from '../../config/flow.ts';
import type { Reason, Step } from '../../config/steps.ts';
import type { PathSegment } from '../problems.ts';
import type { Report } from '../report.ts';

/** What every meaning check gets: the shape-valid config, where to report, the profiles in force. */
export interface CheckContext {
  readonly config: FlowConfig;
  readonly report: Report;
  readonly profiles: ReadonlySet<ProfileId>;
  /** The index of the (first) confirm step; undefined when the flow has none. */
  readonly confirmIndex: number | undefined;
}

export function createContext(config: FlowConfig, report: Report, profiles: ReadonlySet<ProfileId>): CheckContext {
  const index = config.steps.findIndex((step) => step.type === 'confirm');
  return { config, report, profiles, confirmIndex: index === -1 ? undefined : index };
}

export interface LocatedReason {
  readonly reason: Reason;
  readonly stepIndex: number;
  readonly path: PathSegment[];
}

/** Every reason of every survey step, with its path. */
export function reasonsOf(steps: readonly Step[]): LocatedReason[] {
  return steps.flatMap((step, stepIndex) =>
    step.type === 'survey'
      ? step.reasons.map((reason, index) => ({ reason, stepIndex, path: ['steps', stepIndex, 'reasons', index] }))
      : [],
  );
}

/** Offer swaps of targeting rules and experiment variants: reason id → offer id (or null), with paths. */
export interface LocatedSwaps {
  readonly path: PathSegment[];
  readonly offers?: Readonly<Record<string, string | null>>;
  readonly copy?: Readonly<Record<string, unknown>>;
}

export function swapsOf(config: FlowConfig): LocatedSwaps[] {
  return [
    ...(config.targeting ?? []).map((rule, index) => ({
      path: ['targeting', index],
      offers: rule.offers,
      copy: rule.copy,
    })),
    ...(config.experiments ?? []).flatMap((experiment, i) =>
      experiment.variants.map((variant, j) => ({
        path: ['experiments', i, 'variants', j],
        offers: variant.offers,
        copy: variant.copy,
      })),
    ),
  ];
}

export function hasOwn(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}
