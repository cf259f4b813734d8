import type { LaterCatalog } from '../en.ts';

/** Italian, "tu". A subscription is ended by "disdetta". */
const it: LaterCatalog = {
  'feedback.title': 'Vuoi dirci qualcos’altro?',
  'feedback.description': 'Il tuo feedback arriva direttamente al nostro team.',
  'feedback.label': 'Il tuo feedback',
  'feedback.placeholder': 'Cosa potremmo migliorare?',
  'feedback.counter': '{count} di {max, plural, one {# carattere} many {# di caratteri} other {# caratteri}}',
  'feedback.optional': 'Facoltativo',

  'done.cancelledTitle': 'Il tuo abbonamento è stato disdetto',
  'done.cancelledBody': 'Grazie per averci scelto. Conserva questa ricevuta per i tuoi archivi.',
  'done.savedTitle': 'Grazie di restare con noi',
  'done.savedBody': 'La modifica è stata applicata.',
  'done.paused': 'Il tuo abbonamento è in pausa fino al {date}.',
  'done.planChanged': 'Il tuo piano ora è {plan}.',
  'done.withdrawnTitle': 'Il tuo recesso è stato registrato',
  'done.close': 'Fine',

  'receipt.title': 'Ricevuta di disdetta',
  'receipt.plan': 'Piano: {plan}',
  'receipt.subscription': 'Abbonamento: {id}',
  'receipt.cancelledOn': 'Data della disdetta: {datetime}',
  'receipt.accessEndsOn': 'Fine dell’accesso: {date}',
  'receipt.refund': 'Rimborso: {refund}',
  'receipt.withdrawal': 'Hai esercitato il recesso dal contratto: ti viene rimborsato tutto ciò che hai pagato.',
  'receipt.refundedAlready': 'Il tuo ultimo pagamento era già stato rimborsato; non viene rimborsato altro.',
  'receipt.reference': 'Riferimento: {id}',
  'receipt.download': 'Scarica la ricevuta',
  'receipt.print': 'Stampa',
  'busy.slow': 'Stiamo ancora elaborando. Potrebbe volerci qualche secondo in più.',
  'busy.offline': 'In attesa che la tua connessione a Internet torni disponibile…',
};

export default it;
