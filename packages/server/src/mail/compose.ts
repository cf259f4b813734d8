import {
  addDays,
  changeLines,
  type FlowConfig,
  type OfferChoice,
  type Receipt,
  type ResolvedFlow,
  receiptLines,
  type SubscriberClaims,
} from '@cancelflow/core';
import type { ApplyOfferResult } from '../billing/types.ts';
import type { MailKind } from './schema.ts';
import { type MailTemplates, type MailView, pickTemplate, renderTemplate, type TemplatePart } from './templates.ts';
import { type MailTranslator, mailTranslator } from './texts.ts';

/** What a row's `payload_json` holds, per kind. */
export interface MailPayloads {
  cancellation: { readonly receipt: Receipt };
  saved: { readonly offerId: string; readonly choice?: OfferChoice; readonly result: ApplyOfferResult };
}

export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface MailLinks {
  /** Present when the subscriber can still take the cancellation back (see undo.ts). */
  readonly undo?: { readonly url: string; readonly lastDay?: string };
  readonly unsubscribe: string;
}

export interface ComposeInput {
  readonly kind: MailKind;
  readonly payload: MailPayloads[MailKind];
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
  const view = input.kind === 'cancellation' ? cancellationView(t, input) : savedView(t, input);
  const common: MailView = {
    lang: t.locale,
    dir: t.dir,
    unsubscribeNote: t.m('mail.unsubscribe.note'),
    unsubscribeUrl: input.links.unsubscribe,
    unsubscribeLabel: t.m('mail.unsubscribe.action'),
    ...(input.flow.config.policy.company ? { company: t.text(input.flow.config.policy.company.name) } : {}),
  };
  const full = { ...common, ...view };
  const render = (part: TemplatePart) =>
    renderTemplate(pickTemplate(input.templates, input.kind, t.locale, part), full, part);
  // A subject is one line: a template's stray newline must not become a header injection.
  return { subject: render('subject').replace(/\s+/g, ' ').trim(), text: render('txt'), html: render('html') };
}

function cancellationView(t: MailTranslator, input: ComposeInput): MailView {
  const { receipt } = input.payload as MailPayloads['cancellation'];
  const undo = input.links.undo;
  return {
    subject: t.m(receipt.withdrawal ? 'mail.withdrawn.subject' : 'mail.cancelled.subject'),
    intro: t.m(receipt.withdrawal ? 'mail.withdrawn.intro' : 'mail.cancelled.intro'),
    lines: receiptLines(receipt, t, input.flow.config as FlowConfig),
    receiptUrl: receipt.url,
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

/** The last day an undo works: access ends on `effectiveOn`, so the day before it. */
export const lastUndoDay = (effectiveOn: string) => addDays(effectiveOn, -1);
