import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Twoja rezygnacja została potwierdzona',
  'mail.cancelled.intro': 'Potwierdzamy anulowanie Twojej subskrypcji. Zachowaj tę wiadomość.',
  'mail.withdrawn.subject': 'Twoje odstąpienie od umowy zostało potwierdzone',
  'mail.withdrawn.intro':
    'Potwierdzamy odstąpienie od umowy. Umowa zakończyła się dzisiaj, a wszystkie wpłaty zostaną zwrócone.',
  'mail.receipt': 'Zobacz potwierdzenie',
  'mail.undo.note': 'Zmiana planów? Możesz cofnąć rezygnację do {date}.',
  'mail.undo.noteOpen': 'Zmiana planów? Możesz cofnąć rezygnację, dopóki subskrypcja jest aktywna.',
  'mail.undo.action': 'Cofnij rezygnację',
  'mail.saved.subject': 'Twoja zmiana została potwierdzona',
  'mail.saved.intro': 'Dziękujemy, że zostajesz. Potwierdzamy zmianę Twojej subskrypcji:',
  'mail.saved.applied': 'Twoja zmiana została zastosowana.',
  'mail.unsubscribe.note': 'Otrzymujesz tę wiadomość z powodu zmiany Twojej subskrypcji.',
  'mail.unsubscribe.action': 'Wypisz się',
  'mail.unsubscribe.page':
    'Nie chcesz więcej takich wiadomości? Potwierdzenia rezygnacji nadal będą wysyłane, zgodnie z prawem.',
  'mail.unsubscribe.done': 'Wypisano Cię. Nie będziemy już wysyłać takich wiadomości.',
  'mail.undo.page': 'Twoja subskrypcja będzie trwać jak dotąd, podobnie jak rozliczenia.',
  'mail.undo.done': 'Rezygnacja została cofnięta. Twoja subskrypcja trwa dalej.',
  'mail.undo.tooLate': 'Ta subskrypcja już się zakończyła, więc rezygnacji nie można już cofnąć.',
  'mail.winback.subject': 'Chętnie powitamy Cię ponownie',
  'mail.winback.intro':
    'Minęło trochę czasu od Twojej rezygnacji. Kiedy tylko zechcesz wrócić, Twoje konto jest gotowe.',
  'mail.winback.offer': 'Wróć teraz i otrzymaj: {offer}',
  'mail.winback.action': 'Wznów moją subskrypcję',
  'mail.reactivate.page': 'Twoja subskrypcja zostanie wznowiona, a wraz z nią rozliczenia.',
  'mail.reactivate.done': 'Witamy z powrotem! Twoja subskrypcja jest znowu aktywna.',
  'mail.link.invalid': 'Ten link jest nieprawidłowy lub wygasł.',
} satisfies MailCatalog;
