/** Event types in plain words, for a session's path ("picked too_expensive"). */
const WORDS: Record<string, string> = {
  session_started: 'started',
  step_viewed: 'saw step',
  reason_selected: 'picked',
  offer_shown: 'was offered',
  offer_accepted: 'accepted',
  offer_declined: 'declined',
  feedback_submitted: 'wrote feedback in',
  cancel_confirmed: 'confirmed the cancel',
  session_abandoned: 'closed at',
  session_completed: 'ended',
  action_failed: 'billing failed on',
};

/**
 * The words for an event without the step it could name: a session closed before the widget knew
 * its step (the event's `stepId` is optional; sample sessions never have one) read "closed at", cut off.
 */
const ALONE: Record<string, string> = {
  session_abandoned: 'closed the flow',
};

/** The words for one step of a path, and the id it names (shown as code), if any. */
export function stepWords(step: { readonly type: string; readonly detail: string | null }): string {
  if (!step.detail) return ALONE[step.type] ?? WORDS[step.type] ?? step.type;
  return WORDS[step.type] ?? step.type;
}
