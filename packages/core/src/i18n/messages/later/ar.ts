import type { LaterCatalog } from '../en.ts';

/**
 * Modern Standard Arabic, laid out right to left. Counts take all six plural categories, in the
 * case the sentence needs: after "لمدة" and "خلال" the dual is genitive (شهرين, يومين); alone it is
 * nominative (شهران). 3–10 take the plural, 11–99 the accusative singular, 100… the genitive singular.
 */
const ar: LaterCatalog = {
  'feedback.title': 'هل تود إخبارنا بشيء آخر؟',
  'feedback.description': 'تصل ملاحظاتك مباشرةً إلى فريقنا.',
  'feedback.label': 'ملاحظاتك',
  'feedback.placeholder': 'ما الذي يمكننا تحسينه؟',
  // "Number of characters: X of Y" reads naturally without a plural.
  'feedback.counter': 'عدد الأحرف: {count} من {max}',
  'feedback.optional': 'اختياري',

  'done.cancelledTitle': 'تم إلغاء اشتراكك',
  'done.cancelledBody': 'شكرًا لثقتك بنا. احتفظ بهذا الإيصال لسجلاتك.',
  'done.savedTitle': 'شكرًا لبقائك معنا',
  'done.savedBody': 'تم تطبيق التغيير.',
  'done.paused': 'اشتراكك متوقف حتى {date}.',
  'done.planChanged': 'خطتك الآن {plan}.',
  'done.withdrawnTitle': 'تم تسجيل انسحابك من العقد',
  'done.close': 'تم',

  'receipt.title': 'إيصال الإلغاء',
  'receipt.plan': 'الخطة: {plan}',
  'receipt.subscription': 'الاشتراك: {id}',
  'receipt.cancelledOn': 'تاريخ الإلغاء: {datetime}',
  'receipt.accessEndsOn': 'تاريخ انتهاء الوصول: {date}',
  'receipt.refund': 'الاسترداد: {refund}',
  'receipt.withdrawal': 'لقد انسحبت من العقد: سيُردّ إليك كل ما دفعته.',
  'receipt.refundedAlready': 'سبق أن رُدّت إليك دفعتك الأخيرة؛ لا يُرد أي مبلغ آخر.',
  'receipt.reference': 'الرقم المرجعي: {id}',
  'receipt.download': 'تنزيل الإيصال',
  'receipt.print': 'طباعة',
  'busy.slow': 'ما زلنا نعمل على ذلك. قد يستغرق الأمر بضع ثوانٍ أخرى.',
  'busy.offline': 'في انتظار عودة اتصالك بالإنترنت…',
};

export default ar;
