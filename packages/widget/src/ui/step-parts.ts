import type { StepType } from '@cancelflow/core';
import type { LaterPart } from './translator.ts';

/**
 * The catalog parts each lazily loaded step's screen shows, besides the first screen's (always in):
 * a step waits for these, and only these, before it can show. The receipt on the done step repeats the
 * confirm step's terms, and what a saved subscriber changed is worded as its offer was. The widget's build copies this map into click-path.json, so that the size check
 * counts for a flow opening on a step exactly the strings that step fetches.
 */
export const STEP_PARTS = {
  offer: ['offer'],
  feedback: ['later'],
  custom: ['later'],
  confirm: ['confirm'],
  done: ['confirm', 'offer', 'later'],
} as const satisfies Record<Exclude<StepType, 'survey'>, readonly LaterPart[]>;
