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
/** The page's modal host, kept between modals (detached while none is open) with its parsed stylesheets. */
let current: { host: HTMLElement; root: ShadowRoot; css: string } | undefined;

// Every browser with the CSS features our styles use (light-dark(), :has()) has constructable
// stylesheets, so no `<style>` element (and no CSP nonce) is ever needed.
function adopt(root: ShadowRoot, css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Called by a lazily loaded view's module: its styles join the open modal and every later one. */
export function addStyles(css: string): void {
  if (later.includes(css)) return;
  later.push(css);
  if (current) adopt(current.root, css);
}

/** The kept host when it is free and styled alike; a second modal open at the same time gets its own. */
export function mountShadow(css: string): ShadowMount {
  if (current?.css !== css || current.host.isConnected) {
    const host = document.createElement('cancelflow-modal');
    const root = host.attachShadow({ mode: 'open' });
    for (const sheet of [css, ...later]) adopt(root, sheet);
    current = { host, root, css };
  }
  const { host, root } = current;
  document.body.append(host);
  return { host, root, remove: () => host.remove() };
}
