import { expect, test } from 'vitest';
import { readHash, unknownView, view } from '../../src/state.ts';

test('a link to a view that does not exist shows the overview and says so; a known one, or none, says nothing', () => {
  readHash('#/editor?siteId=acme');
  expect(view.value).toBe('overview');
  expect(unknownView.value).toBe('editor');
  readHash('#/flow?siteId=acme');
  expect(view.value).toBe('flow');
  expect(unknownView.value).toBe('');
  readHash('');
  expect([view.value, unknownView.value]).toEqual(['overview', '']);
});
