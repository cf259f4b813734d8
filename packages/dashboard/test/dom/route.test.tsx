import { expect, test } from 'vitest';
import { grouping, hashFor, readHash, unknownView, view, viewParams } from '../../src/state.ts';

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

test('the grouping comes from the link, and a link names it only when it is not the default week', () => {
  readHash('#/overview?siteId=acme&by=month');
  expect(grouping.value).toBe('month');
  expect(hashFor('reasons')).toBe('#/reasons?siteId=acme&by=month');
  readHash('#/overview?by=year'); // not a grouping the trends report has
  expect(grouping.value).toBe('week');
  expect(hashFor('overview')).toBe('#/overview');
});

test("a view's own filters come from the link, stay on that view's links and leave the others'", () => {
  readHash('#/feedback?siteId=acme&q=slack&reasonId=technical&foo=bar');
  expect(viewParams.value).toEqual({ q: 'slack', reasonId: 'technical' }); // none but the views' own
  expect(hashFor('feedback')).toBe('#/feedback?siteId=acme&q=slack&reasonId=technical');
  expect(hashFor('feedback', { from: '2026-06-01', to: '', siteId: 'acme', flowId: '' })).toBe(
    '#/feedback?from=2026-06-01&siteId=acme&q=slack&reasonId=technical',
  );
  expect(hashFor('sessions')).toBe('#/sessions?siteId=acme');
});
