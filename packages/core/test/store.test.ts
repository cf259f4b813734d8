import { describe, expect, test } from 'vitest';
import { derived, store } from '../src/engine/store.ts';

describe('store', () => {
  test('a subscriber hears the value at once, then every change, until it stops', () => {
    const count = store(1);
    const heard: number[] = [];
    const stop = count.subscribe((n) => heard.push(n));
    count.value = 2;
    count.value = 2; // the same value is no change
    count.value = 3;
    stop();
    count.value = 4;
    expect(heard).toEqual([1, 2, 3]);
    expect(count.peek()).toBe(4);
  });

  test('a throwing subscriber does not keep the others from hearing; the writer gets the first error', () => {
    const count = store(0);
    const heard: string[] = [];
    count.subscribe((n) => {
      if (n > 0) throw new Error('first');
    });
    count.subscribe((n) => {
      if (n > 0) throw new Error('second');
    });
    count.subscribe((n) => heard.push(`third ${n}`));
    expect(() => {
      count.value = 1;
    }).toThrow('first');
    expect(count.value).toBe(1);
    expect(heard).toEqual(['third 0', 'third 1']);
  });

  test('a derived value is computed once per source value and announced only when it changed', () => {
    const state = store({ n: 1, label: 'a' });
    let computed = 0;
    const parity = derived(state, (s) => {
      computed++;
      return { odd: s.n % 2 === 1 };
    });
    expect(parity.value).toBe(parity.peek()); // the same object while the source is unchanged
    expect(computed).toBe(1);

    const label = derived(state, (s) => s.label);
    const labels: string[] = [];
    label.subscribe((l) => labels.push(l));
    state.value = { n: 2, label: 'a' };
    state.value = { n: 3, label: 'b' };
    expect(labels).toEqual(['a', 'b']);
    expect(parity.value).toEqual({ odd: true });
    expect(computed).toBe(2);
  });
});
