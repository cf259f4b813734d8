import type { FlowEngine, ResolvedFlow, SubscriberClaims, Translator } from '@cancelflow/core';
import type { OpenOptions } from '../runner/contract.ts';

/**
 * What every view gets, as a plain prop: the engine to read and drive, the resolved flow, and the
 * words. No context or hooks on the first screen's path: Preact's hooks module is kept off the
 * bytes fetched before the modal is interactive (the later, lazily loaded views may use them).
 */
export interface Ui {
  readonly engine: FlowEngine;
  readonly flow: ResolvedFlow;
  readonly t: Translator;
  readonly subscriber: SubscriberClaims;
  readonly now: () => Date;
  readonly renderers: NonNullable<OpenOptions['renderers']>;
}

export interface StepProps<S> {
  readonly step: S;
  readonly ui: Ui;
}
