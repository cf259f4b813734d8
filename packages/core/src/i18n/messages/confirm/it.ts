import type { ConfirmCatalog } from '../en.ts';

/** Italian, "tu". A subscription is ended by "disdetta". */
const it: ConfirmCatalog = {
  'confirm.title': 'Conferma la disdetta',
  'confirm.description': 'Certo. Controlla i dettagli qui sotto prima di disdire.',
  'confirm.accessEndsOn': 'Il tuo accesso termina il {date}.',
  'confirm.accessEndsNow': 'Il tuo accesso termina subito.',
  'confirm.accessEndsPeriodEnd': 'Il tuo accesso resta attivo fino alla fine del periodo di fatturazione in corso.',
  'confirm.refundNone': 'Non è previsto alcun rimborso per il periodo in corso.',
  'confirm.refundAmount': 'Riceverai un rimborso di {amount}.',
  'confirm.refundProrated': 'Riceverai un rimborso per la parte non utilizzata del periodo in corso.',
  'confirm.refundFullWithin':
    'Ricevi un rimborso completo se disdici entro {days, plural, one {# giorno} many {# di giorni} other {# giorni}} dall’ultimo pagamento.',
  'confirm.withdraw': 'Recedi dal contratto',
  'confirm.withdrawExplain':
    'Entro {days, plural, one {# giorno} many {# di giorni} other {# giorni}} dalla sottoscrizione puoi recedere dal contratto e riavere quanto hai pagato.',
  'confirm.withdrawEnded':
    'Il periodo di recesso è terminato il {date}: non è più possibile recedere dal contratto. Non è stato annullato nulla: puoi ancora annullare qui sotto.',
  'confirm.button': 'Disdici l’abbonamento',
  'confirm.keep': 'Mantieni il mio abbonamento',
  'support.title': 'Domande? Contattaci',
  'error.cancel': 'Non siamo riusciti a completare la disdetta. Riprova.',
};

export default it;
