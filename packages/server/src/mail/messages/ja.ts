import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': '解約が完了しました',
  'mail.cancelled.intro': 'ご契約の解約が完了したことをお知らせします。このメールは記録として保管してください。',
  'mail.withdrawn.subject': '契約の撤回が完了しました',
  'mail.withdrawn.intro': '契約の撤回を承りました。契約は本日終了し、お支払いいただいた全額を返金いたします。',
  'mail.receipt': '控えを表示',
  'mail.undo.note': '気が変わりましたか？{date}まで解約を取り消せます。',
  'mail.undo.noteOpen': '気が変わりましたか？ご契約が有効な間は解約を取り消せます。',
  'mail.undo.action': '解約を取り消す',
  'mail.saved.subject': '変更が完了しました',
  'mail.saved.intro': '引き続きご利用いただきありがとうございます。ご契約の変更内容は次のとおりです：',
  'mail.saved.applied': '変更が適用されました。',
  'mail.unsubscribe.note': 'ご契約の変更に伴い、このメールをお送りしています。',
  'mail.unsubscribe.action': '配信停止',
  'mail.unsubscribe.page': 'このようなメールの配信を停止しますか？解約の確認メールは法律に基づき引き続き送信されます。',
  'mail.unsubscribe.done': '配信を停止しました。今後このようなメールはお送りしません。',
  'mail.undo.page': 'ご契約はこれまでどおり継続し、請求も通常どおり行われます。',
  'mail.undo.done': '解約を取り消しました。ご契約は継続します。',
  'mail.undo.tooLate': 'このご契約はすでに終了しているため、解約を取り消すことはできません。',
  'mail.link.invalid': 'このリンクは無効か、有効期限が切れています。',
} satisfies MailCatalog;
