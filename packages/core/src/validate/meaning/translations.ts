import { FlowConfig } from '../../config/flow.ts';
import { BUILT_IN_LOCALES } from '../../i18n/locales.ts';
import { matchLocale } from '../../i18n/match.ts';
import { walkTexts } from '../schema-walk.ts';
import { listOf } from '../words.ts';
import type { CheckContext } from './context.ts';

/**
 * Every visible text exists in every locale the flow declares: a subscriber reading German must
 * not meet an English button halfway through.
 */
export function checkTranslations({ config, report }: CheckContext): void {
  const declared = config.locales;
  if (declared && !declared.includes(config.defaultLocale)) {
    report.error(
      ['locales'],
      `does not include the defaultLocale "${config.defaultLocale}"; add it, or set defaultLocale to one of ${listOf(declared)}`,
    );
  }
  const required = declared ?? [config.defaultLocale];
  // A subscriber in such a locale gets the flow's own copy in it, but every built-in string (the
  // buttons, the confirm terms, the receipt, the mails) in English: the site should know before it ships.
  required.forEach((locale, index) => {
    if (matchLocale(locale, BUILT_IN_LOCALES)) return;
    report.warning(
      declared ? ['locales', index] : ['defaultLocale'],
      `"${locale}" has no built-in strings: its subscribers get the flow's own texts in it, but the buttons, the confirm terms, the receipt and the emails in English (built-in locales are ${listOf([...BUILT_IN_LOCALES])})`,
    );
  });

  walkTexts(FlowConfig, config, (text, path) => {
    if (typeof text === 'string') {
      if (required.length > 1)
        report.error(
          path,
          `is a plain string, but the flow declares locales ${listOf(required)}: give an object with a text for each, such as {${required.map((locale) => `"${locale}": "…"`).join(', ')}}`,
        );
      return;
    }
    const missing = required.filter((locale) => !Object.hasOwn(text, locale));
    if (missing.length > 0) {
      const why = declared ? `locales declares ${listOf(declared)}` : `"${config.defaultLocale}" is the defaultLocale`;
      report.error(path, `has no ${listOf(missing, ', ')} text (${why})`);
    }
    for (const locale of Object.keys(text)) {
      if (declared && !declared.includes(locale))
        report.warning(
          [...path, locale],
          `is not one of the declared locales (${listOf(declared)}), so it is never shown`,
          {
            at: 'key',
          },
        );
    }
  });
}
