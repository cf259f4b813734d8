/**
 * Creates the isolated place the UI renders into: a custom element (host pages' `div { … }` rules
 * cannot match it) with a Shadow DOM root whose styles come from a constructable stylesheet, so no
 * `<style>` element or `style` attribute is needed under a strict Content-Security-Policy.
 */
export interface ShadowMount {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  readonly remove: () => void;
}

/** Styles of lazily loaded views, added when their code arrives and kept for later modals. */
const later: string[] = [];
let current: { root: ShadowRoot; nonce: string | undefined } | undefined;

function adopt(root: ShadowRoot, css: string, nonce: string | undefined): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
}

/** Called by a lazily loaded view's module: its styles join the open modal and every later one. */
export function addStyles(css: string): void {
  if (later.includes(css)) return;
  later.push(css);
  if (current) adopt(current.root, css, current.nonce);
}

export function mountShadow(css: string, nonce?: string): ShadowMount {
  const host = document.createElement('cancelflow-modal');
  const root = host.attachShadow({ mode: 'open' });
  for (const sheet of [css, ...later]) adopt(root, sheet, nonce);
  current = { root, nonce };
  document.body.append(host);
  return { host, root, remove: () => host.remove() };
}
