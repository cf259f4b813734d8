import type { LaterCatalog } from '../en.ts';

/** Spanish, "tú", neutral between Spain and Latin America. */
const es: LaterCatalog = {
  'offer.title': 'Antes de irte',
  'offer.decline': 'No, gracias',

  'discount.titlePercent':
    '{percent} de descuento durante {months, plural, one {# mes} many {# de meses} other {# meses}}',
  'discount.titleAmount':
    '{amount} de descuento durante {months, plural, one {# mes} many {# de meses} other {# meses}}',
  'discount.body': 'Conserva tu plan a un precio más bajo. Después, vuelve a aplicarse el precio habitual.',
  'discount.newPrice': 'Nuevo precio: {price}',
  'discount.accept': 'Aceptar descuento',

  'pause.title': 'Pausa tu suscripción',
  'pause.body': 'Tómate un descanso en lugar de cancelar. Tu cuenta y tus datos se conservan.',
  'pause.chooserLabel': 'Pausar durante',
  'pause.months': '{count, plural, one {# mes} many {# de meses} other {# meses}}',
  'pause.weeks': '{count, plural, one {# semana} many {# de semanas} other {# semanas}}',
  'pause.resumesOn': 'La facturación se reanuda el {date}',
  'pause.accept': 'Pausar suscripción',

  'planChange.title': 'Cambiar de plan',
  'planChange.body': 'Quizá otro plan se adapte mejor a ti.',
  'planChange.chooserLabel': 'Planes disponibles',
  'planChange.perMonth': '{price} al mes',
  'planChange.perYear': '{price} al año',
  'planChange.accept': 'Cambiar a {plan}',

  'trial.title': 'Amplía tu prueba',
  'trial.body': 'Tómate más tiempo para decidir, sin coste.',
  'trial.days': '{days, plural, one {# día más} many {# de días más} other {# días más}}',
  'trial.endsOn': 'Tu prueba terminará el {date}',
  'trial.accept': 'Ampliar mi prueba',

  'contact.title': 'Habla con nosotros',
  'contact.body': 'Si algo no funciona, una persona de nuestro equipo puede ayudarte.',
  'contact.email': 'Escríbenos',
  'contact.chat': 'Chatea con nosotros',
  'contact.call': 'Llámanos',
  'contact.book': 'Reserva una llamada',

  'redirect.title': 'Esto podría ayudarte',
  'redirect.accept': 'Ver más',

  'custom.title': 'Una oferta para ti',
  'custom.accept': 'Aceptar oferta',

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
  'receipt.reference': 'Referencia: {id}',
  'receipt.download': 'Descargar comprobante',
  'receipt.print': 'Imprimir',

  'error.offer': 'No hemos podido aplicar esta oferta. Inténtalo de nuevo o continúa con la cancelación.',
  'error.retry': 'Reintentar',
};

export default es;
