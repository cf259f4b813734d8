import type { OfferCatalog } from '../en.ts';

/** German, formal ("Sie"). The confirm button says "Jetzt kündigen", as §312k BGB expects. */
const de: OfferCatalog = {
  'offer.title': 'Bevor Sie gehen',
  'offer.decline': 'Nein, danke',

  'discount.titlePercent': '{percent} Rabatt für {months, plural, one {# Monat} other {# Monate}}',
  'discount.titleAmount': '{amount} Rabatt für {months, plural, one {# Monat} other {# Monate}}',
  'discount.body': 'Behalten Sie Ihren Tarif zu einem niedrigeren Preis. Danach gilt wieder der reguläre Preis.',
  'discount.newPrice': 'Neuer Preis: {price}',
  'discount.accept': 'Rabatt annehmen',

  'pause.title': 'Abonnement pausieren',
  'pause.body': 'Legen Sie eine Pause ein, statt zu kündigen. Ihr Konto und Ihre Daten bleiben erhalten.',
  'pause.chooserLabel': 'Pausieren für',
  'pause.months': '{count, plural, one {# Monat} other {# Monate}}',
  'pause.weeks': '{count, plural, one {# Woche} other {# Wochen}}',
  'pause.resumesOn': 'Die Abrechnung wird am {date} fortgesetzt',
  'pause.accept': 'Abonnement pausieren',

  'planChange.title': 'Tarif wechseln',
  'planChange.body': 'Vielleicht passt ein anderer Tarif besser zu Ihnen.',
  'planChange.chooserLabel': 'Verfügbare Tarife',
  'planChange.perMonth': '{price} pro Monat',
  'planChange.perYear': '{price} pro Jahr',
  'planChange.accept': 'Zu {plan} wechseln',

  'trial.title': 'Testphase verlängern',
  'trial.body': 'Nehmen Sie sich kostenlos mehr Zeit für Ihre Entscheidung.',
  'trial.days': '{days, plural, one {# weiterer Tag} other {# weitere Tage}}',
  'trial.endsOn': 'Ihre Testphase endet am {date}',
  'trial.accept': 'Testphase verlängern',

  'contact.title': 'Sprechen Sie mit uns',
  'contact.body': 'Wenn etwas nicht funktioniert, hilft Ihnen gern jemand aus unserem Team.',
  'contact.email': 'E-Mail schreiben',
  'contact.chat': 'Chat starten',
  'contact.call': 'Anrufen',
  'contact.book': 'Gespräch vereinbaren',

  'redirect.title': 'Das könnte helfen',
  'redirect.accept': 'Mehr erfahren',

  'custom.title': 'Ein Angebot für Sie',
  'custom.accept': 'Angebot annehmen',

  'error.offer':
    'Wir konnten nicht bestätigen, dass dieses Angebot angewendet wurde. Versuchen Sie es erneut oder fahren Sie mit der Kündigung fort.',
  'error.retry': 'Erneut versuchen',
};

export default de;
