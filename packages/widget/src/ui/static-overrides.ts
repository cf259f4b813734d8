import type { FlowConfig } from '@cancelflow/core';

/**
 * Where a static flow's texts hold a bidi override (U+202D, U+202E), as a path written as `cancelflow validate` writes it (`steps[0].reasons[1].label`).
 * An override displays the text after it backwards, so a button can show what it does not say;
 * `cancelflow validate`, the dashboard's editor and the server refuse such a flow, but a static flow
 * (`data-flow`) reaches the page unchecked (the schema stays off the click path). Every string is
 * looked at, ids and URLs too: none has a reason to hold one.
 */
export function overrideIn(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return /[\u202D\u202E]/.test(value) ? path.replace(/^\./, '') : undefined;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = overrideIn(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** One console warning, for the site's developer, naming the flow and the first text with an override. */
export function warnOverrides(config: FlowConfig): void {
  const at = overrideIn(config);
  if (at !== undefined) {
    console.warn(
      `cancelflow: the flow "${config.id}" has a bidi override (U+202D or U+202E) in ${at}, which displays the text after it backwards; \`cancelflow validate\` refuses it`,
    );
  }
}
