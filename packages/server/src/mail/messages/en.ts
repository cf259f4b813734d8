/**
 * The follow-up mail's strings and the pages its links open, in English: the source of every key.
 * Other locales are typed `MailCatalog`, so a key added here fails the typecheck until each has it.
 * They live with the server, not in core's catalogs, because the widget never shows them (core's
 * catalogs count towards the widget's click-path size budget). Same syntax as core's messages.
 */
export const en = {
  'mail.cancelled.subject': 'Your cancellation is confirmed',
  'mail.cancelled.intro': 'This confirms that your subscription is cancelled. Keep this email for your records.',
  'mail.withdrawn.subject': 'Your withdrawal from the contract is confirmed',
  'mail.withdrawn.intro':
    'This confirms that you withdrew from the contract. It ended today and everything you paid is refunded.',
  'mail.receipt': 'View your receipt',
  'mail.undo.note': 'Changed your mind? You can undo the cancellation until {date}.',
  'mail.undo.noteOpen': 'Changed your mind? You can undo the cancellation while your subscription is still active.',
  'mail.undo.action': 'Undo the cancellation',
  'mail.saved.subject': 'Your change is confirmed',
  'mail.saved.intro': 'Thank you for staying. This confirms the change to your subscription:',
  'mail.saved.applied': 'Your change has been applied.',
  'mail.unsubscribe.note': 'You get this email because of a change to your subscription.',
  'mail.unsubscribe.action': 'Unsubscribe',
  'mail.unsubscribe.page':
    'Stop emails like this one? Confirmations of a cancellation are still sent, as the law requires.',
  'mail.unsubscribe.done': 'You are unsubscribed. We will not send you emails like this one again.',
  'mail.undo.page': 'Your subscription will continue as before, and billing continues as usual.',
  'mail.undo.done': 'Your cancellation is undone. Your subscription continues.',
  'mail.undo.tooLate': 'This subscription has already ended, so the cancellation can no longer be undone.',
  'mail.winback.subject': "We'd love to have you back",
  'mail.winback.intro':
    'It has been a while since you cancelled. Whenever you want to come back, your account is ready.',
  'mail.winback.offer': 'Come back now and get: {offer}',
  'mail.winback.action': 'Reactivate my subscription',
  'mail.reactivate.page': 'Your subscription starts again, and billing resumes.',
  'mail.reactivate.done': 'Welcome back! Your subscription is active again.',
  'mail.link.invalid': 'This link is not valid or has expired.',
};

export type MailCatalog = Record<keyof typeof en, string>;
export type MailKey = keyof typeof en;
export default en satisfies MailCatalog;
