import type { ConfirmCatalog } from '../en.ts';

/**
 * Polish, "ty" (with "Ciebie" capitalised in direct address). Counts take all four plural
 * categories: one (1), few (2–4, 22–24…), many (5–21, 25…), other (fractions).
 */
const pl: ConfirmCatalog = {
  'confirm.title': 'Potwierdź anulowanie',
  'confirm.description': 'Oczywiście. Sprawdź poniższe informacje przed anulowaniem.',
  'confirm.accessEndsOn': 'Twój dostęp wygaśnie {date}.',
  'confirm.accessEndsNow': 'Twój dostęp wygaśnie natychmiast.',
  'confirm.accessEndsPeriodEnd': 'Dostęp pozostaje aktywny do końca bieżącego okresu rozliczeniowego.',
  'confirm.refundNone': 'Za bieżący okres nie przysługuje zwrot.',
  'confirm.refundAmount': 'Otrzymasz zwrot w wysokości {amount}.',
  'confirm.refundProrated': 'Otrzymasz zwrot za niewykorzystaną część bieżącego okresu.',
  'confirm.refundFullWithin':
    'Otrzymasz pełny zwrot, jeśli anulujesz w ciągu {days, plural, one {# dnia} few {# dni} many {# dni} other {# dnia}} od ostatniej płatności.',
  'confirm.withdraw': 'Odstąp od umowy',
  'confirm.withdrawExplain':
    'W ciągu {days, plural, one {# dnia} few {# dni} many {# dni} other {# dnia}} od zawarcia umowy możesz od niej odstąpić i odzyskać zapłaconą kwotę.',
  'confirm.withdrawEnded':
    'Okres na odstąpienie od umowy upłynął {date}, więc nie można już odstąpić. Nic nie zostało anulowane: nadal możesz anulować poniżej.',
  'confirm.button': 'Anuluj subskrypcję',
  'confirm.keep': 'Zachowaj subskrypcję',
  'support.title': 'Masz pytania? Skontaktuj się z nami',
  'error.cancel': 'Nie udało się dokończyć anulowania. Spróbuj ponownie.',
};

export default pl;
