import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Je opzegging is bevestigd',
  'mail.cancelled.intro': 'Hierbij bevestigen we dat je abonnement is opgezegd. Bewaar deze e-mail.',
  'mail.withdrawn.subject': 'Je herroeping van het contract is bevestigd',
  'mail.withdrawn.intro':
    'Hierbij bevestigen we je herroeping. Het contract is vandaag beëindigd en alles wat je betaalde wordt terugbetaald.',
  'mail.receipt': 'Bekijk je bewijs',
  'mail.undo.note': 'Toch van gedachten veranderd? Je kunt de opzegging ongedaan maken tot {date}.',
  'mail.undo.noteOpen':
    'Toch van gedachten veranderd? Je kunt de opzegging ongedaan maken zolang je abonnement actief is.',
  'mail.undo.action': 'Opzegging ongedaan maken',
  'mail.saved.subject': 'Je wijziging is bevestigd',
  'mail.saved.intro': 'Bedankt dat je blijft. Hierbij bevestigen we de wijziging van je abonnement:',
  'mail.saved.applied': 'Je wijziging is doorgevoerd.',
  'mail.unsubscribe.note': 'Je krijgt deze e-mail vanwege een wijziging van je abonnement.',
  'mail.unsubscribe.action': 'Afmelden',
  'mail.unsubscribe.page':
    'Geen e-mails zoals deze meer ontvangen? Bevestigingen van een opzegging sturen we wel, zoals de wet vereist.',
  'mail.unsubscribe.done': 'Je bent afgemeld. We sturen je geen e-mails zoals deze meer.',
  'mail.undo.page': 'Je abonnement loopt door zoals voorheen, en de facturering ook.',
  'mail.undo.done': 'Je opzegging is ongedaan gemaakt. Je abonnement loopt door.',
  'mail.undo.tooLate': 'Dit abonnement is al beëindigd, dus de opzegging kan niet meer ongedaan worden gemaakt.',
  'mail.winback.subject': 'We zouden je graag terugzien',
  'mail.winback.intro':
    'Het is een tijdje geleden dat je opzegde. Wanneer je terug wilt komen, staat je account klaar.',
  'mail.winback.offer': 'Kom nu terug en krijg: {offer}',
  'mail.winback.action': 'Mijn abonnement weer activeren',
  'mail.reactivate.page': 'Je abonnement start opnieuw, en de facturering ook.',
  'mail.reactivate.done': 'Welkom terug! Je abonnement is weer actief.',
  'mail.link.invalid': 'Deze link is ongeldig of verlopen.',
} satisfies MailCatalog;
