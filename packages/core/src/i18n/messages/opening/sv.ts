import type { OpeningCatalog } from '../en.ts';

/** Swedish, "du". A subscription is ended by "uppsägning". */
const sv: OpeningCatalog = {
  'dialog.close': 'Stäng',
  'dialog.back': 'Tillbaka',
  'dialog.continueToCancel': 'Fortsätt till uppsägning',
  'dialog.next': 'Nästa',
  'dialog.step': 'Steg {current}',

  'survey.title': 'Varför vill du säga upp din prenumeration?',
  'survey.description':
    'Tråkigt att du lämnar oss. Det är frivilligt att ange en anledning. Det hjälper oss att bli bättre.',
  'survey.reasonsLabel': 'Anledning till uppsägningen',
  'survey.followUpPlaceholder': 'Berätta mer (valfritt)',
};

export default sv;
