import { describe, expect, test } from 'vitest';
import { BUILT_IN_LOCALES, createTranslator, en, loadCatalog, type MessageKey } from '../src/index.ts';

// Every message, in every locale, with the counts where languages' plural rules differ: 0 (zero in
// Arabic, one in French), 1, 2 (two in Arabic), 3 and 5 (few / many in Polish and Arabic), 11 (many in
// Arabic), 21 and 22 (Polish: "21 miesięcy" but "22 miesiące"), 25, 101 and 102 (Arabic: other), and
// 1.5 (Polish other: "1,5 miesiąca").
const COUNTS = [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 102, 1.5];

/** The plural arguments of a message: name and the selectors of its forms (nested ones too). */
function plurals(message: string): { name: string; selectors: string[] }[] {
  const found: { name: string; selectors: string[] }[] = [];
  for (const match of message.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)) {
    const name = match[1] as string;
    // The selectors are the words right before each "{" of a form at the argument's first level.
    const selectors: string[] = [];
    let depth = 0;
    let word = '';
    for (let i = (match.index ?? 0) + match[0].length; i < message.length; i++) {
      const char = message[i] as string;
      if (char === '{') {
        if (depth === 0) selectors.push(word.trim());
        depth++;
        word = '';
      } else if (char === '}') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0) {
        word += char;
      }
    }
    found.push({ name, selectors });
  }
  return found;
}

/** Parameter names a message takes, each with a value: counts get `count`, texts a word. */
function params(message: string, count: number): Record<string, string | number> {
  const names = [...message.matchAll(/\{\s*(\w+)/g)].map((m) => m[1] as string);
  const text = new Set(['percent', 'amount', 'price', 'plan', 'date', 'datetime', 'id', 'refund', 'offer']);
  return Object.fromEntries(names.map((name) => [name, text.has(name) ? 'X' : count]));
}

const catalogs = await Promise.all(
  BUILT_IN_LOCALES.map(async (locale) => [locale, await loadCatalog(locale)] as const),
);
const keys = Object.keys(en) as MessageKey[];

describe.each(catalogs)('%s: every message with every count', (locale, catalog) => {
  const t = createTranslator({ locale, catalog, timeZone: 'UTC' });
  const rules = new Intl.PluralRules(locale);

  test.each(COUNTS)('%s', (count) => {
    for (const key of keys) {
      const message = catalog[key];
      const out = t.t(key, params(message, count));
      expect(out, `${key} with ${count}: ${out}`).not.toMatch(/[{}#]/);
      expect(out.trim(), key).not.toBe('');
      // The form the language's rule picks is written out, not left to the `other` fallback.
      for (const { name, selectors } of plurals(message)) {
        const category = rules.select(count);
        expect(
          selectors.includes(`=${count}`) || selectors.includes(category),
          `${key}: {${name}} has no "${category}" form for ${count} (has ${selectors.join(', ')})`,
        ).toBe(true);
      }
      // The count shows, in this locale's digits (a form like "one {a month}" may spell it out).
      const number = new Intl.NumberFormat(locale).format(count);
      const spelled = plurals(message).length > 0 && ['zero', 'one', 'two'].includes(rules.select(count));
      if (/\{\s*\w+\s*[,}]/.test(message) && Object.values(params(message, count)).includes(count) && !spelled) {
        expect(out, `${key} with ${count}`).toContain(number);
      }
    }
  });
});
