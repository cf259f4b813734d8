import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'Seu cancelamento está confirmado',
  'mail.cancelled.intro': 'Confirmamos que sua assinatura foi cancelada. Guarde este e-mail.',
  'mail.withdrawn.subject': 'Sua desistência do contrato está confirmada',
  'mail.withdrawn.intro':
    'Confirmamos que você desistiu do contrato. Ele terminou hoje e tudo o que você pagou será reembolsado.',
  'mail.receipt': 'Ver seu comprovante',
  'mail.undo.note': 'Mudou de ideia? Você pode desfazer o cancelamento até {date}.',
  'mail.undo.noteOpen': 'Mudou de ideia? Você pode desfazer o cancelamento enquanto sua assinatura estiver ativa.',
  'mail.undo.action': 'Desfazer o cancelamento',
  'mail.saved.subject': 'Sua alteração está confirmada',
  'mail.saved.intro': 'Obrigado por ficar. Confirmamos a alteração da sua assinatura:',
  'mail.saved.applied': 'Sua alteração foi aplicada.',
  'mail.unsubscribe.note': 'Você recebe este e-mail por causa de uma alteração na sua assinatura.',
  'mail.unsubscribe.action': 'Cancelar inscrição',
  'mail.unsubscribe.page':
    'Parar de receber e-mails como este? Confirmações de cancelamento continuam sendo enviadas, como exige a lei.',
  'mail.unsubscribe.done': 'Sua inscrição foi cancelada. Não enviaremos mais e-mails como este.',
  'mail.undo.page': 'Sua assinatura continua como antes, assim como a cobrança.',
  'mail.undo.done': 'Seu cancelamento foi desfeito. Sua assinatura continua.',
  'mail.undo.tooLate': 'Esta assinatura já terminou, então o cancelamento não pode mais ser desfeito.',
  'mail.winback.subject': 'Adoraríamos ter você de volta',
  'mail.winback.intro': 'Faz um tempo que você cancelou. Quando quiser voltar, sua conta está pronta.',
  'mail.winback.offer': 'Volte agora e ganhe: {offer}',
  'mail.winback.action': 'Reativar minha assinatura',
  'mail.reactivate.page': 'Sua assinatura recomeça, assim como a cobrança.',
  'mail.reactivate.done': 'Bem-vindo de volta! Sua assinatura está ativa novamente.',
  'mail.link.invalid': 'Este link não é válido ou expirou.',
} satisfies MailCatalog;
