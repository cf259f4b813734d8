import type { OfferCatalog } from '../en.ts';

/** Dutch, "je". A plan is a "pakket", the subscription an "abonnement". */
const nl: OfferCatalog = {
  'offer.title': 'Voordat je gaat',
  'offer.decline': 'Nee, bedankt',

  'discount.titlePercent': '{percent} korting gedurende {months, plural, one {# maand} other {# maanden}}',
  'discount.titleAmount': '{amount} korting gedurende {months, plural, one {# maand} other {# maanden}}',
  'discount.body': 'Houd je pakket voor een lagere prijs. Daarna geldt weer de normale prijs.',
  'discount.newPrice': 'Nieuwe prijs: {price}',
  'discount.accept': 'Korting accepteren',

  'pause.title': 'Abonnement pauzeren',
  'pause.body': 'Neem een pauze in plaats van op te zeggen. Je account en gegevens blijven bewaard.',
  'pause.chooserLabel': 'Pauzeren voor',
  'pause.months': '{count, plural, one {# maand} other {# maanden}}',
  'pause.weeks': '{count, plural, one {# week} other {# weken}}',
  'pause.resumesOn': 'De facturering wordt hervat op {date}',
  'pause.accept': 'Abonnement pauzeren',

  'planChange.title': 'Ander pakket kiezen',
  'planChange.body': 'Misschien past een ander pakket beter bij je.',
  'planChange.chooserLabel': 'Beschikbare pakketten',
  'planChange.perMonth': '{price} per maand',
  'planChange.perYear': '{price} per jaar',
  'planChange.accept': 'Overstappen naar {plan}',

  'trial.title': 'Proefperiode verlengen',
  'trial.body': 'Neem gratis meer tijd om te beslissen.',
  'trial.days': '{days, plural, one {# dag extra} other {# dagen extra}}',
  'trial.endsOn': 'Je proefperiode eindigt op {date}',
  'trial.accept': 'Mijn proefperiode verlengen',

  'contact.title': 'Praat met ons',
  'contact.body': 'Werkt er iets niet? Iemand van ons team helpt je graag.',
  'contact.email': 'Mail ons',
  'contact.chat': 'Chat met ons',
  'contact.call': 'Bel ons',
  'contact.book': 'Plan een gesprek',

  'redirect.title': 'Dit kan helpen',
  'redirect.accept': 'Meer informatie',

  'custom.title': 'Een aanbod voor jou',
  'custom.accept': 'Aanbod accepteren',

  'error.offer': 'We konden niet bevestigen dat dit aanbod is toegepast. Probeer het opnieuw of ga door met opzeggen.',
  'error.retry': 'Opnieuw proberen',
};

export default nl;
