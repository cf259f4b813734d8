import type { LaterCatalog } from '../en.ts';

/** German, formal ("Sie"). The confirm button says "Jetzt kündigen", as §312k BGB expects. */
const de: LaterCatalog = {
  'feedback.title': 'Möchten Sie uns noch etwas mitteilen?',
  'feedback.description': 'Ihr Feedback geht direkt an unser Team.',
  'feedback.label': 'Ihr Feedback',
  'feedback.placeholder': 'Was könnten wir besser machen?',
  'feedback.counter': '{count} von {max} Zeichen',
  'feedback.optional': 'Optional',

  'done.cancelledTitle': 'Ihr Abonnement ist gekündigt',
  'done.cancelledBody': 'Danke, dass Sie bei uns waren. Bewahren Sie diese Bestätigung für Ihre Unterlagen auf.',
  'done.savedTitle': 'Danke, dass Sie bleiben',
  'done.savedBody': 'Ihre Änderung wurde übernommen.',
  'done.paused': 'Ihr Abonnement ist bis zum {date} pausiert.',
  'done.planChanged': 'Ihr Tarif ist jetzt {plan}.',
  'done.withdrawnTitle': 'Sie haben den Vertrag widerrufen',
  'done.close': 'Fertig',

  'receipt.title': 'Kündigungsbestätigung',
  'receipt.plan': 'Tarif: {plan}',
  'receipt.subscription': 'Abonnement: {id}',
  'receipt.cancelledOn': 'Gekündigt am {datetime}',
  'receipt.accessEndsOn': 'Zugang endet am {date}',
  'receipt.refund': 'Erstattung: {refund}',
  'receipt.withdrawal': 'Sie haben den Vertrag widerrufen: Sie erhalten alle geleisteten Zahlungen zurück.',
  'receipt.refundedAlready': 'Ihre letzte Zahlung wurde bereits erstattet; es wird nichts weiter erstattet.',
  'receipt.reference': 'Referenz: {id}',
  'receipt.download': 'Bestätigung herunterladen',
  'receipt.print': 'Drucken',
  'busy.slow': 'Wird noch bearbeitet. Das kann noch einige Sekunden dauern.',
  'busy.offline': 'Warten auf Ihre Internetverbindung …',
};

export default de;
