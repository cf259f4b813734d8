import type { LaterCatalog } from '../en.ts';

/** Spanish, "tú", neutral between Spain and Latin America. */
const es: LaterCatalog = {
  'feedback.title': '¿Quieres contarnos algo más?',
  'feedback.description': 'Tus comentarios llegan directamente a nuestro equipo.',
  'feedback.label': 'Tus comentarios',
  'feedback.placeholder': '¿Qué podríamos mejorar?',
  'feedback.counter': '{count} de {max, plural, one {# carácter} many {# de caracteres} other {# caracteres}}',
  'feedback.optional': 'Opcional',

  'done.cancelledTitle': 'Tu suscripción está cancelada',
  'done.cancelledBody': 'Gracias por tu confianza. Guarda este comprobante para tus registros.',
  'done.savedTitle': 'Gracias por quedarte',
  'done.savedBody': 'Tu cambio se ha aplicado.',
  'done.paused': 'Tu suscripción está en pausa hasta el {date}.',
  'done.planChanged': 'Tu plan ahora es {plan}.',
  'done.withdrawnTitle': 'Has desistido del contrato',
  'done.close': 'Listo',

  'receipt.title': 'Comprobante de cancelación',
  'receipt.plan': 'Plan: {plan}',
  'receipt.subscription': 'Suscripción: {id}',
  'receipt.cancelledOn': 'Cancelada el {datetime}',
  'receipt.accessEndsOn': 'El acceso termina el {date}',
  'receipt.refund': 'Reembolso: {refund}',
  'receipt.withdrawal': 'Has desistido del contrato: se te reembolsa todo lo que pagaste.',
  'receipt.refundedAlready': 'Tu último pago ya se había reembolsado; no se reembolsa nada más.',
  'receipt.reference': 'Referencia: {id}',
  'receipt.download': 'Descargar comprobante',
  'receipt.print': 'Imprimir',
  'busy.slow': 'Seguimos en ello. Puede tardar unos segundos más.',
  'busy.offline': 'Esperando a que vuelva tu conexión a internet…',
};

export default es;
