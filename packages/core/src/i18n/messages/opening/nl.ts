import type { OpeningCatalog } from '../en.ts';

/** Dutch, "je". A plan is a "pakket", the subscription an "abonnement". */
const nl: OpeningCatalog = {
  'dialog.close': 'Sluiten',
  'dialog.back': 'Terug',
  'dialog.continueToCancel': 'Doorgaan met opzeggen',
  'dialog.next': 'Volgende',
  'dialog.step': 'Stap {current}',

  'survey.title': 'Waarom wil je opzeggen?',
  'survey.description': 'Jammer dat je vertrekt. Een reden kiezen is niet verplicht. Het helpt ons om beter te worden.',
  'survey.reasonsLabel': 'Reden van opzegging',
  'survey.followUpPlaceholder': 'Vertel ons meer (optioneel)',
};

export default nl;
