// @ts-check
// The floor: the least our stack (Preact + signals, a Shadow DOM, the widget's stylesheet) can do
// between a click and the first screen — a modal already in the page's code, showing the same first
// screen as the widget (heading, description, the reasons, two buttons, focus moved into the dialog).
// Its stylesheet and shadow root are made at page load; the click only renders.
import { signal } from '@preact/signals';
import { h, render } from 'preact';

/** @type {{ css: string, title: string, description: string, legend: string, step: string, close: string, next: string, cancel: string, reasons: string[] }} */
const s = JSON.parse(document.getElementById('floor-content')?.textContent ?? '{}');
const open = signal(false);

const host = document.createElement('floor-modal');
const root = host.attachShadow({ mode: 'open' });
const sheet = new CSSStyleSheet();
sheet.replaceSync(s.css);
root.adoptedStyleSheets = [sheet];
document.body.append(host);

const close = () => {
  open.value = false;
  dispatchEvent(new Event('floor:close'));
};

function Modal() {
  if (!open.value) return null;
  return h(
    'div',
    { class: 'backdrop' },
    h(
      'div',
      {
        class: 'dialog',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'cf-title',
        tabIndex: -1,
        onKeyDown: (/** @type {KeyboardEvent} */ event) => event.key === 'Escape' && close(),
      },
      h(
        'div',
        { class: 'bar' },
        h('span', { class: 'icon' }),
        h('span', { class: 'progress' }, s.step),
        h('button', { type: 'button', class: 'icon', 'aria-label': s.close, onClick: close }, h('span', null, '×')),
      ),
      h(
        'h2',
        {
          id: 'cf-title',
          tabIndex: -1,
          ref: (/** @type {HTMLElement | null} */ el) => el?.focus({ preventScroll: true }),
        },
        s.title,
      ),
      h('p', { id: 'cf-description' }, s.description),
      h(
        'fieldset',
        { class: 'options' },
        h('legend', { class: 'sr-only' }, s.legend),
        s.reasons.map((label, i) =>
          h(
            'label',
            { class: 'option', key: i },
            h('input', { type: 'radio', name: 'r', value: i }),
            h('span', null, label),
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'choice' }, s.next),
        h('button', { type: 'button', class: 'choice' }, s.cancel),
      ),
    ),
  );
}

render(h(Modal, null), root);
document.getElementById('cancel')?.addEventListener('click', (event) => {
  event.preventDefault();
  open.value = true;
});
