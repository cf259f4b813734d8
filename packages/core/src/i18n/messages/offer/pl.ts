import type { OfferCatalog } from '../en.ts';

/**
 * Polish, "ty" (with "Ciebie" capitalised in direct address). Counts take all four plural
 * categories: one (1), few (2–4, 22–24…), many (5–21, 25…), other (fractions).
 */
const pl: OfferCatalog = {
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

  'error.offer':
    'Nie udało się potwierdzić, że oferta została zastosowana. Spróbuj ponownie lub przejdź do anulowania.',
  'error.retry': 'Ponów',
};

export default pl;
