import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Din uppsägning är bekräftad',
  'mail.cancelled.intro': 'Vi bekräftar att ditt abonnemang är uppsagt. Spara det här mejlet.',
  'mail.withdrawn.subject': 'Ditt frånträde från avtalet är bekräftat',
  'mail.withdrawn.intro':
    'Vi bekräftar att du har frånträtt avtalet. Det upphörde i dag och allt du har betalat återbetalas.',
  'mail.receipt': 'Visa ditt kvitto',
  'mail.undo.note': 'Ångrat dig? Du kan ångra uppsägningen till och med {date}.',
  'mail.undo.noteOpen': 'Ångrat dig? Du kan ångra uppsägningen så länge ditt abonnemang är aktivt.',
  'mail.undo.action': 'Ångra uppsägningen',
  'mail.saved.subject': 'Din ändring är bekräftad',
  'mail.saved.intro': 'Tack för att du stannar. Vi bekräftar ändringen av ditt abonnemang:',
  'mail.saved.applied': 'Din ändring har genomförts.',
  'mail.unsubscribe.note': 'Du får det här mejlet på grund av en ändring av ditt abonnemang.',
  'mail.unsubscribe.action': 'Avregistrera',
  'mail.unsubscribe.page': 'Sluta få mejl som det här? Bekräftelser av uppsägningar skickas ändå, som lagen kräver.',
  'mail.unsubscribe.done': 'Du är avregistrerad. Vi skickar inga fler mejl som det här.',
  'mail.undo.page': 'Ditt abonnemang fortsätter som tidigare, och faktureringen också.',
  'mail.undo.done': 'Din uppsägning är ångrad. Ditt abonnemang fortsätter.',
  'mail.undo.tooLate': 'Det här abonnemanget har redan upphört, så uppsägningen kan inte längre ångras.',
  'mail.winback.subject': 'Vi vill gärna ha tillbaka dig',
  'mail.winback.intro':
    'Det var ett tag sedan du sa upp ditt abonnemang. När du vill komma tillbaka är ditt konto redo.',
  'mail.winback.offer': 'Kom tillbaka nu och få: {offer}',
  'mail.winback.action': 'Återaktivera mitt abonnemang',
  'mail.reactivate.page': 'Ditt abonnemang startar igen, och faktureringen också.',
  'mail.reactivate.done': 'Välkommen tillbaka! Ditt abonnemang är aktivt igen.',
  'mail.link.invalid': 'Länken är ogiltig eller har gått ut.',
} satisfies MailCatalog;
