import { shiftDays, utcDay } from '@cancelflow/core';
import { subscriberForVariants } from './variant-subscriber.ts';

/** Who the preview pretends is cancelling: the picker's fields, as text the way the inputs hold them. */
export interface PreviewContext {
  readonly plan: string;
  readonly tenureDays: string;
  readonly mrr: string;
  readonly currency: string;
  readonly country: string;
  readonly region: string;
  readonly locale: string;
  /** Experiment id → variant id; absent or '' = as the hash assigns it. */
  readonly variants: Readonly<Record<string, string>>;
}

export const DEFAULT_CONTEXT: PreviewContext = {
  plan: '',
  tenureDays: '',
  mrr: '',
  currency: 'USD',
  country: 'US',
  region: '',
  locale: '',
  variants: {},
};

/** What a flow offers the picker to choose from. */
export interface FlowChoices {
  readonly plans: readonly string[];
  readonly locales: readonly string[];
  readonly experiments: readonly { id: string; variants: readonly { id: string; weight: number }[] }[];
}

export function choicesOf(flow: unknown): FlowChoices {
  const f = flow as {
    locales?: string[];
    defaultLocale?: string;
    policy?: { planNames?: Record<string, unknown> };
    offers?: Record<string, { type?: string; plans?: { id: string }[] }>;
    experiments?: { id: string; variants: { id: string; weight: number }[] }[];
  };
  const plans = new Set(Object.keys(f.policy?.planNames ?? {}));
  for (const offer of Object.values(f.offers ?? {})) for (const p of offer.plans ?? []) plans.add(p.id);
  return {
    plans: [...plans],
    locales: f.locales ?? [f.defaultLocale ?? 'en'],
    experiments: f.experiments ?? [],
  };
}

const number = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

/** The picker's context as the claims a site's server would sign (static-flow mode: `subscriber`). */
export function claimsOf(context: PreviewContext, choices: FlowChoices, now = new Date()): Record<string, unknown> {
  const tenure = number(context.tenureDays);
  const mrr = number(context.mrr);
  const sub = subscriberForVariants(choices.experiments, context.variants) ?? 'preview';
  return {
    sub,
    // A period end three weeks out, so the confirm step names a day as it would for a real subscriber.
    periodEnd: utcDay(shiftDays(now, 21)),
    ...(context.plan ? { plan: context.plan } : {}),
    ...(tenure === undefined ? {} : { since: utcDay(shiftDays(now, -tenure)) }),
    ...(mrr === undefined ? {} : { mrr }),
    ...(/^[A-Z]{3}$/.test(context.currency) ? { currency: context.currency } : {}),
    ...(/^[A-Z]{2}$/.test(context.country) ? { country: context.country } : {}),
    ...(context.region ? { region: context.region } : {}),
  };
}
