/**
 * The built-in strings in English of the screens after the first, but the confirm step's (confirm/):
 * offers, feedback, the done step and its receipt. See ../en.ts for the syntax and the tone. Other
 * locales are typed `LaterCatalog` (../en.ts), so a key added here fails the typecheck until every
 * locale translates it.
 */
export const later = {
  // Offer step, any offer type
  'offer.title': 'Before you go',
  'offer.decline': 'No thanks',

  // discount
  'discount.titlePercent': '{percent} off for {months, plural, one {# month} other {# months}}',
  'discount.titleAmount': '{amount} off for {months, plural, one {# month} other {# months}}',
  'discount.body': 'Keep your plan at a lower price. After that, the regular price applies again.',
  'discount.newPrice': 'New price: {price}',
  'discount.accept': 'Accept discount',

  // pause
  'pause.title': 'Pause your subscription',
  'pause.body': 'Take a break instead of cancelling. Your account and data stay as they are.',
  'pause.chooserLabel': 'Pause for',
  'pause.months': '{count, plural, one {# month} other {# months}}',
  'pause.weeks': '{count, plural, one {# week} other {# weeks}}',
  'pause.resumesOn': 'Billing resumes on {date}',
  'pause.accept': 'Pause subscription',

  // plan_change
  'planChange.title': 'Switch plan',
  'planChange.body': 'Another plan may fit you better.',
  'planChange.chooserLabel': 'Available plans',
  'planChange.perMonth': '{price} per month',
  'planChange.perYear': '{price} per year',
  'planChange.accept': 'Switch to {plan}',

  // trial_extension
  'trial.title': 'Extend your trial',
  'trial.body': 'Take more time to decide, at no cost.',
  'trial.days': '{days, plural, one {# more day} other {# more days}}',
  'trial.endsOn': 'Your trial will end on {date}',
  'trial.accept': 'Extend my trial',

  // contact: link labels for mailto:, chat URL, tel: and booking URL
  'contact.title': 'Talk to us',
  'contact.body': 'If something is not working for you, a person on our team can help.',
  'contact.email': 'Email us',
  'contact.chat': 'Chat with us',
  'contact.call': 'Call us',
  'contact.book': 'Book a call',

  // redirect
  'redirect.title': 'This might help',
  'redirect.accept': 'Learn more',

  // custom
  'custom.title': 'An offer for you',
  'custom.accept': 'Accept offer',

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
  'receipt.reference': 'Reference: {id}',
  'receipt.download': 'Download receipt',
  'receipt.print': 'Print',

  // Recoverable errors
  'error.offer': "We couldn't apply this offer. Try again, or continue to cancel.",
  'error.retry': 'Retry',
} as const;

export default later;
