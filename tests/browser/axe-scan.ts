/** One axe-core scan of the page with the WCAG 2.0/2.1/2.2 A and AA rules, for the a11y specs. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export async function scan(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  // A target that is a list of selectors means a node inside a shadow root: the modal was scanned.
  const inShadow = results.passes.some((rule) => rule.nodes.some((node) => Array.isArray(node.target[0])));
  const violations = results.violations.flatMap((rule) =>
    rule.nodes.map((node) => `${rule.id} (${rule.impact}): ${rule.help} at ${JSON.stringify(node.target)}`),
  );
  return { inShadow, violations };
}
