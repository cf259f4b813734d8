import type { OpeningCatalog } from '../en.ts';

/** Brazilian Portuguese, "você". */
const ptBR: OpeningCatalog = {
  'dialog.close': 'Fechar',
  'dialog.back': 'Voltar',
  'dialog.continueToCancel': 'Continuar para o cancelamento',
  'dialog.next': 'Continuar',
  'dialog.step': 'Etapa {current}',

  'survey.title': 'Por que você está saindo?',
  'survey.description':
    'Sentimos muito que você esteja saindo. Informar um motivo é opcional. Isso nos ajuda a melhorar.',
  'survey.reasonsLabel': 'Motivo do cancelamento',
  'survey.followUpPlaceholder': 'Conte mais (opcional)',
};

export default ptBR;
