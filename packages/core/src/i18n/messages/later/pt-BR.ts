import type { LaterCatalog } from '../en.ts';

/** Brazilian Portuguese, "você". */
const ptBR: LaterCatalog = {
  'offer.title': 'Antes de você ir',
  'offer.decline': 'Não, obrigado',

  'discount.titlePercent': '{percent} de desconto por {months, plural, one {# mês} many {# de meses} other {# meses}}',
  'discount.titleAmount': '{amount} de desconto por {months, plural, one {# mês} many {# de meses} other {# meses}}',
  'discount.body': 'Mantenha seu plano por um preço menor. Depois disso, volta a valer o preço normal.',
  'discount.newPrice': 'Novo preço: {price}',
  'discount.accept': 'Aceitar desconto',

  'pause.title': 'Pause sua assinatura',
  'pause.body': 'Faça uma pausa em vez de cancelar. Sua conta e seus dados continuam como estão.',
  'pause.chooserLabel': 'Pausar por',
  'pause.months': '{count, plural, one {# mês} many {# de meses} other {# meses}}',
  'pause.weeks': '{count, plural, one {# semana} many {# de semanas} other {# semanas}}',
  'pause.resumesOn': 'A cobrança será retomada em {date}',
  'pause.accept': 'Pausar assinatura',

  'planChange.title': 'Mudar de plano',
  'planChange.body': 'Outro plano pode atender você melhor.',
  'planChange.chooserLabel': 'Planos disponíveis',
  'planChange.perMonth': '{price} por mês',
  'planChange.perYear': '{price} por ano',
  'planChange.accept': 'Mudar para {plan}',

  'trial.title': 'Estenda seu período de teste',
  'trial.body': 'Tenha mais tempo para decidir, sem custo.',
  'trial.days': '{days, plural, one {mais # dia} many {mais # de dias} other {mais # dias}}',
  'trial.endsOn': 'Seu período de teste terminará em {date}',
  'trial.accept': 'Estender meu teste',

  'contact.title': 'Fale com a gente',
  'contact.body': 'Se algo não está funcionando, alguém da nossa equipe pode ajudar.',
  'contact.email': 'Envie um e-mail',
  'contact.chat': 'Converse pelo chat',
  'contact.call': 'Ligue para nós',
  'contact.book': 'Agende uma conversa',

  'redirect.title': 'Isto pode ajudar',
  'redirect.accept': 'Saiba mais',

  'custom.title': 'Uma oferta para você',
  'custom.accept': 'Aceitar oferta',

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
  'receipt.reference': 'Referência: {id}',
  'receipt.download': 'Baixar comprovante',
  'receipt.print': 'Imprimir',

  'error.offer': 'Não conseguimos aplicar esta oferta. Tente novamente ou continue para o cancelamento.',
  'error.retry': 'Tentar novamente',
};

export default ptBR;
