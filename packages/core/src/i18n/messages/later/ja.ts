import type { LaterCatalog } from '../en.ts';

/** Japanese, polite (です・ます). Japanese has one plural form, so counts are plain placeholders. */
const ja: LaterCatalog = {
  'feedback.title': 'ほかにお伝えいただけることはありますか？',
  'feedback.description': 'いただいたご意見はチームに直接届きます。',
  'feedback.label': 'ご意見',
  'feedback.placeholder': '改善できる点を教えてください',
  'feedback.counter': '{count}/{max}文字',
  'feedback.optional': '任意',

  'done.cancelledTitle': 'サブスクリプションを解約しました',
  'done.cancelledBody': 'これまでのご利用、ありがとうございました。この控えを保管してください。',
  'done.savedTitle': '引き続きのご利用ありがとうございます',
  'done.savedBody': '変更を反映しました。',
  'done.paused': 'サブスクリプションは{date}まで一時停止されます。',
  'done.planChanged': 'プランが{plan}になりました。',
  'done.withdrawnTitle': '契約の撤回を受け付けました',
  'done.close': '完了',

  'receipt.title': '解約の控え',
  'receipt.plan': 'プラン：{plan}',
  'receipt.subscription': 'サブスクリプション：{id}',
  'receipt.cancelledOn': '解約日時：{datetime}',
  'receipt.accessEndsOn': '利用終了日：{date}',
  'receipt.refund': '返金：{refund}',
  'receipt.withdrawal': '契約を撤回しました。お支払いいただいた金額は全額返金されます。',
  'receipt.refundedAlready': '最後のお支払いはすでに返金済みのため、追加の返金はありません。',
  'receipt.reference': '受付番号：{id}',
  'receipt.download': '控えをダウンロード',
  'receipt.print': '印刷',
  'busy.slow': 'まだ処理中です。あと数秒かかることがあります。',
  'busy.offline': 'インターネット接続の回復を待っています…',
};

export default ja;
