/**
 * Creates the isolated place the UI renders into: a custom element (host pages' `div { … }` rules
 * cannot match it) with a Shadow DOM root whose styles come from constructable stylesheets, so no
 * `<style>` element or `style` attribute is needed under a strict Content-Security-Policy.
 */
export interface ShadowMount {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Replaces the flow's theme rules (see theme.ts) and its light or dark mode. */
  readonly theme: (rules: string, mode: string | undefined) => void;
  readonly remove: () => void;
}

/** Styles of lazily loaded views, added when their code arrives and kept for later modals. */
const later: string[] = [];
/**
 * The page's modal host, kept between modals (detached while none is open) with its parsed
 * stylesheets: ours, then the flow's theme (replaced for each modal, a few rules), then later views'.
 */
let current: { host: HTMLElement; root: ShadowRoot; theme: CSSStyleSheet; themeRules: string } | undefined;

// Every browser with the CSS features our styles use (light-dark(), :has()) has constructable
// stylesheets, so no `<style>` element (and no CSP nonce) is ever needed.
function sheet(css = ''): CSSStyleSheet {
  const parsed = new CSSStyleSheet();
  parsed.replaceSync(css);
  return parsed;
}

function create(css: string): NonNullable<typeof current> {
  const host = document.createElement('cancelflow-modal');
  const root = host.attachShadow({ mode: 'open' });
  const theme = sheet();
  root.adoptedStyleSheets = [sheet(css), theme, ...later.map(sheet)];
  return { host, root, theme, themeRules: '' };
}

/** Called by a lazily loaded view's module: its styles join the open modal and every later one. */
export function addStyles(css: string): void {
  if (later.includes(css)) return;
  later.push(css);
  if (current) current.root.adoptedStyleSheets = [...current.root.adoptedStyleSheets, sheet(css)];
}

/** Makes the host and parses our stylesheet ahead (when the UI is prepared), so that an open only renders. */
export function prepareShadow(css: string): void {
  current ??= create(css);
}

/** The kept host when it is free; a second modal open at the same time gets its own. */
export function mountShadow(css: string): ShadowMount {
  if (!current || current.host.isConnected) current = create(css);
  const kept = current;
  const { host, root } = kept;
  // After <body>, in <html>: an SPA that replaces the body or renders into it (a route change, Turbo's
  // `document.body = …`, `body.innerHTML = …`) must not take the open modal, and the subscriber's answers,
  // with it. The dialog is in the top layer, so where the host sits does not change how it shows.
  document.documentElement.append(host);
  return {
    host,
    root,
    theme(rules, mode) {
      // The same theme as the last modal's (as on every open but the first): parsing it again would
      // make the browser rebuild the shadow root's style rules for nothing.
      if (rules !== kept.themeRules) kept.theme.replaceSync(rules);
      kept.themeRules = rules;
      // The host is kept between modals: a mode from an earlier flow must not stay.
      if (mode && mode !== 'auto') host.setAttribute('data-mode', mode);
      else host.removeAttribute('data-mode');
    },
    remove: () => host.remove(),
  };
}
