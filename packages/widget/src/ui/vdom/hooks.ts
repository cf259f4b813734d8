/**
 * The hooks the widget's function components use, on render.ts's renderer: each call takes the
 * component's next hook, so they must be called in the same order on every render (as in Preact).
 */
import { afterRender, nextHook } from './render.ts';

const changed = (before: readonly unknown[] | undefined, deps: readonly unknown[]) =>
  !before || before.length !== deps.length || before.some((dep, i) => dep !== deps[i]);

export function useState<T>(initial: T): [T, (next: T) => void] {
  const [hook, rerender] = nextHook();
  if (!hook.set) {
    hook.value = initial;
    hook.set = ((next: T) => {
      if (next === hook.value) return;
      hook.value = next;
      rerender();
    }) as (value: never) => void;
  }
  return [hook.value as T, hook.set as (next: T) => void];
}

export function useMemo<T>(make: () => T, deps: readonly unknown[]): T {
  const [hook] = nextHook();
  if (changed(hook.deps, deps)) {
    hook.value = make();
    hook.deps = deps;
  }
  return hook.value as T;
}

export const useRef = <T>(initial: T | null = null): { current: T | null } => useMemo(() => ({ current: initial }), []);

/** Runs `effect` once the render is in the page, again when `deps` change; its cleanup before that and on unmount. */
export function useEffect(effect: () => (() => void) | undefined, deps: readonly unknown[]): void {
  const [hook] = nextHook();
  if (!changed(hook.deps, deps)) return;
  hook.deps = deps;
  afterRender(() => {
    hook.cleanup?.();
    hook.cleanup = effect();
  });
}
