import type { ConfirmCatalog } from '../en.ts';

/** German, formal ("Sie"). The confirm button says "Jetzt kündigen", as §312k BGB expects. */
const de: ConfirmCatalog = {
  'confirm.title': 'Kündigung bestätigen',
  'confirm.description': 'Selbstverständlich. Bitte prüfen Sie die Angaben, bevor Sie kündigen.',
  'confirm.accessEndsOn': 'Ihr Zugang endet am {date}.',
  'confirm.accessEndsNow': 'Ihr Zugang endet sofort.',
  'confirm.accessEndsPeriodEnd': 'Ihr Zugang bleibt bis zum Ende des laufenden Abrechnungszeitraums bestehen.',
  'confirm.refundNone': 'Für den laufenden Zeitraum erfolgt keine Erstattung.',
  'confirm.refundAmount': 'Sie erhalten {amount} erstattet.',
  'confirm.refundProrated': 'Sie erhalten eine anteilige Erstattung für den ungenutzten Teil des laufenden Zeitraums.',
  'confirm.refundFullWithin':
    'Sie erhalten den vollen Betrag zurück, wenn Sie innerhalb von {days, plural, one {# Tag} other {# Tagen}} nach Ihrer letzten Zahlung kündigen.',
  'confirm.withdraw': 'Vertrag widerrufen',
  'confirm.withdrawExplain':
    'Innerhalb von {days, plural, one {# Tag} other {# Tagen}} nach Vertragsschluss können Sie den Vertrag widerrufen und erhalten bereits gezahlte Beträge zurück.',
  'confirm.withdrawEnded':
    'Die Widerrufsfrist ist am {date} abgelaufen, ein Widerruf ist nicht mehr möglich. Es wurde nichts gekündigt: Sie können unten weiterhin kündigen.',
  'confirm.button': 'Jetzt kündigen',
  'confirm.keep': 'Abonnement behalten',
  'support.title': 'Fragen? Kontaktieren Sie uns',
  'error.cancel': 'Wir konnten Ihre Kündigung nicht abschließen. Bitte versuchen Sie es erneut.',
};

export default de;
