/** Where the keyboard's focus really is, for the keyboard specs. */
import type { Page } from '@playwright/test';

export interface Focused {
  readonly tag: string;
  readonly name: string;
  readonly value: string | null;
  readonly checked: boolean;
  readonly inDialog: boolean;
  readonly id: string;
}

/** The element that really has focus, looking through shadow roots. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const input = el instanceof HTMLInputElement ? el : undefined;
    return {
      tag: el?.tagName.toLowerCase() ?? 'none',
      name: (el?.getAttribute('aria-label') ?? input?.closest('label')?.textContent ?? el?.textContent ?? '').trim(),
      value: input?.value ?? null,
      checked: input?.checked ?? false,
      inDialog: Boolean(el?.closest('[role="dialog"]')),
      id: el?.id ?? '',
    };
  });
}
