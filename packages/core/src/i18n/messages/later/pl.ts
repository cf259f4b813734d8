import type { LaterCatalog } from '../en.ts';

/**
 * Polish, "ty" (with "Ciebie" capitalised in direct address). Counts take all four plural
 * categories: one (1), few (2–4, 22–24…), many (5–21, 25…), other (fractions).
 */
const pl: LaterCatalog = {
  'offer.title': 'Zanim odejdziesz',
  'offer.decline': 'Nie, dziękuję',

  'discount.titlePercent':
    '{percent} zniżki przez {months, plural, one {# miesiąc} few {# miesiące} many {# miesięcy} other {# miesiąca}}',
  'discount.titleAmount':
    '{amount} zniżki przez {months, plural, one {# miesiąc} few {# miesiące} many {# miesięcy} other {# miesiąca}}',
  'discount.body': 'Zachowaj swój plan w niższej cenie. Potem znów obowiązuje cena standardowa.',
  'discount.newPrice': 'Nowa cena: {price}',
  'discount.accept': 'Przyjmij zniżkę',

  'pause.title': 'Wstrzymaj subskrypcję',
  'pause.body': 'Zrób sobie przerwę zamiast anulować. Twoje konto i dane pozostaną bez zmian.',
  'pause.chooserLabel': 'Wstrzymaj na',
  'pause.months': '{count, plural, one {# miesiąc} few {# miesiące} many {# miesięcy} other {# miesiąca}}',
  'pause.weeks': '{count, plural, one {# tydzień} few {# tygodnie} many {# tygodni} other {# tygodnia}}',
  'pause.resumesOn': 'Płatności zostaną wznowione {date}',
  'pause.accept': 'Wstrzymaj subskrypcję',

  'planChange.title': 'Zmień plan',
  'planChange.body': 'Być może inny plan będzie dla Ciebie lepszy.',
  'planChange.chooserLabel': 'Dostępne plany',
  'planChange.perMonth': '{price} miesięcznie',
  'planChange.perYear': '{price} rocznie',
  'planChange.accept': 'Przejdź na {plan}',

  'trial.title': 'Przedłuż okres próbny',
  'trial.body': 'Zyskaj więcej czasu na decyzję, bez opłat.',
  'trial.days':
    '{days, plural, one {# dodatkowy dzień} few {# dodatkowe dni} many {# dodatkowych dni} other {# dodatkowego dnia}}',
  'trial.endsOn': 'Okres próbny zakończy się {date}',
  'trial.accept': 'Przedłuż okres próbny',

  'contact.title': 'Porozmawiaj z nami',
  'contact.body': 'Jeśli coś nie działa, ktoś z naszego zespołu chętnie pomoże.',
  'contact.email': 'Napisz e-mail',
  'contact.chat': 'Napisz na czacie',
  'contact.call': 'Zadzwoń do nas',
  'contact.book': 'Umów rozmowę',

  'redirect.title': 'To może pomóc',
  'redirect.accept': 'Dowiedz się więcej',

  'custom.title': 'Oferta dla Ciebie',
  'custom.accept': 'Przyjmij ofertę',

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
  'receipt.reference': 'Numer referencyjny: {id}',
  'receipt.download': 'Pobierz potwierdzenie',
  'receipt.print': 'Drukuj',

  'error.offer': 'Nie udało się zastosować tej oferty. Spróbuj ponownie lub przejdź do anulowania.',
  'error.retry': 'Ponów',
};

export default pl;
