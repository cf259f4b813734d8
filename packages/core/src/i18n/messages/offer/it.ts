import type { OfferCatalog } from '../en.ts';

/** Italian, "tu". A subscription is ended by "disdetta". */
const it: OfferCatalog = {
  'offer.title': 'Prima di andare',
  'offer.decline': 'No, grazie',

  'discount.titlePercent': '{percent} di sconto per {months, plural, one {# mese} many {# di mesi} other {# mesi}}',
  'discount.titleAmount': '{amount} di sconto per {months, plural, one {# mese} many {# di mesi} other {# mesi}}',
  'discount.body': 'Mantieni il tuo piano a un prezzo più basso. Dopo, torna a valere il prezzo normale.',
  'discount.newPrice': 'Nuovo prezzo: {price}',
  'discount.accept': 'Accetta lo sconto',

  'pause.title': 'Metti in pausa l’abbonamento',
  'pause.body': 'Prenditi una pausa invece di disdire. Il tuo account e i tuoi dati restano come sono.',
  'pause.chooserLabel': 'Durata della pausa',
  'pause.months': '{count, plural, one {# mese} many {# di mesi} other {# mesi}}',
  'pause.weeks': '{count, plural, one {# settimana} many {# di settimane} other {# settimane}}',
  'pause.resumesOn': 'La fatturazione riprende il {date}',
  'pause.accept': 'Metti in pausa',

  'planChange.title': 'Cambia piano',
  'planChange.body': 'Un altro piano potrebbe fare al caso tuo.',
  'planChange.chooserLabel': 'Piani disponibili',
  'planChange.perMonth': '{price} al mese',
  'planChange.perYear': '{price} all’anno',
  'planChange.accept': 'Passa a {plan}',

  'trial.title': 'Estendi la prova',
  'trial.body': 'Prenditi più tempo per decidere, senza costi.',
  'trial.days': '{days, plural, one {# giorno in più} many {# di giorni in più} other {# giorni in più}}',
  'trial.endsOn': 'La tua prova terminerà il {date}',
  'trial.accept': 'Estendi la mia prova',

  'contact.title': 'Parla con noi',
  'contact.body': 'Se qualcosa non funziona, una persona del nostro team può aiutarti.',
  'contact.email': 'Scrivici un’email',
  'contact.chat': 'Chatta con noi',
  'contact.call': 'Chiamaci',
  'contact.book': 'Prenota una chiamata',

  'redirect.title': 'Questo potrebbe aiutarti',
  'redirect.accept': 'Scopri di più',

  'custom.title': 'Un’offerta per te',
  'custom.accept': 'Accetta l’offerta',

  'error.offer':
    'Non siamo riusciti a confermare che questa offerta sia stata applicata. Riprova o continua con la disdetta.',
  'error.retry': 'Riprova',
};

export default it;
