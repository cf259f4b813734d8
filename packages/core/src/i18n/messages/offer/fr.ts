import type { OfferCatalog } from '../en.ts';

/**
 * French, "vous". The confirm step is a recap ("récapitulatif") with the button "Confirmer ma
 * demande de résiliation", the wording the French rules on online cancellation use. Typography:
 * a narrow no-break space before "?" and a no-break space before ":".
 */
const fr: OfferCatalog = {
  'offer.title': 'Avant de partir',
  'offer.decline': 'Non merci',

  'discount.titlePercent':
    '{percent} de réduction pendant {months, plural, one {# mois} many {# de mois} other {# mois}}',
  'discount.titleAmount':
    '{amount} de réduction pendant {months, plural, one {# mois} many {# de mois} other {# mois}}',
  'discount.body': 'Gardez votre formule à un prix réduit. Ensuite, le prix habituel s’applique de nouveau.',
  'discount.newPrice': 'Nouveau prix\u00a0: {price}',
  'discount.accept': 'Accepter la réduction',

  'pause.title': 'Mettre votre abonnement en pause',
  'pause.body': 'Faites une pause au lieu de résilier. Votre compte et vos données sont conservés.',
  'pause.chooserLabel': 'Durée de la pause',
  'pause.months': '{count, plural, one {# mois} many {# de mois} other {# mois}}',
  'pause.weeks': '{count, plural, one {# semaine} many {# de semaines} other {# semaines}}',
  'pause.resumesOn': 'La facturation reprendra le {date}',
  'pause.accept': 'Mettre en pause',

  'planChange.title': 'Changer de formule',
  'planChange.body': 'Une autre formule vous conviendrait peut-être mieux.',
  'planChange.chooserLabel': 'Formules disponibles',
  'planChange.perMonth': '{price} par mois',
  'planChange.perYear': '{price} par an',
  'planChange.accept': 'Passer à {plan}',

  'trial.title': 'Prolonger votre essai',
  'trial.body': 'Prenez plus de temps pour décider, sans frais.',
  'trial.days': '{days, plural, one {# jour de plus} many {# de jours de plus} other {# jours de plus}}',
  'trial.endsOn': 'Votre essai se terminera le {date}',
  'trial.accept': 'Prolonger mon essai',

  'contact.title': 'Parlons-en',
  'contact.body': 'Si quelque chose ne fonctionne pas, une personne de notre équipe peut vous aider.',
  'contact.email': 'Nous écrire',
  'contact.chat': 'Discuter avec nous',
  'contact.call': 'Nous appeler',
  'contact.book': 'Réserver un appel',

  'redirect.title': 'Ceci pourrait vous aider',
  'redirect.accept': 'En savoir plus',

  'custom.title': 'Une offre pour vous',
  'custom.accept': 'Accepter l’offre',

  'error.offer':
    'Nous n’avons pas pu confirmer que cette offre a été appliquée. Réessayez ou continuez vers la résiliation.',
  'error.retry': 'Réessayer',
};

export default fr;
