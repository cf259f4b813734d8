import type { OfferCatalog } from '../en.ts';

/** Japanese, polite (です・ます). Japanese has one plural form, so counts are plain placeholders. */
const ja: OfferCatalog = {
  'offer.title': '解約の前に',
  'offer.decline': '今回は見送る',

  'discount.titlePercent': '{months}か月間{percent}オフ',
  'discount.titleAmount': '{months}か月間{amount}割引',
  'discount.body': '今のプランをお得な価格で続けられます。期間終了後は通常価格に戻ります。',
  'discount.newPrice': '新しい価格：{price}',
  'discount.accept': '割引を受ける',

  'pause.title': 'サブスクリプションを一時停止',
  'pause.body': '解約せずにお休みできます。アカウントとデータはそのまま残ります。',
  'pause.chooserLabel': '一時停止の期間',
  'pause.months': '{count}か月',
  'pause.weeks': '{count}週間',
  'pause.resumesOn': '{date}に請求が再開されます',
  'pause.accept': '一時停止する',

  'planChange.title': 'プランを変更',
  'planChange.body': '別のプランの方が合っているかもしれません。',
  'planChange.chooserLabel': '選べるプラン',
  'planChange.perMonth': '月額 {price}',
  'planChange.perYear': '年額 {price}',
  'planChange.accept': '{plan}に変更する',

  'trial.title': 'トライアルを延長',
  'trial.body': '追加料金なしで、じっくり検討できます。',
  'trial.days': 'さらに{days}日間',
  'trial.endsOn': 'トライアルは{date}に終了します',
  'trial.accept': 'トライアルを延長する',

  'contact.title': 'ご相談ください',
  'contact.body': 'うまくいかないことがあれば、担当者がお手伝いします。',
  'contact.email': 'メールで問い合わせる',
  'contact.chat': 'チャットで相談する',
  'contact.call': '電話する',
  'contact.book': '通話を予約する',

  'redirect.title': 'こちらが役立つかもしれません',
  'redirect.accept': '詳しく見る',

  'custom.title': 'あなたへの特典',
  'custom.accept': '特典を受ける',

  'error.offer':
    'この特典が適用されたことを確認できませんでした。もう一度お試しいただくか、解約手続きを続けてください。',
  'error.retry': '再試行',
};

export default ja;
