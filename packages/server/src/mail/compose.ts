import {
  addDays,
  changeLines,
  directionOf,
  discountTitle,
  type FlowConfig,
  type OfferChoice,
  type Receipt,
  type ResolvedFlow,
  type ResolvedOffer,
  receiptLines,
  type SubscriberClaims,
} from '@cancelflow/core';
import type { ApplyOfferResult } from '../billing/types.ts';
import { winbackOffer } from './reactivate.ts';
import { type MailKind, templateKind } from './schema.ts';
import {
  type MailTemplates,
  type MailView,
  pickTemplate,
  renderTemplate,
  siteTemplateLocale,
  type TemplatePart,
} from './templates.ts';
import { type MailTranslator, mailTranslator } from './texts.ts';

/** What a row's `payload_json` holds, per kind. */
export interface MailPayloads {
  cancellation: { readonly receipt: Receipt };
  saved: { readonly offerId: string; readonly choice?: OfferChoice; readonly result: ApplyOfferResult };
  /** Step `step` (from 1) of the flow's `winback.steps`. */
  winback: { readonly step: number };
}

export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface MailLinks {
  /** Present when the subscriber can still take the cancellation back (see reactivate.ts). */
  readonly undo?: { readonly url: string; readonly lastDay?: string };
  /** A win-back step's way back. */
  readonly reactivate?: string;
  readonly unsubscribe: string;
  /** The printable receipt of a cancellation, on the server's public URL like the other links. */
  readonly receipt?: string;
}

export interface ComposeInput {
  readonly kind: MailKind;
  readonly payload: MailPayloads[keyof MailPayloads];
  readonly locale: string;
  /** The flow the session ran (kept with the session, so a later edit does not rewrite a past message). */
  readonly flow: ResolvedFlow;
  readonly claims: SubscriberClaims;
  /** When the outcome was recorded: the day a pause or trial is counted from. */
  readonly at: Date;
  readonly links: MailLinks;
  readonly templates: MailTemplates | undefined;
}

/** The message's subject, plain text and HTML, in the session's language, from the site's templates or ours. */
export async function composeMail(input: ComposeInput): Promise<MailContent> {
  const t = await mailTranslator(input.locale);
  const kind = templateKind(input.kind);
  const view = VIEWS[kind](t, input);
  // The site's own template for the session's locale wins, also for a language without built-in strings
  // (the translator then falls back to English, but the site's template is in the subscriber's language).
  const own = (part: TemplatePart) => siteTemplateLocale(input.templates, kind, input.locale, part);
  const htmlLocale = own('html');
  const company = input.flow.config.policy.company && t.text(input.flow.config.policy.company.name);
  const common: MailView = {
    lang: htmlLocale ?? t.locale,
    dir: htmlLocale ? directionOf(htmlLocale) : t.dir,
    unsubscribeNote: t.m('mail.unsubscribe.note'),
    unsubscribeUrl: input.links.unsubscribe,
    unsubscribeLabel: t.m('mail.unsubscribe.action'),
    ...(company === undefined ? {} : { company }),
  };
  const full = { ...common, ...view, ...(common.dir === 'rtl' ? isolated(view, company) : {}) };
  const render = (part: TemplatePart) =>
    renderTemplate(pickTemplate(input.templates, kind, own(part) ?? t.locale, part), full, part);
  // A subject is one line: a template's stray newline must not become a header injection.
  return { subject: render('subject').replace(/\s+/g, ' ').trim(), text: render('txt'), html: render('html') };
}

/**
 * A line of its own in a right-to-left message (the company's name and address, a plan or offer
 * name, a sentence in the flow's own words) may be written left to right: "Acme Inc." shown as
 * ".Acme Inc", "1 Main Street" as "Main Street 1". First-strong isolates give each line the direction
 * of its own first letter, as the translator does for inserted values, in the text part too.
 */
function isolated(view: MailView, company: string | undefined): MailView {
  const isolate = (line: string) => `\u2068${line}\u2069`;
  return {
    ...(Array.isArray(view.lines) ? { lines: view.lines.map(isolate) } : {}),
    ...(company === undefined ? {} : { company: isolate(company) }),
  };
}

function cancellationView(t: MailTranslator, input: ComposeInput): MailView {
  const { receipt } = input.payload as MailPayloads['cancellation'];
  const undo = input.links.undo;
  return {
    subject: t.m(receipt.withdrawal ? 'mail.withdrawn.subject' : 'mail.cancelled.subject'),
    intro: t.m(receipt.withdrawal ? 'mail.withdrawn.intro' : 'mail.cancelled.intro'),
    lines: receiptLines(receipt, t, input.flow.config as FlowConfig),
    receiptUrl: input.links.receipt ?? receipt.url,
    receiptLabel: t.m('mail.receipt'),
    ...(undo
      ? {
          undoUrl: undo.url,
          undoLabel: t.m('mail.undo.action'),
          undoNote: undo.lastDay
            ? t.m('mail.undo.note', { date: t.date(undo.lastDay, 'long') })
            : t.m('mail.undo.noteOpen'),
        }
      : {}),
  };
}

function savedView(t: MailTranslator, input: ComposeInput): MailView {
  const { offerId, choice, result } = input.payload as MailPayloads['saved'];
  const offer = input.flow.offers[offerId];
  const named = offer ? changeLines(t, offer, { ...(choice ? { choice } : {}), result }, input.claims, input.at) : [];
  return {
    subject: t.m('mail.saved.subject'),
    intro: t.m('mail.saved.intro'),
    lines: named.length > 0 ? named : [t.m('mail.saved.applied')],
  };
}

/** A win-back step: the flow's subject and first paragraph (else ours), its offer, the way back. */
function winbackView(t: MailTranslator, input: ComposeInput): MailView {
  const { step } = input.payload as MailPayloads['winback'];
  const config = input.flow.config.winback?.steps[step - 1];
  // From the config, not the session's resolved offers: the win-back is outside the flow's
  // experiment, limits and cooldowns (a holdout subscriber gets it too).
  const offer = config?.offer === undefined ? undefined : winbackOffer(input.flow, config.offer);
  return {
    subject: config?.subject ? t.text(config.subject) : t.m('mail.winback.subject'),
    intro: config?.body ? t.text(config.body) : t.m('mail.winback.intro'),
    lines: offer ? [t.m('mail.winback.offer', { offer: offerName(t, offer) })] : [],
    ...(input.links.reactivate
      ? { reactivateUrl: input.links.reactivate, reactivateLabel: t.m('mail.winback.action') }
      : {}),
  };
}

/** "30% off for 3 months", "Starter", or the offer's own title. */
function offerName(t: MailTranslator, offer: ResolvedOffer): string {
  if (offer.title) return t.text(offer.title);
  if (offer.type === 'discount') return discountTitle(t, offer);
  if (offer.type === 'plan_change' && offer.plans[0]) return t.text(offer.plans[0].name);
  return t.t('custom.title');
}

const VIEWS: Record<ReturnType<typeof templateKind>, (t: MailTranslator, input: ComposeInput) => MailView> = {
  cancellation: cancellationView,
  saved: savedView,
  winback: winbackView,
};

/** The last day an undo works: access ends on `effectiveOn`, so the day before it. */
export const lastUndoDay = (effectiveOn: string) => addDays(effectiveOn, -1);
