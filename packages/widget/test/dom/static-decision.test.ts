import { expect, test } from 'vitest';
import { startStatic } from '../../src/ui/static-flow.ts';
import { flowConfig } from './ui-fixture.ts';

// A static flow on a site: nothing is cancelled or applied until the site acts, after the flow, so the
// flow ends as the subscriber decides (docs/widget.md). The dashboard's preview asks for the steps after it.
const flow = `data:application/json,${encodeURIComponent(JSON.stringify(flowConfig))}`;

test('a static flow ends at the decision by default; not with endAtDecision: false, nor with an adapter of the site', async () => {
  expect((await startStatic({ flow })).endAtDecision).toBe(true);
  expect((await startStatic({ flow, endAtDecision: false })).endAtDecision).toBe(false);
  const { adapter } = await startStatic({ flow });
  expect((await startStatic({ flow, adapter })).endAtDecision).toBe(false);
});
