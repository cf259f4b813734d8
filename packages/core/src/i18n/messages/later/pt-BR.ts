import type { LaterCatalog } from '../en.ts';

/** Brazilian Portuguese, "você". */
const ptBR: LaterCatalog = {
  'feedback.title': 'Quer nos contar mais alguma coisa?',
  'feedback.description': 'Seu comentário vai direto para a nossa equipe.',
  'feedback.label': 'Seu comentário',
  'feedback.placeholder': 'O que poderíamos melhorar?',
  'feedback.counter': '{count} de {max, plural, one {# caractere} many {# de caracteres} other {# caracteres}}',
  'feedback.optional': 'Opcional',

  'done.cancelledTitle': 'Sua assinatura foi cancelada',
  'done.cancelledBody': 'Obrigado pela confiança. Guarde este comprovante para seus registros.',
  'done.savedTitle': 'Obrigado por ficar',
  'done.savedBody': 'Sua alteração foi aplicada.',
  'done.paused': 'Sua assinatura está pausada até {date}.',
  'done.planChanged': 'Seu plano agora é {plan}.',
  'done.withdrawnTitle': 'Sua desistência foi registrada',
  'done.close': 'Concluir',

  'receipt.title': 'Comprovante de cancelamento',
  'receipt.plan': 'Plano: {plan}',
  'receipt.subscription': 'Assinatura: {id}',
  'receipt.cancelledOn': 'Cancelada em {datetime}',
  'receipt.accessEndsOn': 'O acesso termina em {date}',
  'receipt.refund': 'Reembolso: {refund}',
  'receipt.withdrawal': 'Você desistiu do contrato: tudo o que você pagou será reembolsado.',
  'receipt.refundedAlready': 'Seu último pagamento já tinha sido reembolsado; nada mais é reembolsado.',
  'receipt.reference': 'Referência: {id}',
  'receipt.download': 'Baixar comprovante',
  'receipt.print': 'Imprimir',
  'busy.slow': 'Ainda estamos processando. Isso pode levar mais alguns segundos.',
  'busy.offline': 'Aguardando sua conexão com a internet voltar…',
};

export default ptBR;
