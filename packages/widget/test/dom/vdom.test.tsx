/** @jsxImportSource #vdom */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useEffect, useMemo, useState } from '../../src/ui/vdom/hooks.ts';
import { Component, createRef, render } from '../../src/ui/vdom/render.ts';
import type { Child } from '../../src/ui/vdom/types.ts';
import { CrashGuard } from './crash-guard.ts';

// The widget's own renderer (src/ui/vdom): what its views rely on, in a DOM.

let container: HTMLElement;
const mount = (element: Child) => {
  container = document.body.appendChild(document.createElement('div'));
  render(element, container);
  return container;
};
afterEach(() => {
  render(null, container);
  container.remove();
});
/** Lets the renders that components asked for (batched in a microtask) happen. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('the widget renderer', () => {
  test('renders elements, text, numbers, fragments and components; skips false, null and undefined', () => {
    const Name = ({ who }: { who: string }) => <b>{who}</b>;
    const Words = () => (
      <>
        new {undefined}
        messages
      </>
    );
    mount(
      <p class="greeting" id="g">
        Hello {false}
        {null}
        <Name who="Ada" />, you have {3} <Words />
      </p>,
    );
    expect(container.innerHTML).toBe('<p class="greeting" id="g">Hello <b>Ada</b>, you have 3 new messages</p>');
  });

  test('a second render changes what differs and keeps the nodes of the same type and key', () => {
    const list = (ids: string[], title: string) => (
      <div>
        <h2>{title}</h2>
        <ul>
          {ids.map((id) => (
            <li key={id}>{id}</li>
          ))}
        </ul>
      </div>
    );
    mount(list(['a', 'b', 'c'], 'One'));
    const [a, b, c] = [...container.querySelectorAll('li')];
    const heading = container.querySelector('h2');
    render(list(['c', 'a', 'd'], 'Two'), container);
    const items = [...container.querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).toEqual(['c', 'a', 'd']);
    expect(items[0]).toBe(c);
    expect(items[1]).toBe(a);
    expect(b?.isConnected).toBe(false);
    expect(container.querySelector('h2')).toBe(heading);
    expect(heading?.textContent).toBe('Two');
  });

  test('sets properties and attributes, removes them, and keeps a controlled input showing its value', () => {
    const field = (value: string, disabled: boolean, busy?: 'true') => (
      <label>
        <input type="text" value={value} disabled={disabled} aria-busy={busy} tabIndex={-1} />
        <p hidden={!busy}>busy</p>
      </label>
    );
    mount(field('a', true, 'true'));
    const input = container.querySelector('input') as HTMLInputElement;
    expect([input.value, input.disabled, input.getAttribute('aria-busy'), input.getAttribute('tabindex')]).toEqual([
      'a',
      true,
      'true',
      '-1',
    ]);
    expect(container.querySelector('p')?.hidden).toBe(false);
    render(field('a', false), container);
    expect([input.disabled, input.hasAttribute('aria-busy')]).toEqual([false, false]);
    expect(container.querySelector('p')?.hidden).toBe(true);
    // The subscriber typed; the state did not follow: the next render shows the state again.
    input.value = 'typed';
    render(field('a', false), container);
    expect(input.value).toBe('a');
  });

  test('calls the current handler of an event, and none once it is removed', () => {
    const first = vi.fn();
    const second = vi.fn();
    mount(<button type="button" onClick={first} />);
    const button = container.querySelector('button') as HTMLButtonElement;
    button.click();
    render(<button type="button" onClick={second} />, container);
    button.click();
    render(<button type="button" />, container);
    button.click();
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
  });

  test('class components: refs, state, and mount, update and unmount calls, children first', async () => {
    const calls: string[] = [];
    const ref = createRef<HTMLButtonElement>();
    class Counter extends Component<{ name: string }, { n: number }> {
      override state = { n: 0 };
      override componentDidMount() {
        calls.push(`mount ${this.props.name} ${ref.current?.textContent ?? ''}`);
      }
      override componentDidUpdate() {
        calls.push(`update ${this.props.name}`);
      }
      override componentWillUnmount() {
        calls.push(`unmount ${this.props.name}`);
      }
      render({ name }: { name: string }, { n }: { n: number }) {
        return (
          <button
            type="button"
            ref={name === 'inner' ? ref : undefined}
            onClick={() => this.setState({ n: this.state.n + 1 })}
          >
            {name} {n}
          </button>
        );
      }
    }
    class Outer extends Component<{ show: boolean }> {
      override componentDidMount() {
        calls.push('mount outer');
      }
      render({ show }: { show: boolean }) {
        return <div>{show && <Counter name="inner" />}</div>;
      }
    }
    mount(<Outer show={true} />);
    expect(calls).toEqual(['mount inner inner 0', 'mount outer']);
    ref.current?.click();
    ref.current?.click();
    expect(ref.current?.textContent).toBe('inner 0'); // batched: rendered once, after the event
    await settled();
    expect(ref.current?.textContent).toBe('inner 2');
    expect(calls.slice(2)).toEqual(['update inner']);
    render(<Outer show={false} />, container);
    expect(calls.slice(3)).toEqual(['unmount inner']);
    expect(ref.current).toBeNull();
  });

  test('hooks: state renders again, memos keep their value until their deps change, effects clean up', async () => {
    const made = vi.fn((n: number) => n * 2);
    const effects: string[] = [];
    let set: (n: number) => void = () => {};
    function View({ label }: { label: string }) {
      const [n, setN] = useState(1);
      set = setN;
      const double = useMemo(() => made(n), [n]);
      useEffect(() => {
        effects.push(`start ${n}`);
        return () => effects.push(`stop ${n}`);
      }, [n]);
      return (
        <p>
          {label} {double}
        </p>
      );
    }
    mount(<View label="x" />);
    expect(container.textContent).toBe('x 2');
    render(<View label="y" />, container);
    expect(made).toHaveBeenCalledTimes(1);
    set(5);
    await settled();
    expect(container.textContent).toBe('y 10');
    expect(effects).toEqual(['start 1', 'stop 1', 'start 5']);
    render(null, container);
    expect(effects.at(-1)).toBe('stop 5');
    expect(container.innerHTML).toBe('');
  });

  test('a component that throws reaches the nearest componentDidCatch; nothing of it is rendered', () => {
    const caught: unknown[] = [];
    const Broken = (): Child => {
      throw new Error('broken view');
    };
    mount(
      <CrashGuard caught={caught}>
        <p>before</p>
        <Broken />
      </CrashGuard>,
    );
    expect(caught).toEqual([new Error('broken view')]);
    expect(container.innerHTML).toBe('<p>before</p>');
    // Without a guard, the error reaches the caller.
    expect(() => render(<Broken />, container)).toThrow('broken view');
  });
});
