import { expect, test, vi } from 'vitest';
import { mountShadow } from '../../src/ui/shadow.ts';

// The modal's host and its stylesheets are kept between modals (shadow.ts): each modal still shows
// its own flow's theme, and the same theme is not parsed again.

const themeText = (root: ShadowRoot) =>
  [...(root.adoptedStyleSheets[1]?.cssRules ?? [])].map((rule) => rule.cssText).join('');

test('each modal shows its own theme on the kept host, and the same theme is not parsed again', () => {
  const parse = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
  const first = mountShadow('p{margin:0}');
  first.theme(':host{--cf-radius:4px}', 'dark');
  expect(themeText(first.root)).toContain('--cf-radius');
  expect(first.host.getAttribute('data-mode')).toBe('dark');
  first.remove();

  const second = mountShadow('p{margin:0}');
  expect(second.host).toBe(first.host);
  parse.mockClear();
  second.theme(':host{--cf-radius:4px}', undefined);
  expect(parse).not.toHaveBeenCalled();
  expect(themeText(second.root)).toContain('--cf-radius');
  expect(second.host.hasAttribute('data-mode')).toBe(false);
  second.remove();

  const third = mountShadow('p{margin:0}');
  third.theme('', 'auto');
  expect(parse).toHaveBeenCalledTimes(1);
  expect(themeText(third.root)).toBe('');
  third.remove();
  parse.mockRestore();
});

test('a second modal open at the same time gets its own host and its own theme', () => {
  const open = mountShadow('p{margin:0}');
  open.theme(':host{--cf-radius:4px}', undefined);
  const other = mountShadow('p{margin:0}');
  expect(other.host).not.toBe(open.host);
  other.theme(':host{--cf-radius:9px}', undefined);
  expect(themeText(open.root)).toContain('4px');
  expect(themeText(other.root)).toContain('9px');
  open.remove();
  other.remove();
});
