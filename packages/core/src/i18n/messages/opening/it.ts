import type { OpeningCatalog } from '../en.ts';

/** Italian, "tu". A subscription is ended by "disdetta". */
const it: OpeningCatalog = {
  'dialog.close': 'Chiudi',
  'dialog.back': 'Indietro',
  'dialog.continueToCancel': 'Continua con la disdetta',
  'dialog.next': 'Continua',
  'dialog.step': 'Passaggio {current}',

  'survey.title': 'Perché te ne vai?',
  'survey.description': 'Ci dispiace che tu te ne vada. Indicare un motivo è facoltativo. Ci aiuta a migliorare.',
  'survey.reasonsLabel': 'Motivo della disdetta',
  'survey.followUpPlaceholder': 'Raccontaci di più (facoltativo)',
};

export default it;
