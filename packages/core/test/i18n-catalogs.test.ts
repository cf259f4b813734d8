import { describe, expect, test } from 'vitest';
import {
  BUILT_IN_LOCALES,
  type Catalog,
  createTranslator,
  en,
  loadCatalog,
  type MessageKey,
  type MessageParams,
} from '../src/index.ts';

/** A message's structure, parsed independently of the formatter under test. */
interface Argument {
  name: string;
  type: string | undefined;
  forms: Record<string, Node[]>;
}
type Node = string | Argument;

function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unmatched "{" at ${open} in ${JSON.stringify(source)}`);
}

function parse(message: string): Node[] {
  const nodes: Node[] = [];
  let text = '';
  for (let i = 0; i < message.length; i++) {
    if (message[i] === '}') throw new Error(`unmatched "}" at ${i} in ${JSON.stringify(message)}`);
    if (message[i] !== '{') {
      text += message[i];
      continue;
    }
    const end = closing(message, i);
    const body = message.slice(i + 1, end);
    const [name = '', type, ...rest] = body.split(',');
    const forms: Record<string, Node[]> = {};
    const source = rest.join(',');
    let start = 0;
    for (let open = source.indexOf('{'); open >= 0; open = source.indexOf('{', start)) {
      const formEnd = closing(source, open);
      forms[source.slice(start, open).trim()] = parse(source.slice(open + 1, formEnd));
      start = formEnd + 1;
    }
    if (type !== undefined && source.slice(start).trim() !== '') throw new Error(`stray text in ${body}`);
    nodes.push(text, { name: name.trim(), type: type?.trim(), forms });
    text = '';
    i = end;
  }
  nodes.push(text);
  return nodes;
}

function argumentsOf(nodes: Node[]): Argument[] {
  return nodes.flatMap((node) =>
    typeof node === 'string' ? [] : [node, ...Object.values(node.forms).flatMap(argumentsOf)],
  );
}

function placeholders(message: string): string[] {
  return [...new Set(argumentsOf(parse(message)).map((arg) => arg.name))].sort();
}

/** Text outside every plural form, where `#` would print literally. */
function topLevelText(nodes: Node[]): string {
  return nodes.filter((node) => typeof node === 'string').join('');
}

const catalogs = await Promise.all(
  BUILT_IN_LOCALES.map(async (locale) => [locale, await loadCatalog(locale)] as const),
);
const keys = Object.keys(en).sort() as MessageKey[];
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** A value for every parameter a message may take: counts as numbers, the rest as text. */
const sample: MessageParams = {
  current: 2,
  total: 4,
  count: 3,
  max: 500,
  months: 3,
  days: 14,
  percent: '30%',
  amount: '€5',
  price: '€7',
  plan: 'Basic',
  date: '2025-07-31',
  datetime: '2025-07-01 14:03',
  id: 'R-1',
  refund: 'none',
};

describe.each(catalogs)('the %s catalog', (locale, catalog: Catalog) => {
  test('has exactly the keys of en, none empty', () => {
    expect(Object.keys(catalog).sort()).toEqual(keys);
    for (const key of keys) expect(catalog[key].trim(), key).not.toBe('');
  });

  test('uses the same placeholders as en in every message', () => {
    for (const key of keys) expect(placeholders(catalog[key]), key).toEqual(placeholders(en[key]));
  });

  test('gives every plural all the forms the locale needs, and only known selectors', () => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const key of keys) {
      for (const arg of argumentsOf(parse(catalog[key]))) {
        if (arg.type === undefined) continue;
        expect(arg.type, key).toBe('plural');
        const selectors = Object.keys(arg.forms);
        for (const category of needed) expect(selectors, `${key}: ${category}`).toContain(category);
        for (const selector of selectors) {
          expect(CATEGORIES.has(selector) || /^=\d+$/.test(selector), `${key}: ${selector}`).toBe(true);
        }
      }
    }
  });

  test('puts "#" only inside plural forms', () => {
    for (const key of keys) expect(topLevelText(parse(catalog[key])), key).not.toContain('#');
  });

  test('formats every message completely when given its parameters', () => {
    const t = createTranslator({ locale, catalog }).t;
    for (const key of keys) {
      const out = t(key, sample);
      expect(out, key).not.toMatch(/[{}#]/);
      expect(out.trim(), key).not.toBe('');
    }
  });

  test.skipIf(locale === 'en')('is translated, not copied from en', () => {
    const same = keys.filter((key) => catalog[key] === en[key]);
    // A handful may coincide ("Optional", "Plan: {plan}"); more means copy-paste.
    expect(same.length, same.join(', ')).toBeLessThanOrEqual(3);
  });
});

describe('wording the law asks for', () => {
  const catalog = Object.fromEntries(catalogs);
  test('German confirm button says "Jetzt kündigen" (§312k BGB)', () => {
    expect(catalog.de?.['confirm.button']).toBe('Jetzt kündigen');
  });
  test('French confirm is a recap with "Confirmer ma demande de résiliation"', () => {
    expect(catalog.fr?.['confirm.button']).toBe('Confirmer ma demande de résiliation');
    expect(catalog.fr?.['confirm.title']).toMatch(/^Récapitulatif/);
  });
});

describe('tone: a cancellation opens with an acknowledgement and closes with thanks', () => {
  const catalog = Object.fromEntries(catalogs);
  // Per locale: how the step a flow opens with (the survey; the confirm page under `de`) acknowledges
  // the subscriber's wish, and how the done step thanks them. Respectful, never guilt.
  const tone: Record<string, { sorry: string; ofCourse: string; thanks: string }> = {
    en: { sorry: "We're sorry to see you go.", ofCourse: 'Of course.', thanks: 'Thank you' },
    de: { sorry: 'Schade, dass Sie gehen.', ofCourse: 'Selbstverständlich.', thanks: 'Danke' },
    fr: { sorry: 'Nous sommes désolés de vous voir partir.', ofCourse: 'Bien sûr.', thanks: 'Merci' },
    es: { sorry: 'Lamentamos que te vayas.', ofCourse: 'Por supuesto.', thanks: 'Gracias' },
    'pt-BR': { sorry: 'Sentimos muito que você esteja saindo.', ofCourse: 'Claro.', thanks: 'Obrigado' },
    it: { sorry: 'Ci dispiace che tu te ne vada.', ofCourse: 'Certo.', thanks: 'Grazie' },
    nl: { sorry: 'Jammer dat je vertrekt.', ofCourse: 'Natuurlijk.', thanks: 'Bedankt' },
    pl: { sorry: 'Przykro nam, że odchodzisz.', ofCourse: 'Oczywiście.', thanks: 'Dziękujemy' },
    sv: { sorry: 'Tråkigt att du lämnar oss.', ofCourse: 'Självklart.', thanks: 'Tack' },
    ja: {
      sorry: '解約のお手続きを承ります。',
      ofCourse: '承知しました。',
      thanks: 'これまでのご利用、ありがとうございました',
    },
    ar: { sorry: 'يؤسفنا رحيلك.', ofCourse: 'بالتأكيد.', thanks: 'شكرًا' },
  };
  test('every built-in locale has its wording here', () => {
    expect(Object.keys(tone).sort()).toEqual([...BUILT_IN_LOCALES].sort());
  });
  test.each(Object.entries(tone))('%s', (locale, { sorry, ofCourse, thanks }) => {
    expect(catalog[locale]?.['survey.description']).toMatch(new RegExp(`^${sorry}`));
    expect(catalog[locale]?.['confirm.description']).toMatch(new RegExp(`^${ofCourse}`));
    expect(catalog[locale]?.['done.cancelledBody']).toMatch(new RegExp(`^${thanks}`));
  });
});
