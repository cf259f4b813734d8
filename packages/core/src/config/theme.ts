import * as z from 'zod/mini';
import { FLOW_DEFAULTS } from './defaults.ts';
import { doc } from './describe.ts';

// Colours become CSS custom properties; the pattern keeps them to colour syntax only.
const Color = doc(
  z
    .string()
    .check(
      z.regex(
        /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab)\([0-9a-zA-Z.,%/ +-]{1,60}\))$/,
        'must be a hex, rgb(), hsl(), oklch() or oklab() colour',
      ),
    ),
  {
    description: 'A CSS colour: hex, `rgb()`, `hsl()`, `oklch()` or `oklab()`.',
    examples: ['#3451b2'],
  },
);

export const Theme = doc(
  z.strictObject({
    mode: z._default(
      doc(z.enum(['light', 'dark', 'auto']), { description: "`auto` follows the subscriber's system setting." }),
      FLOW_DEFAULTS.themeMode,
    ),
    accent: z.optional(Color),
    accentDark: z.optional(doc(Color.clone(), { description: 'Accent colour in dark mode.', examples: ['#8ea2ff'] })),
    radius: z.optional(doc(z.int().check(z.gte(0), z.lte(32)), { description: 'Corner radius in pixels.' })),
    font: z.optional(
      doc(z.string().check(z.regex(/^[A-Za-z0-9 ,"'-]{1,200}$/)), {
        description: "`inherit` uses the host page's font; otherwise a CSS font-family list.",
        examples: ['inherit'],
      }),
    ),
    zIndex: z.optional(
      doc(z.int().check(z.gte(0), z.lte(2147483647)), {
        description: "The modal's stacking order, for sites whose own overlays sit above the default.",
        examples: [10000],
      }),
    ),
  }),
  { description: 'Look of the modal. Sites can also set `--cf-*` custom properties.' },
);

export type Theme = z.output<typeof Theme>;
