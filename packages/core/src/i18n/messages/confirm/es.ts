import type { ConfirmCatalog } from '../en.ts';

/** Spanish, "tú", neutral between Spain and Latin America. */
const es: ConfirmCatalog = {
  'confirm.title': 'Confirmar cancelación',
  'confirm.description': 'Por supuesto. Revisa los detalles antes de cancelar.',
  'confirm.accessEndsOn': 'Tu acceso termina el {date}.',
  'confirm.accessEndsNow': 'Tu acceso termina ahora.',
  'confirm.accessEndsPeriodEnd': 'Tu acceso se mantiene hasta el final del periodo de facturación en curso.',
  'confirm.refundNone': 'No se reembolsa el periodo en curso.',
  'confirm.refundAmount': 'Te reembolsaremos {amount}.',
  'confirm.refundProrated': 'Recibirás un reembolso por la parte no utilizada del periodo en curso.',
  'confirm.refundFullWithin':
    'Recibes un reembolso completo si cancelas en un plazo de {days, plural, one {# día} many {# de días} other {# días}} desde tu último pago.',
  'confirm.withdraw': 'Desistir del contrato',
  'confirm.withdrawExplain':
    'En un plazo de {days, plural, one {# día} many {# de días} other {# días}} desde la contratación, puedes desistir del contrato y recuperar lo que has pagado.',
  'confirm.withdrawEnded':
    'El plazo de desistimiento terminó el {date}, así que ya no puedes desistir del contrato. No se ha cancelado nada: aún puedes cancelar abajo.',
  'confirm.button': 'Cancelar suscripción',
  'confirm.keep': 'Mantener mi suscripción',
  'support.title': '¿Tienes preguntas? Contáctanos',
  'error.cancel': 'No hemos podido completar la cancelación. Inténtalo de nuevo.',
};

export default es;
