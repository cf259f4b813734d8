import type { ConfirmCatalog } from '../en.ts';

/**
 * French, "vous". The confirm step is a recap ("récapitulatif") with the button "Confirmer ma
 * demande de résiliation", the wording the French rules on online cancellation use. Typography:
 * a narrow no-break space before "?" and a no-break space before ":".
 */
const fr: ConfirmCatalog = {
  'confirm.title': 'Récapitulatif de votre demande de résiliation',
  'confirm.description': 'Bien sûr. Vérifiez les informations ci-dessous avant de confirmer.',
  'confirm.accessEndsOn': 'Votre accès prendra fin le {date}.',
  'confirm.accessEndsNow': 'Votre accès prendra fin immédiatement.',
  'confirm.accessEndsPeriodEnd': 'Votre accès reste actif jusqu’à la fin de la période de facturation en cours.',
  'confirm.refundNone': 'Aucun remboursement n’est prévu pour la période en cours.',
  'confirm.refundAmount': '{amount} vous seront remboursés.',
  'confirm.refundProrated': 'La partie non utilisée de la période en cours vous sera remboursée.',
  'confirm.refundFullWithin':
    'Vous obtenez un remboursement intégral si vous résiliez dans un délai de {days, plural, one {# jour} many {# de jours} other {# jours}} après votre dernier paiement.',
  'confirm.withdraw': 'Se rétracter du contrat',
  'confirm.withdrawExplain':
    'Dans un délai de {days, plural, one {# jour} many {# de jours} other {# jours}} après la souscription, vous pouvez vous rétracter et obtenir le remboursement des sommes versées.',
  'confirm.withdrawEnded':
    "Le délai de rétractation a pris fin le {date} : vous ne pouvez plus vous rétracter. Rien n'a été résilié : vous pouvez toujours résilier ci-dessous.",
  'confirm.button': 'Confirmer ma demande de résiliation',
  'confirm.keep': 'Conserver mon abonnement',
  'support.title': 'Des questions\u202f? Contactez-nous',
  'error.cancel': 'Nous n’avons pas pu finaliser votre résiliation. Veuillez réessayer.',
};

export default fr;
