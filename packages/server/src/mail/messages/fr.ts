import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Votre résiliation est confirmée',
  'mail.cancelled.intro': 'Nous vous confirmons la résiliation de votre abonnement. Conservez cet e-mail.',
  'mail.withdrawn.subject': 'Votre rétractation est confirmée',
  'mail.withdrawn.intro':
    'Nous vous confirmons votre rétractation. Le contrat a pris fin aujourd’hui et tout ce que vous avez payé vous est remboursé.',
  'mail.receipt': 'Voir votre justificatif',
  'mail.undo.note': 'Vous avez changé d’avis ? Vous pouvez annuler la résiliation jusqu’au {date}.',
  'mail.undo.noteOpen':
    'Vous avez changé d’avis ? Vous pouvez annuler la résiliation tant que votre abonnement est actif.',
  'mail.undo.action': 'Annuler la résiliation',
  'mail.saved.subject': 'Votre modification est confirmée',
  'mail.saved.intro': 'Merci de rester avec nous. Nous vous confirmons la modification de votre abonnement :',
  'mail.saved.applied': 'Votre modification a été appliquée.',
  'mail.unsubscribe.note': 'Vous recevez cet e-mail suite à une modification de votre abonnement.',
  'mail.unsubscribe.action': 'Se désabonner',
  'mail.unsubscribe.page':
    'Ne plus recevoir ce type d’e-mail ? Les confirmations de résiliation restent envoyées, comme la loi l’exige.',
  'mail.unsubscribe.done': 'Vous êtes désabonné. Nous ne vous enverrons plus ce type d’e-mail.',
  'mail.undo.page': 'Votre abonnement continue comme avant, ainsi que sa facturation.',
  'mail.undo.done': 'Votre résiliation est annulée. Votre abonnement continue.',
  'mail.undo.tooLate': 'Cet abonnement a déjà pris fin : la résiliation ne peut plus être annulée.',
  'mail.winback.subject': 'Nous serions ravis de vous revoir',
  'mail.winback.intro':
    'Votre résiliation date d’il y a quelque temps. Quand vous voudrez revenir, votre compte vous attend.',
  'mail.winback.offer': 'Revenez maintenant et profitez de : {offer}',
  'mail.winback.action': 'Réactiver mon abonnement',
  'mail.reactivate.page': 'Votre abonnement redémarre, ainsi que sa facturation.',
  'mail.reactivate.done': 'Bon retour parmi nous ! Votre abonnement est de nouveau actif.',
  'mail.link.invalid': 'Ce lien n’est pas valide ou a expiré.',
} satisfies MailCatalog;
