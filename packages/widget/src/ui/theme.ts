import type { Theme } from '@cancelflow/core';

/**
 * The flow's theme as `:host` custom properties, appended to our own stylesheet (no inline style
 * attributes). The page's own `cancelflow-modal { --cf-… }` rules still win over these. Values were
 * checked by the flow schema to be plain colours, numbers and font names.
 */
export function themeRules(theme: Theme | undefined): string {
  // The stacking order's default is set here, not in styles.css: the CSS minifier keeps numbers in
  // custom properties as 32-bit floats, and 2147483645 became 2147480000, below the 2147483000 that
  // chat widgets sit at (the default is in docs/widget.md).
  const vars = [`--cf-z:${theme?.zIndex ?? 2147483645}`];
  // Without its own dark accent, a light accent would be too dim on the dark background: keep ours.
  if (theme?.accent) vars.push(`--cf-accent:light-dark(${theme.accent},${theme.accentDark ?? '#a8b1ff'})`);
  if (theme?.radius !== undefined) vars.push(`--cf-radius:${theme.radius}px`);
  // "inherit" cannot travel in a custom property (it would inherit the property itself): the host
  // element stops resetting its font, and the dialog takes the page's.
  const font = theme?.font === 'inherit' ? ':host{font-family:inherit!important}.backdrop{font-family:inherit}' : '';
  if (theme?.font && !font) vars.push(`--cf-font:${theme.font}`);
  return `:host{${vars.join(';')}}${font}`;
}
