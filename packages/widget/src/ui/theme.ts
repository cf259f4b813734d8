import type { Theme } from '@cancelflow/core';

/**
 * The flow's theme as `:host` custom properties, appended to our own stylesheet (no inline style
 * attributes). The page's own `cancelflow-modal { --cf-… }` rules still win over these. Values were
 * checked by the flow schema to be plain colours, numbers and font names.
 */
export function themeRules(theme: Theme | undefined): string {
  if (!theme) return '';
  const vars: string[] = [];
  if (theme.accent) vars.push(`--cf-accent:light-dark(${theme.accent},${theme.accentDark ?? theme.accent})`);
  if (theme.radius !== undefined) vars.push(`--cf-radius:${theme.radius}px`);
  if (theme.font) vars.push(`--cf-font:${theme.font}`);
  if (theme.zIndex !== undefined) vars.push(`--cf-z:${theme.zIndex}`);
  return `:host{${vars.join(';')}}`;
}
