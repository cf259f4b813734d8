/**
 * Creates the isolated place the UI renders into: a custom element (host pages' `div { … }` rules
 * cannot match it) with a Shadow DOM root whose styles come from a constructable stylesheet, so no
 * `<style>` element or `style` attribute is needed under a strict Content-Security-Policy.
 */
export interface ShadowMount {
  readonly root: ShadowRoot;
  readonly remove: () => void;
}

export function mountShadow(css: string, nonce?: string): ShadowMount {
  const host = document.createElement('cancelflow-modal');
  const root = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
  document.body.append(host);
  return { root, remove: () => host.remove() };
}
