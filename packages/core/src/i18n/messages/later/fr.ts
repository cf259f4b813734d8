import type { LaterCatalog } from '../en.ts';

/**
 * French, "vous". The confirm step is a recap ("récapitulatif") with the button "Confirmer ma
 * demande de résiliation", the wording the French rules on online cancellation use. Typography:
 * a narrow no-break space before "?" and a no-break space before ":".
 */
const fr: LaterCatalog = {
  'feedback.title': 'Souhaitez-vous nous dire autre chose\u202f?',
  'feedback.description': 'Vos commentaires sont transmis directement à notre équipe.',
  'feedback.label': 'Vos commentaires',
  'feedback.placeholder': 'Que pourrions-nous améliorer\u202f?',
  'feedback.counter': '{count} sur {max, plural, one {# caractère} many {# de caractères} other {# caractères}}',
  'feedback.optional': 'Facultatif',

  'done.cancelledTitle': 'Votre abonnement est résilié',
  'done.cancelledBody': 'Merci de nous avoir fait confiance. Conservez ce justificatif pour vos dossiers.',
  'done.savedTitle': 'Merci de rester avec nous',
  'done.savedBody': 'Votre modification a été appliquée.',
  'done.paused': 'Votre abonnement est en pause jusqu’au {date}.',
  'done.planChanged': 'Votre formule est désormais {plan}.',
  'done.withdrawnTitle': 'Votre rétractation est enregistrée',
  'done.close': 'Terminé',

  'receipt.title': 'Justificatif de résiliation',
  'receipt.plan': 'Formule\u00a0: {plan}',
  'receipt.subscription': 'Abonnement\u00a0: {id}',
  'receipt.cancelledOn': 'Résiliation effectuée le {datetime}',
  'receipt.accessEndsOn': 'Fin de l’accès\u00a0: {date}',
  'receipt.refund': 'Remboursement\u00a0: {refund}',
  'receipt.withdrawal': 'Vous vous êtes rétracté·e du contrat\u00a0: tout ce que vous avez payé vous est remboursé.',
  'receipt.refundedAlready': 'Votre dernier paiement avait déjà été remboursé\u00a0; rien de plus n’est remboursé.',
  'receipt.reference': 'Référence\u00a0: {id}',
  'receipt.download': 'Télécharger le justificatif',
  'receipt.print': 'Imprimer',
  'busy.slow': 'Traitement en cours. Cela peut prendre encore quelques secondes.',
  'busy.offline': 'En attente du retour de votre connexion Internet…',
};

export default fr;
