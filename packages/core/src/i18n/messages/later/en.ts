/**
 * The built-in strings in English of the screens after the first, but the confirm step's (confirm/) and
 * the offers' (offer/): feedback, the done step and its receipt. See ../en.ts for the syntax and the tone. Other
 * locales are typed `LaterCatalog` (../en.ts), so a key added here fails the typecheck until every
 * locale translates it.
 */
export const later = {
  // Feedback step
  'feedback.title': 'Anything else you want to tell us?',
  'feedback.description': 'Your feedback goes straight to our team.',
  'feedback.label': 'Your feedback',
  'feedback.placeholder': 'What could we do better?',
  'feedback.counter': '{count} of {max} characters',
  'feedback.optional': 'Optional',

  // Done step
  'done.cancelledTitle': 'Your subscription is cancelled',
  'done.cancelledBody': 'Thank you for being with us. Keep this receipt for your records.',
  'done.savedTitle': 'Thank you for staying',
  'done.savedBody': 'Your change has been applied.',
  'done.paused': 'Your subscription is paused until {date}.',
  'done.planChanged': 'Your plan is now {plan}.',
  'done.withdrawnTitle': 'You have withdrawn from the contract',
  'done.close': 'Done',

  // The receipt on the done step (and its download / print)
  'receipt.title': 'Cancellation receipt',
  'receipt.plan': 'Plan: {plan}',
  'receipt.subscription': 'Subscription: {id}',
  'receipt.cancelledOn': 'Cancelled on {datetime}',
  'receipt.accessEndsOn': 'Access ends on {date}',
  'receipt.refund': 'Refund: {refund}',
  'receipt.withdrawal': 'You withdrew from the contract: everything you paid is refunded.',
  'receipt.refundedAlready': 'Your last payment had already been refunded; nothing more is refunded.',
  'receipt.reference': 'Reference: {id}',
  'receipt.download': 'Download receipt',
  'receipt.print': 'Print',

  // A decision (an offer taken, the cancel confirmed) still waiting for the server after 3 s
  'busy.slow': 'Still working on it. This can take a few more seconds.',
  'busy.offline': 'Waiting for your internet connection to come back…',
} as const;

export default later;
