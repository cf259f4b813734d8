import type { OfferCatalog } from '../en.ts';

/** Swedish, "du". A subscription is ended by "uppsägning". */
const sv: OfferCatalog = {
  'offer.title': 'Innan du går',
  'offer.decline': 'Nej tack',

  'discount.titlePercent': '{percent} rabatt i {months, plural, one {# månad} other {# månader}}',
  'discount.titleAmount': '{amount} rabatt i {months, plural, one {# månad} other {# månader}}',
  'discount.body': 'Behåll din plan till ett lägre pris. Därefter gäller det ordinarie priset igen.',
  'discount.newPrice': 'Nytt pris: {price}',
  'discount.accept': 'Acceptera rabatten',

  'pause.title': 'Pausa din prenumeration',
  'pause.body': 'Ta en paus i stället för att säga upp. Ditt konto och dina data finns kvar.',
  'pause.chooserLabel': 'Pausa i',
  'pause.months': '{count, plural, one {# månad} other {# månader}}',
  'pause.weeks': '{count, plural, one {# vecka} other {# veckor}}',
  'pause.resumesOn': 'Debiteringen återupptas den {date}',
  'pause.accept': 'Pausa prenumerationen',

  'planChange.title': 'Byt plan',
  'planChange.body': 'En annan plan kanske passar dig bättre.',
  'planChange.chooserLabel': 'Tillgängliga planer',
  'planChange.perMonth': '{price} per månad',
  'planChange.perYear': '{price} per år',
  'planChange.accept': 'Byt till {plan}',

  'trial.title': 'Förläng din provperiod',
  'trial.body': 'Ta mer tid på dig att bestämma dig, utan kostnad.',
  'trial.days': '{days, plural, one {# dag till} other {# dagar till}}',
  'trial.endsOn': 'Din provperiod slutar den {date}',
  'trial.accept': 'Förläng min provperiod',

  'contact.title': 'Prata med oss',
  'contact.body': 'Om något inte fungerar kan någon i vårt team hjälpa dig.',
  'contact.email': 'Mejla oss',
  'contact.chat': 'Chatta med oss',
  'contact.call': 'Ring oss',
  'contact.book': 'Boka ett samtal',

  'redirect.title': 'Det här kan hjälpa',
  'redirect.accept': 'Läs mer',

  'custom.title': 'Ett erbjudande till dig',
  'custom.accept': 'Ta emot erbjudandet',

  'error.offer': 'Vi kunde inte bekräfta att erbjudandet tillämpades. Försök igen eller fortsätt till uppsägning.',
  'error.retry': 'Försök igen',
};

export default sv;
