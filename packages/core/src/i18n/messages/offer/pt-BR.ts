import type { OfferCatalog } from '../en.ts';

/** Brazilian Portuguese, "você". */
const ptBR: OfferCatalog = {
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

  'error.offer':
    'Não conseguimos confirmar que esta oferta foi aplicada. Tente novamente ou continue para o cancelamento.',
  'error.retry': 'Tentar novamente',
};

export default ptBR;
