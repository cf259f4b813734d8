/**
 * The offer step's built-in strings in English: every offer type's, the contact links' labels (the
 * confirm step's support section shows them too) and the offer's error. A flow may open on an offer.
 * See ../en.ts for the syntax and the tone. Other locales are typed `OfferCatalog` (../en.ts), so a key
 * added here fails the typecheck until every locale translates it.
 */
export const offer = {
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

  // Recoverable errors
  'error.offer': "We couldn't confirm that this offer was applied. Try again, or continue to cancel.",
  'error.retry': 'Retry',
} as const;

export default offer;
