/** @jsxImportSource #vdom */
import { createTranslator, en } from '@cancelflow/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type LoadedView, lazyView } from '../../src/ui/lazy.ts';
import type { Ui } from '../../src/ui/types.ts';
import { render } from '../../src/ui/vdom/render.ts';
import type { Child } from '../../src/ui/vdom/types.ts';
import { CrashGuard } from './crash-guard.ts';

// Views whose code comes in a chunk of its own (src/ui/lazy.ts): a step's, which fails open when it
// cannot load, and the optional parts of a step, which must not take the step down with them.

// A translator with every string in: these views wait for code only.
const ui = { t: createTranslator({ locale: 'en', catalog: en }) } as Ui;

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

/** Renders `view` under a crash guard; returns what the guard caught. */
function mount(view: Child): unknown[] {
  const caught: unknown[] = [];
  container = document.body.appendChild(document.createElement('div'));
  render(<CrashGuard caught={caught}>{view}</CrashGuard>, container);
  return caught;
}

const offline = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

describe('lazily loaded views', () => {
  test('an optional part whose chunk cannot load shows nothing, and the step around it stands', async () => {
    const Links = lazyView<{ ui: Ui }>(offline, { parts: [] });
    const load = async () => () => (
      <>
        <p>the terms</p>
        <Links ui={ui} />
      </>
    );
    const Step = lazyView<{ ui: Ui }>(load, { parts: [], step: 'confirm' });
    const caught = mount(<Step ui={ui} />);
    await vi.waitFor(() => expect(container.textContent).toBe('the terms'));
    await new Promise((resolve) => setTimeout(resolve));
    expect(caught).toEqual([]);
    expect(container.textContent).toBe('the terms');
  });

  test("a step whose chunk cannot load reaches the crash guard, which fails open (the site's cancel runs)", async () => {
    const Step = lazyView<{ ui: Ui }>(offline, { parts: [], step: 'confirm' });
    const caught = mount(<Step ui={ui} />);
    await vi.waitFor(() => expect(caught).toHaveLength(1));
    expect(String(caught[0])).toMatch(/Failed to fetch/);
  });

  test('a step preloaded with its nested views fetches the optional parts it lists; preloaded for its first render, only itself', async () => {
    const loadLinks = vi.fn(async () => () => <p>links</p>);
    const Links = lazyView<{ ui: Ui }>(loadLinks, { parts: [] });
    const Step = lazyView<{ ui: Ui }>(
      async () => Object.assign((): Child => <Links ui={ui} />, { nested: [Links] }) as LoadedView<{ ui: Ui }>,
      { parts: [], step: 'confirm' },
    );
    await Step.preload(ui.t);
    expect(loadLinks).not.toHaveBeenCalled();
    await Step.preload(ui.t, true);
    expect(loadLinks).toHaveBeenCalledTimes(1);
  });
});
