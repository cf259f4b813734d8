import { FlowConfig } from '../../config/flow.ts';
import { walkTexts } from '../schema-walk.ts';
import type { CheckContext } from './context.ts';

/**
 * The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), as in "Trojan
 * Source". The overrides (U+202D, U+202E) display even Latin letters backwards: an error. Embeddings and
 * isolates only order runs of different directions (a Latin name in an Arabic sentence, where a
 * translator may want one), but can move words around: a warning. The marks U+200E and U+200F, which
 * only set the direction of the characters around them, are not among them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
const OVERRIDES = new Set(['\u202D', '\u202E']);

const NAMES: Record<string, string> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};

/**
 * No visible text holds a bidi override: with one, a button shows what it does not say — a confirm
 * label "\u202EJetzt kündigen" passes the `de` rule (it says "kündigen") yet displays "negidnük tzteJ",
 * and what a subscriber reads is no longer what the compliance checks, the dashboard and the receipt
 * read. An embedding or isolate is warned about, to be checked on screen.
 */
export function checkBidiControls({ config, report }: CheckContext): void {
  walkTexts(FlowConfig, config, (text, path) => {
    const entries: [string, (string | number)[]][] =
      typeof text === 'string' ? [[text, path]] : Object.entries(text).map(([locale, t]) => [t, [...path, locale]]);
    for (const [value, at] of entries) {
      const found = value.match(BIDI_CONTROL) ?? [];
      const override = found.find((char) => OVERRIDES.has(char));
      const first = override ?? found[0];
      if (first === undefined) continue;
      const code = `U+${first.codePointAt(0)?.toString(16).toUpperCase()}`;
      if (override) {
        report.error(
          at,
          `contains ${code} (${NAMES[first]}), which displays the text after it backwards: a button could show what it does not say. Write the text as it should read (U+200E and U+200F marks are allowed)`,
        );
      } else {
        report.warning(
          at,
          `contains ${code} (${NAMES[first]}), which can display words in another order than they are written: check that it reads as written on screen, or use the marks U+200E and U+200F`,
        );
      }
    }
  });
}
