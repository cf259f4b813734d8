import type { OpeningCatalog } from '../en.ts';

/**
 * Modern Standard Arabic, laid out right to left. Counts take all six plural categories, in the
 * case the sentence needs: after "لمدة" and "خلال" the dual is genitive (شهرين, يومين); alone it is
 * nominative (شهران). 3–10 take the plural, 11–99 the accusative singular, 100… the genitive singular.
 */
const ar: OpeningCatalog = {
  'dialog.close': 'إغلاق',
  'dialog.back': 'رجوع',
  'dialog.continueToCancel': 'متابعة الإلغاء',
  'dialog.next': 'التالي',
  'dialog.step': 'الخطوة {current}',

  'survey.title': 'ما سبب الإلغاء؟',
  'survey.description': 'يؤسفنا رحيلك. اختيار السبب اختياري، لكنه يساعدنا على التحسين.',
  'survey.reasonsLabel': 'سبب الإلغاء',
  'survey.followUpPlaceholder': 'أخبرنا بالمزيد (اختياري)',
};

export default ar;
