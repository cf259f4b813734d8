import type { OpeningCatalog } from '../en.ts';

/**
 * French, "vous". The confirm step is a recap ("récapitulatif") with the button "Confirmer ma
 * demande de résiliation", the wording the French rules on online cancellation use. Typography:
 * a narrow no-break space before "?" and a no-break space before ":".
 */
const fr: OpeningCatalog = {
  'dialog.close': 'Fermer',
  'dialog.back': 'Retour',
  'dialog.continueToCancel': 'Continuer vers la résiliation',
  'dialog.next': 'Continuer',
  'dialog.step': 'Étape {current}',

  'survey.title': 'Pourquoi partez-vous\u202f?',
  'survey.description':
    'Nous sommes désolés de vous voir partir. Indiquer une raison est facultatif. Cela nous aide à nous améliorer.',
  'survey.reasonsLabel': 'Motif de la résiliation',
  'survey.followUpPlaceholder': 'Dites-nous-en plus (facultatif)',
};

export default fr;
