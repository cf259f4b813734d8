import type { LaterCatalog } from '../en.ts';

/** Dutch, "je". A plan is a "pakket", the subscription an "abonnement". */
const nl: LaterCatalog = {
  'feedback.title': 'Wil je ons nog iets laten weten?',
  'feedback.description': 'Je feedback gaat rechtstreeks naar ons team.',
  'feedback.label': 'Je feedback',
  'feedback.placeholder': 'Wat kunnen we beter doen?',
  'feedback.counter': '{count} van {max} tekens',
  'feedback.optional': 'Optioneel',

  'done.cancelledTitle': 'Je abonnement is opgezegd',
  'done.cancelledBody': 'Bedankt voor je vertrouwen. Bewaar deze bevestiging voor je administratie.',
  'done.savedTitle': 'Bedankt dat je blijft',
  'done.savedBody': 'Je wijziging is doorgevoerd.',
  'done.paused': 'Je abonnement is gepauzeerd tot {date}.',
  'done.planChanged': 'Je pakket is nu {plan}.',
  'done.withdrawnTitle': 'Je hebt de overeenkomst herroepen',
  'done.close': 'Klaar',

  'receipt.title': 'Bevestiging van opzegging',
  'receipt.plan': 'Pakket: {plan}',
  'receipt.subscription': 'Abonnement: {id}',
  'receipt.cancelledOn': 'Opgezegd op {datetime}',
  'receipt.accessEndsOn': 'Toegang eindigt op {date}',
  'receipt.refund': 'Terugbetaling: {refund}',
  'receipt.withdrawal': 'Je hebt de overeenkomst herroepen: alles wat je hebt betaald, wordt terugbetaald.',
  'receipt.refundedAlready': 'Je laatste betaling was al terugbetaald; er wordt niets meer terugbetaald.',
  'receipt.reference': 'Referentie: {id}',
  'receipt.download': 'Bevestiging downloaden',
  'receipt.print': 'Afdrukken',
  'busy.slow': 'We zijn er nog mee bezig. Dit kan nog een paar seconden duren.',
  'busy.offline': 'Wachten tot je internetverbinding terug is…',
};

export default nl;
