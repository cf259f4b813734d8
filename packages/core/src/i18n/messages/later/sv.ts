import type { LaterCatalog } from '../en.ts';

/** Swedish, "du". A subscription is ended by "uppsägning". */
const sv: LaterCatalog = {
  'feedback.title': 'Vill du berätta något mer för oss?',
  'feedback.description': 'Din feedback går direkt till vårt team.',
  'feedback.label': 'Din feedback',
  'feedback.placeholder': 'Vad kan vi göra bättre?',
  'feedback.counter': '{count} av {max} tecken',
  'feedback.optional': 'Valfritt',

  'done.cancelledTitle': 'Din prenumeration är uppsagd',
  'done.cancelledBody': 'Tack för att du har varit med oss. Spara det här kvittot för din egen dokumentation.',
  'done.savedTitle': 'Tack för att du stannar',
  'done.savedBody': 'Din ändring har genomförts.',
  'done.paused': 'Din prenumeration är pausad till {date}.',
  'done.planChanged': 'Din plan är nu {plan}.',
  'done.withdrawnTitle': 'Du har ångrat avtalet',
  'done.close': 'Klar',

  'receipt.title': 'Kvitto på uppsägning',
  'receipt.plan': 'Plan: {plan}',
  'receipt.subscription': 'Prenumeration: {id}',
  'receipt.cancelledOn': 'Uppsagd den {datetime}',
  'receipt.accessEndsOn': 'Åtkomsten upphör den {date}',
  'receipt.refund': 'Återbetalning: {refund}',
  'receipt.withdrawal': 'Du har ångrat avtalet: allt du har betalat betalas tillbaka.',
  'receipt.refundedAlready': 'Din senaste betalning var redan återbetald; inget mer betalas tillbaka.',
  'receipt.reference': 'Referens: {id}',
  'receipt.download': 'Ladda ner kvittot',
  'receipt.print': 'Skriv ut',
  'busy.slow': 'Vi arbetar fortfarande på det. Det kan ta några sekunder till.',
  'busy.offline': 'Väntar på att din internetanslutning ska komma tillbaka …',
};

export default sv;
