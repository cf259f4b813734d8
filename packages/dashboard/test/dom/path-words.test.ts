import { expect, test } from 'vitest';
import { stepWords } from '../../src/views/path-words.ts';

// A session closed before the widget knew its step (every abandoned sample session) read "closed at",
// cut off, in the sessions list.
test('a close without a step says the flow was closed; with one, where', () => {
  expect(stepWords({ type: 'session_abandoned', detail: null })).toBe('closed the flow');
  expect(stepWords({ type: 'session_abandoned', detail: 'why' })).toBe('closed at');
  expect(stepWords({ type: 'reason_selected', detail: 'too_expensive' })).toBe('picked');
  expect(stepWords({ type: 'something_new', detail: null })).toBe('something_new');
});
