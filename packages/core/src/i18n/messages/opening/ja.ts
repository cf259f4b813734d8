import type { OpeningCatalog } from '../en.ts';

/** Japanese, polite (です・ます). Japanese has one plural form, so counts are plain placeholders. */
const ja: OpeningCatalog = {
  'dialog.close': '閉じる',
  'dialog.back': '戻る',
  'dialog.continueToCancel': '解約手続きを続ける',
  'dialog.next': '次へ',
  'dialog.step': 'ステップ {current}',

  'survey.title': '解約の理由を教えてください',
  'survey.description': '解約のお手続きを承ります。理由の選択は任意です。サービスの改善に役立てます。',
  'survey.reasonsLabel': '解約の理由',
  'survey.followUpPlaceholder': '詳しく教えてください（任意）',
};

export default ja;
