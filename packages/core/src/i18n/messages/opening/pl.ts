import type { OpeningCatalog } from '../en.ts';

/**
 * Polish, "ty" (with "Ciebie" capitalised in direct address). Counts take all four plural
 * categories: one (1), few (2–4, 22–24…), many (5–21, 25…), other (fractions).
 */
const pl: OpeningCatalog = {
  'dialog.close': 'Zamknij',
  'dialog.back': 'Wstecz',
  'dialog.continueToCancel': 'Przejdź do anulowania',
  'dialog.next': 'Dalej',
  'dialog.step': 'Krok {current}',

  'survey.title': 'Dlaczego rezygnujesz?',
  'survey.description': 'Przykro nam, że odchodzisz. Podanie powodu jest opcjonalne. Pomaga nam się doskonalić.',
  'survey.reasonsLabel': 'Powód rezygnacji',
  'survey.followUpPlaceholder': 'Napisz więcej (opcjonalnie)',
};

export default pl;
