import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Ihre Kündigung ist bestätigt',
  'mail.cancelled.intro':
    'Hiermit bestätigen wir die Kündigung Ihres Abonnements. Bitte bewahren Sie diese E-Mail auf.',
  'mail.withdrawn.subject': 'Ihr Widerruf des Vertrags ist bestätigt',
  'mail.withdrawn.intro':
    'Hiermit bestätigen wir Ihren Widerruf. Der Vertrag endete heute, und Sie erhalten alle Zahlungen zurück.',
  'mail.receipt': 'Kündigungsbestätigung ansehen',
  'mail.undo.note': 'Sie haben es sich anders überlegt? Sie können die Kündigung bis zum {date} zurücknehmen.',
  'mail.undo.noteOpen':
    'Sie haben es sich anders überlegt? Solange Ihr Abonnement läuft, können Sie die Kündigung zurücknehmen.',
  'mail.undo.action': 'Kündigung zurücknehmen',
  'mail.saved.subject': 'Ihre Änderung ist bestätigt',
  'mail.saved.intro': 'Danke, dass Sie bleiben. Hiermit bestätigen wir die Änderung Ihres Abonnements:',
  'mail.saved.applied': 'Ihre Änderung wurde übernommen.',
  'mail.unsubscribe.note': 'Sie erhalten diese E-Mail wegen einer Änderung Ihres Abonnements.',
  'mail.unsubscribe.action': 'Abmelden',
  'mail.unsubscribe.page':
    'Keine solchen E-Mails mehr erhalten? Kündigungsbestätigungen senden wir weiterhin, wie gesetzlich vorgeschrieben.',
  'mail.unsubscribe.done': 'Sie sind abgemeldet. Wir senden Ihnen keine solchen E-Mails mehr.',
  'mail.undo.page': 'Ihr Abonnement läuft weiter wie bisher, auch die Abrechnung.',
  'mail.undo.done': 'Ihre Kündigung ist zurückgenommen. Ihr Abonnement läuft weiter.',
  'mail.undo.tooLate': 'Dieses Abonnement ist bereits beendet; die Kündigung kann nicht mehr zurückgenommen werden.',
  'mail.winback.subject': 'Wir würden uns freuen, Sie wiederzusehen',
  'mail.winback.intro': 'Ihre Kündigung ist eine Weile her. Wann immer Sie zurückkommen möchten, Ihr Konto ist bereit.',
  'mail.winback.offer': 'Kommen Sie jetzt zurück und erhalten Sie: {offer}',
  'mail.winback.action': 'Abonnement wieder aktivieren',
  'mail.reactivate.page': 'Ihr Abonnement startet wieder, und die Abrechnung läuft wieder.',
  'mail.reactivate.done': 'Willkommen zurück! Ihr Abonnement ist wieder aktiv.',
  'mail.link.invalid': 'Dieser Link ist ungültig oder abgelaufen.',
} satisfies MailCatalog;
