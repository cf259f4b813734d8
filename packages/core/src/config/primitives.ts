import * as z from 'zod/mini';
import { doc } from './describe.ts';

export const Id = doc(
  z
    .string()
    .check(
      z.regex(
        /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
        'must be 1–64 letters, digits, "_" or "-", starting with a letter or digit',
      ),
    ),
  {
    description:
      'An identifier: 1–64 letters, digits, `_` or `-`. Ids appear in analytics and webhooks; keep them stable.',
    examples: ['too_expensive'],
  },
);

export const LocaleTag = doc(
  z
    .string()
    .check(
      z.regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/, 'must be a BCP 47 tag such as "en", "de" or "pt-BR"'),
    ),
  {
    description: 'A BCP 47 language tag such as `en`, `de` or `pt-BR`.',
    examples: ['de'],
  },
);

/**
 * Visible copy: a plain string (in the flow's default locale) or one string per locale. Every
 * locale the flow declares in `locales` must be present when the text is an object.
 */
export const Text = doc(
  z.union([z.string().check(z.minLength(1)), z.record(LocaleTag, z.string().check(z.minLength(1)))]),
  {
    description:
      'Visible copy: either one string in the default locale, or an object with one string per locale. When the flow declares several `locales`, give every one of them.',
    examples: ['Too expensive', { en: 'Too expensive', de: 'Zu teuer' }],
  },
);

export const CurrencyCode = doc(z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"')), {
  description: 'An ISO 4217 currency code.',
  examples: ['USD'],
});

export const Money = doc(
  z.strictObject({
    amount: doc(z.number().check(z.gte(0)), {
      description: "The amount in the currency's major unit.",
      examples: [9.99],
    }),
    currency: CurrencyCode,
  }),
  {
    description: "An amount in the currency's major unit (9.99 means $9.99) and its currency.",
    examples: [{ amount: 9.99, currency: 'USD' }],
  },
);

/**
 * Whether a subscriber may be sent to this URL: an absolute http(s) URL with a host and no
 * whitespace or control characters. Everything else — `javascript:`, `data:`, `vbscript:`, `file:`,
 * relative or protocol-relative URLs, and tricks like "java\tscript:" — is refused.
 */
export function isSafeWebUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#@\\]+(?:[/?#][^\s\\]*)?$/i.test(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** Says why a URL was refused: an unsafe scheme is named, since that is the usual mistake (or attack). */
function unsafeUrlMessage(value: unknown): string {
  const scheme = typeof value === 'string' ? /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase() : undefined;
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
    return `must be an absolute https:// or http:// URL; "${scheme}:" URLs are refused because they can run script or leave the web`;
  return 'must be an absolute https:// or http:// URL with a host, such as "https://example.com/help" (no spaces)';
}

export const WebUrl = doc(
  z.string().check(z.refine(isSafeWebUrl, { error: (issue) => unsafeUrlMessage(issue.input) })),
  {
    description: 'An absolute `https://` (or `http://`) URL. Other schemes such as `javascript:` are refused.',
    examples: ['https://example.com/help'],
  },
);

export const Email = doc(z.email(), {
  description: 'An email address, shown as a `mailto:` link.',
  examples: ['support@example.com'],
});

export const Phone = doc(
  z.string().check(z.regex(/^\+?[0-9 ().-]{5,24}$/, 'must be a phone number such as "+1 555 0100"')),
  {
    description: 'A phone number, shown as a `tel:` link.',
    examples: ['+1 555 0100'],
  },
);

export const ContactChannels = z.strictObject({
  email: z.optional(Email),
  chatUrl: z.optional(
    doc(WebUrl.clone(), { description: 'A live chat page.', examples: ['https://example.com/chat'] }),
  ),
  phone: z.optional(Phone),
  bookingUrl: z.optional(
    doc(WebUrl.clone(), { description: 'A page to book a call.', examples: ['https://cal.com/acme/15min'] }),
  ),
});
