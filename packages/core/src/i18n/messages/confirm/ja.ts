import type { ConfirmCatalog } from '../en.ts';

/** Japanese, polite (です・ます). Japanese has one plural form, so counts are plain placeholders. */
const ja: ConfirmCatalog = {
  'confirm.title': '解約の確認',
  'confirm.description': '承知しました。解約する前に、以下の内容をご確認ください。',
  'confirm.accessEndsOn': '{date}にご利用が終了します。',
  'confirm.accessEndsNow': 'ご利用はただちに終了します。',
  'confirm.accessEndsPeriodEnd': '現在の請求期間の終了までご利用いただけます。',
  'confirm.refundNone': '現在の期間の返金はありません。',
  'confirm.refundAmount': '{amount}が返金されます。',
  'confirm.refundProrated': '現在の期間の未使用分が返金されます。',
  'confirm.refundFullWithin': '最後のお支払いから{days}日以内に解約すると、全額返金されます。',
  'confirm.withdraw': '契約を撤回する',
  'confirm.withdrawExplain':
    '契約から{days}日以内であれば、契約を撤回して、お支払いいただいた金額の返金を受けられます。',
  'confirm.withdrawEnded':
    '撤回期間は{date}に終了したため、契約を撤回することはできません。まだ何も解約されていません。下から解約できます。',
  'confirm.button': '解約する',
  'confirm.keep': 'サブスクリプションを続ける',
  'support.title': 'ご不明な点はお問い合わせください',
  'error.cancel': '解約手続きを完了できませんでした。もう一度お試しください。',
};

export default ja;
