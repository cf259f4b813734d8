import type { OfferCatalog } from '../en.ts';

/** Spanish, "tú", neutral between Spain and Latin America. */
const es: OfferCatalog = {
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

  'error.offer':
    'No hemos podido confirmar que se haya aplicado esta oferta. Inténtalo de nuevo o continúa con la cancelación.',
  'error.retry': 'Reintentar',
};

export default es;
