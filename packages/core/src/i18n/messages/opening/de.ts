import type { OpeningCatalog } from '../en.ts';

/** German, formal ("Sie"). The confirm button says "Jetzt kündigen", as §312k BGB expects. */
const de: OpeningCatalog = {
  'dialog.close': 'Schließen',
  'dialog.back': 'Zurück',
  'dialog.continueToCancel': 'Weiter zur Kündigung',
  'dialog.next': 'Weiter',
  'dialog.step': 'Schritt {current}',

  'survey.title': 'Warum möchten Sie kündigen?',
  'survey.description':
    'Schade, dass Sie gehen. Die Angabe eines Grundes ist freiwillig und hilft uns, besser zu werden.',
  'survey.reasonsLabel': 'Grund für die Kündigung',
  'survey.followUpPlaceholder': 'Erzählen Sie uns mehr (optional)',
};

export default de;
