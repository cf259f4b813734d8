import type { ConfirmCatalog } from '../en.ts';

/** Brazilian Portuguese, "você". */
const ptBR: ConfirmCatalog = {
  'confirm.title': 'Confirmar cancelamento',
  'confirm.description': 'Claro. Confira os detalhes abaixo antes de cancelar.',
  'confirm.accessEndsOn': 'Seu acesso termina em {date}.',
  'confirm.accessEndsNow': 'Seu acesso termina agora.',
  'confirm.accessEndsPeriodEnd': 'Seu acesso continua até o fim do período de cobrança atual.',
  'confirm.refundNone': 'Não há reembolso para o período atual.',
  'confirm.refundAmount': 'Você receberá um reembolso de {amount}.',
  'confirm.refundProrated': 'Você receberá o reembolso da parte não utilizada do período atual.',
  'confirm.refundFullWithin':
    'Você recebe o reembolso integral se cancelar em até {days, plural, one {# dia} many {# de dias} other {# dias}} após o último pagamento.',
  'confirm.withdraw': 'Desistir do contrato',
  'confirm.withdrawExplain':
    'Em até {days, plural, one {# dia} many {# de dias} other {# dias}} após a contratação, você pode desistir do contrato e receber de volta o que pagou.',
  'confirm.withdrawEnded':
    'O prazo de desistência terminou em {date}, então não é mais possível desistir do contrato. Nada foi cancelado: você ainda pode cancelar abaixo.',
  'confirm.button': 'Cancelar assinatura',
  'confirm.keep': 'Manter minha assinatura',
  'support.title': 'Dúvidas? Fale com a gente',
  'error.cancel': 'Não conseguimos concluir o cancelamento. Tente novamente.',
};

export default ptBR;
