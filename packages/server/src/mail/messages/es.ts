import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Tu cancelación está confirmada',
  'mail.cancelled.intro': 'Te confirmamos que tu suscripción está cancelada. Guarda este correo.',
  'mail.withdrawn.subject': 'Tu desistimiento del contrato está confirmado',
  'mail.withdrawn.intro':
    'Te confirmamos que has desistido del contrato. Terminó hoy y te reembolsamos todo lo que pagaste.',
  'mail.receipt': 'Ver tu comprobante',
  'mail.undo.note': '¿Has cambiado de idea? Puedes deshacer la cancelación hasta el {date}.',
  'mail.undo.noteOpen': '¿Has cambiado de idea? Puedes deshacer la cancelación mientras tu suscripción siga activa.',
  'mail.undo.action': 'Deshacer la cancelación',
  'mail.saved.subject': 'Tu cambio está confirmado',
  'mail.saved.intro': 'Gracias por quedarte. Te confirmamos el cambio en tu suscripción:',
  'mail.saved.applied': 'Tu cambio se ha aplicado.',
  'mail.unsubscribe.note': 'Recibes este correo por un cambio en tu suscripción.',
  'mail.unsubscribe.action': 'Darse de baja',
  'mail.unsubscribe.page':
    '¿Dejar de recibir correos como este? Las confirmaciones de cancelación se siguen enviando, como exige la ley.',
  'mail.unsubscribe.done': 'Te has dado de baja. No volveremos a enviarte correos como este.',
  'mail.undo.page': 'Tu suscripción continuará como antes, y la facturación también.',
  'mail.undo.done': 'Tu cancelación se ha deshecho. Tu suscripción continúa.',
  'mail.undo.tooLate': 'Esta suscripción ya ha terminado, así que la cancelación ya no se puede deshacer.',
  'mail.winback.subject': 'Nos encantaría volver a verte',
  'mail.winback.intro': 'Hace un tiempo que cancelaste. Cuando quieras volver, tu cuenta te espera.',
  'mail.winback.offer': 'Vuelve ahora y obtén: {offer}',
  'mail.winback.action': 'Reactivar mi suscripción',
  'mail.reactivate.page': 'Tu suscripción vuelve a empezar, y también la facturación.',
  'mail.reactivate.done': '¡Bienvenido de nuevo! Tu suscripción vuelve a estar activa.',
  'mail.link.invalid': 'Este enlace no es válido o ha caducado.',
} satisfies MailCatalog;
