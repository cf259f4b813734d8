/**
 * What axe-core cannot see, measured in real Chromium on every state of the modal, one state per
 * test: reflow at 320 CSS px (WCAG 1.4.10, i.e. a 1280 px window at 400 % zoom), targets of at least
 * 44 × 44 px (our bar, docs/accessibility.md; above 2.5.8's 24 px), borders of form fields with 3:1 contrast
 * (1.4.11), and a visible focus indicator with 3:1 contrast on everything Tab reaches (2.4.7,
 * 1.4.11); and the media features the issue asks for: prefers-reduced-motion and forced colours.
 */
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { ModalDriver, STATES, type TestLocale } from './a11y-states.ts';
import { expect, test } from './fixtures.ts';

interface Finding {
  readonly problem: string;
  readonly element: string;
}

/** Runs in the page: everything wrong with the dialog's layout, targets and field borders. */
function layoutProblems(dialog: Element): Finding[] {
  const findings: Finding[] = [];
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) =>
    [r, g, b]
      .map((v) => v / 255)
      .map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4))
      .reduce((sum, s, i) => sum + s * ([0.2126, 0.7152, 0.0722][i] ?? 0), 0);
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const backgroundBehind = (el: Element) => {
    for (let node: Element | null = el.parentElement; node; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      if ((rgb(background)[3] ?? 1) > 0) return background;
    }
    return 'rgb(255, 255, 255)';
  };

  if (dialog.scrollWidth > dialog.clientWidth) {
    findings.push({ problem: `scrolls sideways (${dialog.scrollWidth} > ${dialog.clientWidth})`, element: 'dialog' });
  }
  for (const el of dialog.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.left < -0.5 || box.right > innerWidth + 0.5)) {
      findings.push({ problem: `outside the viewport (${box.left}..${box.right})`, element: name(el) });
    }
  }
  // A radio's target is its whole label card; everything else is its own target.
  const targets = [...dialog.querySelectorAll('button, a[href], label.option, textarea')];
  for (const el of targets) {
    const { width, height } = el.getBoundingClientRect();
    if (width < 44 || height < 44) findings.push({ problem: `target ${width}×${height}`, element: name(el) });
  }
  for (const el of dialog.querySelectorAll('textarea, label.option')) {
    const style = getComputedStyle(el);
    const ratio = contrast(style.borderTopColor, backgroundBehind(el));
    if (ratio < 3) findings.push({ problem: `border contrast ${ratio.toFixed(2)}:1`, element: name(el) });
  }
  return findings;
}

/** Runs in the page: the focused element's indicator (a radio shows it on its label card). */
function focusIndicator(): Finding | { ok: string } {
  const host = document.querySelector('cancelflow-modal');
  const active = host?.shadowRoot?.activeElement;
  if (!active) return { problem: 'focus left the dialog', element: String(document.activeElement?.tagName) };
  const shown = active.matches('input[type="radio"]') ? (active.closest('label') ?? active) : active;
  const style = getComputedStyle(shown);
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) =>
    [r, g, b]
      .map((v) => v / 255)
      .map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4))
      .reduce((sum, s, i) => sum + s * ([0.2126, 0.7152, 0.0722][i] ?? 0), 0);
  const dialogBackground = getComputedStyle(host?.shadowRoot?.querySelector('.dialog') as Element).backgroundColor;
  const [hi, lo] = [luminance(rgb(style.outlineColor)), luminance(rgb(dialogBackground))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  const ratio = (hi + 0.05) / (lo + 0.05);
  const label = `${active.tagName.toLowerCase()} "${(active.textContent ?? active.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`;
  if (style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) < 2 || ratio < 3) {
    return {
      problem: `focus indicator ${style.outlineStyle} ${style.outlineWidth} at ${ratio.toFixed(2)}:1`,
      element: label,
    };
  }
  return { ok: label };
}

/** Tabs once around the dialog and checks the indicator of every stop. */
async function focusProblems(modal: ModalDriver, dialog: Locator): Promise<Finding[]> {
  const findings: Finding[] = [];
  const seen: string[] = [];
  await dialog.getByRole('heading', { level: 2 }).focus();
  for (let i = 0; i < 30; i++) {
    await modal.page.keyboard.press('Tab');
    const result = await modal.page.evaluate(focusIndicator);
    if ('problem' in result) {
      findings.push(result);
      break;
    }
    if (seen.includes(result.ok)) break; // round trip complete
    seen.push(result.ok);
  }
  expect(seen.length, 'Tab reaches something in the dialog').toBeGreaterThan(1);
  return findings;
}

for (const locale of ['en', 'ar'] as const satisfies readonly TestLocale[]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`reflow at 320 px, 44 px targets, 3:1 borders and focus indicators — ${locale}, ${colorScheme}`, () => {
      for (const state of STATES) {
        test(state, async ({ page }) => {
          await page.setViewportSize({ width: 320, height: 640 });
          await page.emulateMedia({ colorScheme });
          const modal = new ModalDriver(page, locale);
          await modal.goto();
          const dialog = await modal.reach(state);
          expect.soft(await dialog.evaluate(layoutProblems), 'layout and targets').toEqual([]);
          expect.soft(await focusProblems(modal, dialog), 'focus indicators').toEqual([]);
        });
      }
    });
  }
}

test('prefers-reduced-motion: the dialog appears without its entrance animation', async ({ page }) => {
  const modal = new ModalDriver(page, 'en');
  const animation = async () => {
    await modal.goto();
    const dialog = await modal.open();
    const name = await dialog.evaluate((el) => getComputedStyle(el).animationName);
    await modal.closeWithEscape();
    return name;
  };
  expect(await animation()).not.toBe('none');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
});

test('forced colors (Windows High Contrast): choices, cards and fields keep visible edges, the chosen card is marked', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  const modal = new ModalDriver(page, 'en');
  await modal.goto();
  const survey = await modal.open();
  await modal.pickReason(survey, 'technical');
  const edges = await survey.evaluate((dialog) =>
    [...dialog.querySelectorAll('.choice, .option, textarea')].map((el) => {
      const style = getComputedStyle(el);
      const checked = el.matches('.option:has(input:checked)');
      return {
        element: `${el.tagName.toLowerCase()}.${el.className}${checked ? ' (chosen)' : ''}`,
        border: style.borderTopStyle !== 'none' && Number.parseFloat(style.borderTopWidth) >= 1,
        // Background colours are dropped in forced colours: the chosen card needs an outline of its own.
        marked: !checked || (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1),
      };
    }),
  );
  expect(edges.length).toBeGreaterThanOrEqual(10);
  expect(edges.filter((e) => !e.border || !e.marked)).toEqual([]);
});

test('forced colors: the dialog and an offer card keep edges of their own, where their shadow and background are dropped', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  const modal = new ModalDriver(page, 'en');
  await modal.goto();
  // The redirect offer shows the dialog, the offer's card and, in it, a link that looks like the buttons.
  const offer = await modal.reach('offer-redirect');
  const edges = await offer.evaluate((dialog) =>
    [dialog, ...dialog.querySelectorAll('.offer')].map((el) => {
      const style = getComputedStyle(el);
      return {
        element: `${el.tagName.toLowerCase()}.${el.className}`,
        style: style.borderTopStyle,
        width: Number.parseFloat(style.borderTopWidth),
        // A system colour here, also for a border that is transparent outside forced colours.
        color: style.borderTopColor,
        // What gave the dialog its edge before: its shadow, which forced colours drop.
        shadow: style.boxShadow,
      };
    }),
  );
  expect(edges.map((e) => e.element)).toEqual(['div.dialog', 'div.offer']);
  for (const edge of edges) {
    expect(edge.shadow, edge.element).toBe('none');
    expect(edge.style, edge.element).toBe('solid');
    expect(edge.width, edge.element).toBeGreaterThanOrEqual(1);
    expect(edge.color, edge.element).not.toBe('rgba(0, 0, 0, 0)');
  }
  // The link's underline is undone by the later styles now, where the link's other rules are.
  const link = offer.getByRole('link', { name: 'Learn more' });
  await expect(link).toHaveClass('choice');
  await expect(link).toHaveCSS('text-decoration-line', 'none');
});

test('a reason label of one word longer than a line wraps inside the dialog at 320 px, as a long URL does', async ({
  page,
}) => {
  const flow = JSON.parse(readFileSync(new URL('./pages/flow-rich.json', import.meta.url), 'utf8'));
  const survey = flow.steps.find((step: { reasons?: unknown[] }) => step.reasons);
  survey.reasons[0].label = { en: 'L'.repeat(300), ar: 'ل'.repeat(300) };
  survey.reasons[1].label = { en: `See https://example.com/${'path/'.repeat(20)}`, ar: 'انظر' };
  await page.route(
    (url) => url.pathname === '/pages/flow-rich.json',
    (route) => route.fulfill({ json: flow }),
  );
  await page.setViewportSize({ width: 320, height: 640 });
  const modal = new ModalDriver(page, 'en');
  await modal.goto();
  const dialog = await modal.open();
  expect(await dialog.evaluate(layoutProblems)).toEqual([]);
});

test('a larger default text size in the browser’s settings: the dialog’s text follows it, not the page’s root size', async ({
  page,
}) => {
  // What Chrome's Settings › Appearance › Font size sets ("Very large": 24 px); and a page whose root
  // is 10 px (`62.5%`, a common base for rem), which the dialog must not follow either way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
  await page.setViewportSize({ width: 320, height: 640 });
  const modal = new ModalDriver(page, 'en');
  await modal.goto();
  await page.addStyleTag({ content: 'html { font-size: 62.5%; }' });
  const survey = await modal.open();
  const size = (selector: string) =>
    survey.evaluate((dialog, s) => getComputedStyle(dialog.querySelector(s) as Element).fontSize, selector);
  // It stayed 16 px, and the step count 14 px, for a subscriber who asked for larger text.
  expect(await size('#cf-description')).toBe('24px');
  expect(await size('.progress')).toBe('21px');
  expect(await size('h2')).toBe('31.2px');
  // Larger text still reflows at 320 px, its targets at least 44 px.
  await modal.pickReason(survey, 'technical');
  expect(await survey.evaluate(layoutProblems)).toEqual([]);
});
