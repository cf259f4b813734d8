import { FlowConfig } from '../../config/flow.ts';
import { walkTexts } from '../schema-walk.ts';
import type { CheckContext } from './context.ts';

/**
 * The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), as in "Trojan
 * Source": they make a text display in another order than it is written. The marks U+200E and U+200F,
 * which only set the direction of the characters around them, are not among them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

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
 * No visible text holds a bidi control: with one, a button shows what it does not say — a confirm
 * label "\u202EJetzt kündigen" passes the `de` rule (it says "kündigen") yet displays "negidnük tzteJ",
 * and what a subscriber reads is no longer what the compliance checks, the dashboard and the receipt
 * read. Right-to-left languages need none of them: the browser orders Arabic and Hebrew by itself.
 */
export function checkBidiControls({ config, report }: CheckContext): void {
  walkTexts(FlowConfig, config, (text, path) => {
    const entries: [string, (string | number)[]][] =
      typeof text === 'string' ? [[text, path]] : Object.entries(text).map(([locale, t]) => [t, [...path, locale]]);
    for (const [value, at] of entries) {
      const found = BIDI_CONTROL.exec(value)?.[0];
      if (found === undefined) continue;
      const code = `U+${found.codePointAt(0)?.toString(16).toUpperCase()}`;
      report.error(
        at,
        `contains ${code} (${NAMES[found]}), which makes a text display in another order than it is written: a button could show what it does not say. Write the text as it should read; a right-to-left language needs no such character (U+200E and U+200F marks are allowed)`,
      );
    }
  });
}
