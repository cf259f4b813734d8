import type { ConfirmCatalog } from '../en.ts';

/** Dutch, "je". A plan is a "pakket", the subscription an "abonnement". */
const nl: ConfirmCatalog = {
  'confirm.title': 'Opzegging bevestigen',
  'confirm.description': 'Natuurlijk. Controleer de gegevens hieronder voordat je opzegt.',
  'confirm.accessEndsOn': 'Je toegang eindigt op {date}.',
  'confirm.accessEndsNow': 'Je toegang eindigt nu.',
  'confirm.accessEndsPeriodEnd': 'Je toegang blijft tot het einde van de lopende factureringsperiode.',
  'confirm.refundNone': 'Voor de lopende periode krijg je geen terugbetaling.',
  'confirm.refundAmount': 'Je krijgt {amount} terugbetaald.',
  'confirm.refundProrated': 'Je krijgt het ongebruikte deel van de lopende periode terugbetaald.',
  'confirm.refundFullWithin':
    'Je krijgt het volledige bedrag terug als je binnen {days, plural, one {# dag} other {# dagen}} na je laatste betaling opzegt.',
  'confirm.withdraw': 'Overeenkomst herroepen',
  'confirm.withdrawExplain':
    'Binnen {days, plural, one {# dag} other {# dagen}} na het afsluiten kun je de overeenkomst herroepen en krijg je terug wat je hebt betaald.',
  'confirm.withdrawEnded':
    'De herroepingstermijn is op {date} verstreken, dus herroepen kan niet meer. Er is niets opgezegd: je kunt hieronder nog steeds opzeggen.',
  'confirm.button': 'Abonnement opzeggen',
  'confirm.keep': 'Mijn abonnement houden',
  'support.title': 'Vragen? Neem contact op',
  'error.cancel': 'We konden je opzegging niet afronden. Probeer het opnieuw.',
};

export default nl;
