import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'La tua disdetta è confermata',
  'mail.cancelled.intro': 'Ti confermiamo che il tuo abbonamento è disdetto. Conserva questa email.',
  'mail.withdrawn.subject': 'Il tuo recesso dal contratto è confermato',
  'mail.withdrawn.intro':
    'Ti confermiamo il recesso dal contratto. È terminato oggi e ti rimborsiamo tutto quanto hai pagato.',
  'mail.receipt': 'Vedi la ricevuta',
  'mail.undo.note': 'Hai cambiato idea? Puoi annullare la disdetta fino al {date}.',
  'mail.undo.noteOpen': 'Hai cambiato idea? Puoi annullare la disdetta finché il tuo abbonamento è attivo.',
  'mail.undo.action': 'Annulla la disdetta',
  'mail.saved.subject': 'La tua modifica è confermata',
  'mail.saved.intro': 'Grazie per essere rimasto. Ti confermiamo la modifica al tuo abbonamento:',
  'mail.saved.applied': 'La tua modifica è stata applicata.',
  'mail.unsubscribe.note': 'Ricevi questa email per una modifica al tuo abbonamento.',
  'mail.unsubscribe.action': 'Annulla l’iscrizione',
  'mail.unsubscribe.page':
    'Non ricevere più email come questa? Le conferme di disdetta continuano a essere inviate, come richiede la legge.',
  'mail.unsubscribe.done': 'Iscrizione annullata. Non ti invieremo più email come questa.',
  'mail.undo.page': 'Il tuo abbonamento continua come prima, e così la fatturazione.',
  'mail.undo.done': 'La disdetta è stata annullata. Il tuo abbonamento continua.',
  'mail.undo.tooLate': 'Questo abbonamento è già terminato, quindi la disdetta non può più essere annullata.',
  'mail.winback.subject': 'Ci piacerebbe riaverti con noi',
  'mail.winback.intro': 'È passato un po’ da quando hai disdetto. Quando vorrai tornare, il tuo account è pronto.',
  'mail.winback.offer': 'Torna ora e ottieni: {offer}',
  'mail.winback.action': 'Riattiva il mio abbonamento',
  'mail.reactivate.page': 'Il tuo abbonamento riparte, e con esso la fatturazione.',
  'mail.reactivate.done': 'Bentornato! Il tuo abbonamento è di nuovo attivo.',
  'mail.link.invalid': 'Questo link non è valido o è scaduto.',
} satisfies MailCatalog;
