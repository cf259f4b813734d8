import type { LaterCatalog } from '../en.ts';

/**
 * Polish, "ty" (with "Ciebie" capitalised in direct address). Counts take all four plural
 * categories: one (1), few (2–4, 22–24…), many (5–21, 25…), other (fractions).
 */
const pl: LaterCatalog = {
  'feedback.title': 'Chcesz nam coś jeszcze przekazać?',
  'feedback.description': 'Twoja opinia trafi bezpośrednio do naszego zespołu.',
  'feedback.label': 'Twoja opinia',
  'feedback.placeholder': 'Co możemy poprawić?',
  'feedback.counter': '{count} z {max, plural, one {# znaku} few {# znaków} many {# znaków} other {# znaku}}',
  'feedback.optional': 'Opcjonalnie',

  'done.cancelledTitle': 'Twoja subskrypcja została anulowana',
  'done.cancelledBody': 'Dziękujemy za zaufanie. Zachowaj to potwierdzenie na przyszłość.',
  'done.savedTitle': 'Dziękujemy, że zostajesz',
  'done.savedBody': 'Zmiana została zastosowana.',
  'done.paused': 'Subskrypcja jest wstrzymana do {date}.',
  'done.planChanged': 'Twój plan to teraz {plan}.',
  'done.withdrawnTitle': 'Odstąpienie od umowy zostało przyjęte',
  'done.close': 'Gotowe',

  'receipt.title': 'Potwierdzenie anulowania',
  'receipt.plan': 'Plan: {plan}',
  'receipt.subscription': 'Subskrypcja: {id}',
  'receipt.cancelledOn': 'Anulowano: {datetime}',
  'receipt.accessEndsOn': 'Dostęp wygasa: {date}',
  'receipt.refund': 'Zwrot: {refund}',
  'receipt.withdrawal': 'Odstąpiono od umowy: zwracamy wszystkie dokonane płatności.',
  'receipt.refundedAlready': 'Ostatnia płatność została już zwrócona; nie przysługuje dalszy zwrot.',
  'receipt.reference': 'Numer referencyjny: {id}',
  'receipt.download': 'Pobierz potwierdzenie',
  'receipt.print': 'Drukuj',
  'busy.slow': 'Nadal trwa przetwarzanie. Może to potrwać jeszcze kilka sekund.',
  'busy.offline': 'Czekamy na powrót połączenia z internetem…',
};

export default pl;
