import type { OpeningCatalog } from '../en.ts';

/** Spanish, "tú", neutral between Spain and Latin America. */
const es: OpeningCatalog = {
  'dialog.close': 'Cerrar',
  'dialog.back': 'Atrás',
  'dialog.continueToCancel': 'Continuar con la cancelación',
  'dialog.next': 'Continuar',
  'dialog.step': 'Paso {current}',

  'survey.title': '¿Por qué te vas?',
  'survey.description': 'Lamentamos que te vayas. Indicar un motivo es opcional. Nos ayuda a mejorar.',
  'survey.reasonsLabel': 'Motivo de la cancelación',
  'survey.followUpPlaceholder': 'Cuéntanos más (opcional)',
};

export default es;
