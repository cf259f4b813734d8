import type { EventPayloads, FlowEventType } from '../events.ts';
import type { EngineState } from './types.ts';

/** An event before the engine stamps it with an id, the session and a time. */
export type Draft = { [T in FlowEventType]: { readonly type: T; readonly payload: EventPayloads[T] } }[FlowEventType];
/** A listener's error, held until the engine has finished its transition (then re-thrown). */
export type Failure = { readonly error: unknown } | undefined;

export const draft = <T extends FlowEventType>(type: T, payload: EventPayloads[T]) => ({ type, payload }) as Draft;

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function raise(...failures: Failure[]): void {
  const first = failures.find((f) => f !== undefined);
  if (first) throw first.error;
}

/** Everything the subscriber wrote: the reason's follow-up answer, then the feedback step's text. */
export function writtenText(state: EngineState): string | undefined {
  return [state.followUp.trim(), state.feedback.trim()].filter(Boolean).join('\n\n') || undefined;
}
